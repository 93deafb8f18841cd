"""The formula language of computation callouts: a small parser and evaluator, never `eval`.

Grammar (templates/assets/calculations/formula.js parses the same language the same way):

    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary)*
    unary   := "-" unary | postfix
    postfix := primary "%"?              # 11% is 0.11
    primary := NUMBER | NAME | NAME "(" expr ("," expr)* ")" | "(" expr ")"

Functions: round(x, n) (halves away from zero, 0 <= n <= 10), min, max, sum, mean.
Bounds keep a hostile formula from hanging or crashing the build: its length, its nesting depth and
the magnitude of every number and intermediate result are limited.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Union

from ..codes import Code
from ..numbers import normalise, round_half_away

MAX_LENGTH = 500
MAX_DEPTH = 32
MAX_MAGNITUDE = 1e15
FUNCTIONS = ("round", "min", "max", "sum", "mean")

# Only these four characters separate tokens, here and in formula.js: "\s" differs between Python and
# JavaScript (U+001F, U+0085, U+FEFF …), and the two must accept exactly the same formulas.
_SPACE = re.compile(r"[ \t\r\n]*")
_TOKEN = re.compile(r"[ \t\r\n]*(?:(?P<number>[0-9]+(?:\.[0-9]+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>[-+*/%(),]))")


class FormulaError(Exception):
    """A problem in a formula; `code` is the diagnostic code, `position` the 0-based offset in it."""

    def __init__(self, code: Code, message: str, position: int, hint: str):
        super().__init__(message)
        self.code, self.message, self.position, self.hint = code, message, position, hint


@dataclass(frozen=True)
class Num:
    value: float
    text: str
    pos: int


@dataclass(frozen=True)
class Var:
    name: str
    pos: int


@dataclass(frozen=True)
class Neg:
    operand: "Expr"
    pos: int


@dataclass(frozen=True)
class Percent:
    operand: "Expr"
    pos: int


@dataclass(frozen=True)
class BinOp:
    op: str
    left: "Expr"
    right: "Expr"
    pos: int


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple["Expr", ...]
    pos: int


Expr = Union[Num, Var, Neg, Percent, BinOp, Call]


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    pos: int


def parse(formula: str) -> Expr:
    """Parse a formula into an expression tree, or raise FormulaError saying where and why."""
    if len(formula) > MAX_LENGTH:
        raise FormulaError(Code.FORMULA_TOO_BIG, f"The formula is {len(formula)} characters long; the limit is {MAX_LENGTH}.", 0,
                           "Split the calculation into several computations chained by `computation:` inputs.")
    parser = _Parser(_tokenize(formula), formula)
    expr = parser.expr(0)
    parser.expect_end()
    return expr


def _tokenize(formula: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(formula):
        space = _SPACE.match(formula, pos)
        at = space.end() if space else pos
        if at == len(formula):
            break
        match = _TOKEN.match(formula, pos)
        if not match:
            bad = formula[at]
            shown = bad if bad.isprintable() and not bad.isspace() else f"U+{ord(bad):04X}"
            raise FormulaError(Code.FORMULA_SYNTAX, f"The formula has a character it does not understand: '{shown}'.", at,
                               "Use numbers without thousands commas, input names, + - * / % ( ) and "
                               "round, min, max, sum, mean.")
        kind = match.lastgroup or "op"
        text = match.group(kind)
        if kind == "number" and len(text) > 20:
            raise FormulaError(Code.FORMULA_TOO_BIG, "A number in the formula has more than 20 digits.", match.start(kind),
                               "Write the number with fewer digits.")
        tokens.append(_Token(kind, text, match.start(kind)))
        pos = match.end()
    tokens.append(_Token("end", "", len(formula)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token], formula: str):
        self.tokens, self.index, self.formula = tokens, 0, formula

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def fail(self, message: str, hint: str = "Check the formula's brackets and operators.") -> FormulaError:
        return FormulaError(Code.FORMULA_SYNTAX, message, self.token.pos, hint)

    def expect_end(self) -> None:
        if self.token.kind != "end":
            raise self.fail(f"Unexpected '{self.token.text}' after a complete formula.")

    def expr(self, depth: int) -> Expr:
        self.check_depth(depth)
        left = self.term(depth)
        while self.token.text in ("+", "-") and self.token.kind == "op":
            op = self.advance()
            left = BinOp(op.text, left, self.term(depth), op.pos)
        return left

    def term(self, depth: int) -> Expr:
        left = self.unary(depth)
        while self.token.text in ("*", "/") and self.token.kind == "op":
            op = self.advance()
            left = BinOp(op.text, left, self.unary(depth), op.pos)
        return left

    def unary(self, depth: int) -> Expr:
        if self.token.kind == "op" and self.token.text == "-":
            op = self.advance()
            self.check_depth(depth + 1)
            return Neg(self.unary(depth + 1), op.pos)
        operand = self.primary(depth)
        if self.token.kind == "op" and self.token.text == "%":
            return Percent(operand, self.advance().pos)
        return operand

    def primary(self, depth: int) -> Expr:
        token = self.token
        if token.kind == "number":
            self.advance()
            value = float(token.text)
            if value > MAX_MAGNITUDE:
                raise FormulaError(Code.OUT_OF_RANGE, f"The number {token.text} is larger than the limit of 10^15.", token.pos,
                                   "Numbers in formulas are bounded so that a formula cannot crash the build.")
            return Num(value, token.text, token.pos)
        if token.kind == "name":
            self.advance()
            if self.token.kind == "op" and self.token.text == "(":
                return self.call(token, depth)
            return Var(token.text, token.pos)
        if token.kind == "op" and token.text == "(":
            self.advance()
            inner = self.expr(depth + 1)
            if not (self.token.kind == "op" and self.token.text == ")"):
                raise self.fail("A '(' is not closed.", "Add the missing ')'.")
            self.advance()
            return inner
        if token.kind == "end":
            raise self.fail("The formula ends where a number, a name or '(' was expected.")
        raise self.fail(f"Unexpected '{token.text}' where a number, a name or '(' was expected.")

    def call(self, name: _Token, depth: int) -> Expr:
        if name.text not in FUNCTIONS:
            raise FormulaError(Code.FORMULA_SYNTAX, f"'{name.text}' is not a function of the formula language.", name.pos,
                               "The functions are " + ", ".join(FUNCTIONS) + ".")
        self.advance()  # "("
        args = [self.expr(depth + 1)]
        while self.token.kind == "op" and self.token.text == ",":
            self.advance()
            args.append(self.expr(depth + 1))
        if not (self.token.kind == "op" and self.token.text == ")"):
            raise self.fail(f"The call of {name.text}( is not closed.", "Add the missing ')'.")
        self.advance()
        if name.text == "round" and len(args) != 2:
            raise FormulaError(Code.FORMULA_SYNTAX, "round takes two arguments: round(x, decimals).", name.pos,
                               "Write e.g. round(share, 1).")
        return Call(name.text, tuple(args), name.pos)

    def check_depth(self, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise FormulaError(Code.FORMULA_TOO_BIG, f"The formula nests deeper than {MAX_DEPTH} levels.", self.token.pos,
                               "Simplify the formula or split it into chained computations.")


def names_in(expr: Expr) -> set[str]:
    """The input names a formula uses."""
    if isinstance(expr, Var):
        return {expr.name}
    if isinstance(expr, (Neg, Percent)):
        return names_in(expr.operand)
    if isinstance(expr, BinOp):
        return names_in(expr.left) | names_in(expr.right)
    if isinstance(expr, Call):
        return set().union(*(names_in(a) for a in expr.args))
    return set()


def evaluate(expr: Expr, env: dict[str, float]) -> float:
    """The value of `expr` with the inputs in `env`; raises FormulaError for /0, overflow or bad round()."""
    if isinstance(expr, Num):
        return expr.value
    if isinstance(expr, Var):
        if expr.name not in env:
            raise FormulaError(Code.UNDECLARED_INPUT, f"The formula uses '{expr.name}', which is not a declared input.", expr.pos,
                               "Declare it under inputs:, or correct the name.")
        return _bounded(env[expr.name], expr.pos)
    if isinstance(expr, Neg):
        return normalise(-evaluate(expr.operand, env))
    if isinstance(expr, Percent):
        return _bounded(evaluate(expr.operand, env) / 100, expr.pos)
    if isinstance(expr, BinOp):
        left, right = evaluate(expr.left, env), evaluate(expr.right, env)
        if expr.op == "/" and right == 0:
            raise FormulaError(Code.DIVISION_BY_ZERO, "The formula divides by zero.", expr.pos,
                               "Check the divisor's inputs: one of them is zero.")
        result = {"+": lambda: left + right, "-": lambda: left - right,
                  "*": lambda: left * right, "/": lambda: left / right}[expr.op]()
        return _bounded(normalise(result), expr.pos)
    return _call(expr, [evaluate(a, env) for a in expr.args])


def _call(expr: Call, args: list[float]) -> float:
    if expr.function == "round":
        decimals = args[1]
        if decimals != int(decimals) or not 0 <= decimals <= 10:
            raise FormulaError(Code.FORMULA_SYNTAX, "round's second argument must be a whole number from 0 to 10.", expr.pos,
                               "Write e.g. round(x, 1).")
        return round_half_away(args[0], int(decimals))
    if expr.function == "min":
        return min(args)
    if expr.function == "max":
        return max(args)
    total = 0.0
    for value in args:  # left to right, as formula.js does: math.fsum or sum() could differ in the last digit
        total += value
    total = _bounded(total, expr.pos)
    return normalise(total if expr.function == "sum" else total / len(args))


def _bounded(value: float, pos: int) -> float:
    if not math.isfinite(value):
        raise FormulaError(Code.OUT_OF_RANGE, "The formula's result is not a finite number.", pos,
                           "Check the inputs for values that make the result infinite.")
    if abs(value) > MAX_MAGNITUDE:
        raise FormulaError(Code.OUT_OF_RANGE, "A value in the formula exceeds the limit of 10^15.", pos,
                           "Numbers in formulas are bounded so that a formula cannot crash the build.")
    return value


PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def render(expr: Expr, show_var: Callable[[str], str], show_num: Callable[[Num], str], parent: int = 0,
           right_side: bool = False) -> str:
    """The formula as text, with inputs shown by `show_var(name)` and minimal brackets (2,646 − (1,500 + 300))."""
    if isinstance(expr, Num):
        return show_num(expr)
    if isinstance(expr, Var):
        return show_var(expr.name)
    if isinstance(expr, Neg):
        return "−" + render(expr.operand, show_var, show_num, 3)
    if isinstance(expr, Percent):
        return render(expr.operand, show_var, show_num, 4) + "%"
    if isinstance(expr, Call):
        return expr.function + "(" + ", ".join(render(a, show_var, show_num) for a in expr.args) + ")"
    mine = PRECEDENCE[expr.op]
    symbol = {"+": "+", "-": "−", "*": "×", "/": "÷"}[expr.op]
    text = (render(expr.left, show_var, show_num, mine) + f" {symbol} "
            + render(expr.right, show_var, show_num, mine, right_side=True))
    needs_brackets = mine < parent or (mine == parent and right_side)
    return f"({text})" if needs_brackets else text
