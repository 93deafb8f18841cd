/* Glossa reader enhancements. The page is complete without this file; with it:
   - a paragraph number copies its permalink;
   - glossary terms open a popover with their definition (hover, focus, click, Enter or Space; Escape closes);
   - note marks move focus to their note, and Escape returns it;
   - adjustable inputs of calculations can be changed, and every dependent calculation is recomputed.
   The formula language is the one in glossa/formula.py, with the same arithmetic (IEEE doubles, rounding
   half away from zero, left-to-right sums); tests/cases/ runs both against the same table. No eval. */
(function () {
  "use strict";

  // --- arithmetic shared with glossa/numbers.py ---------------------------------------------------
  var MAX_LENGTH = 500, MAX_DEPTH = 32, MAX_MAGNITUDE = 1e15, COMPARE_DECIMALS = 9;
  var FUNCTIONS = ["round", "min", "max", "sum", "mean"];

  function normalise(x) { return x + 0; }

  function roundHalfAway(x, decimals) {
    var scale = Math.pow(10, decimals);
    var r = Math.floor(Math.abs(x) * scale + 0.5) / scale;
    return normalise(x < 0 ? -r : r);
  }

  function groupThousands(digits) {
    var groups = [];
    while (digits.length > 3) { groups.unshift(digits.slice(-3)); digits = digits.slice(0, -3); }
    groups.unshift(digits);
    return groups.join(",");
  }

  function formatNumber(x, decimals, percent) {
    var shown = percent ? x * 100 : x;
    var rounded = roundHalfAway(shown, decimals);
    var text = Math.abs(rounded).toFixed(decimals);
    var parts = text.split(".");
    var sign = rounded < 0 ? "\u2212" : "";
    return sign + groupThousands(parts[0]) + (parts[1] ? "." + parts[1] : "") + (percent ? "%" : "");
  }

  // --- the formula language: tokens, parser, evaluator -------------------------------------------
  function FormulaError(code, message, position) {
    this.code = code; this.message = message; this.position = position;
  }

  // Between tokens only space, tab, CR and LF, exactly as glossa/formula.py: not \s or trim(), whose
  // notions of white space differ between the languages (\u00a0, \ufeff, \x1f, \x85...).
  var SPACE = /[ \t\r\n]*/y;
  var ONLY_SPACE = /^[ \t\r\n]*$/;

  function tokenize(formula) {
    var re = /[ \t\r\n]*(?:([0-9]+(?:\.[0-9]+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*\/%(),]))/y;
    var tokens = [], pos = 0;
    while (pos < formula.length) {
      if (ONLY_SPACE.test(formula.slice(pos))) break;
      re.lastIndex = pos;
      var m = re.exec(formula);
      if (!m) {
        SPACE.lastIndex = pos;
        SPACE.exec(formula);
        throw new FormulaError("G140", "unexpected character", SPACE.lastIndex);
      }
      var start = m.index + m[0].length - (m[1] || m[2] || m[3]).length;
      if (m[1] !== undefined) {
        if (m[1].length > 20) throw new FormulaError("G145", "number too long", start);
        tokens.push({ kind: "number", text: m[1], pos: start });
      } else if (m[2] !== undefined) tokens.push({ kind: "name", text: m[2], pos: start });
      else tokens.push({ kind: "op", text: m[3], pos: start });
      pos = re.lastIndex;
    }
    tokens.push({ kind: "end", text: "", pos: formula.length });
    return tokens;
  }

  function parse(formula) {
    if (formula.length > MAX_LENGTH) throw new FormulaError("G145", "formula too long", 0);
    var tokens = tokenize(formula), i = 0;
    function tok() { return tokens[i]; }
    function isOp(text) { return tok().kind === "op" && tok().text === text; }
    function fail(message) { return new FormulaError("G140", message, tok().pos); }
    function checkDepth(depth) { if (depth > MAX_DEPTH) throw new FormulaError("G145", "too deep", tok().pos); }
    function expr(depth) {
      checkDepth(depth);
      var left = term(depth);
      while (isOp("+") || isOp("-")) { var op = tokens[i++]; left = { type: "bin", op: op.text, left: left, right: term(depth) }; }
      return left;
    }
    function term(depth) {
      var left = unary(depth);
      while (isOp("*") || isOp("/")) { var op = tokens[i++]; left = { type: "bin", op: op.text, left: left, right: unary(depth) }; }
      return left;
    }
    function unary(depth) {
      if (isOp("-")) { i++; checkDepth(depth + 1); return { type: "neg", operand: unary(depth + 1) }; }
      var operand = primary(depth);
      if (isOp("%")) { i++; return { type: "percent", operand: operand }; }
      return operand;
    }
    function primary(depth) {
      var t = tok();
      if (t.kind === "number") {
        i++;
        var value = parseFloat(t.text);
        if (value > MAX_MAGNITUDE) throw new FormulaError("G144", "number too large", t.pos);
        return { type: "num", value: value, text: t.text };
      }
      if (t.kind === "name") {
        i++;
        if (isOp("(")) return call(t, depth);
        return { type: "var", name: t.text, pos: t.pos };
      }
      if (isOp("(")) {
        i++;
        var inner = expr(depth + 1);
        if (!isOp(")")) throw fail("unclosed (");
        i++;
        return inner;
      }
      throw fail("unexpected " + (t.kind === "end" ? "end" : t.text));
    }
    function call(name, depth) {
      if (FUNCTIONS.indexOf(name.text) < 0) throw new FormulaError("G140", "unknown function", name.pos);
      i++;
      var args = [expr(depth + 1)];
      while (isOp(",")) { i++; args.push(expr(depth + 1)); }
      if (!isOp(")")) throw fail("unclosed call");
      i++;
      if (name.text === "round" && args.length !== 2) throw new FormulaError("G140", "round takes two arguments", name.pos);
      return { type: "call", fn: name.text, args: args };
    }
    var tree = expr(0);
    if (tok().kind !== "end") throw fail("unexpected " + tok().text);
    return tree;
  }

  function bounded(value) {
    if (!isFinite(value)) throw new FormulaError("G144", "not finite", 0);
    if (Math.abs(value) > MAX_MAGNITUDE) throw new FormulaError("G144", "exceeds 10^15", 0);
    return value;
  }

  function evaluate(node, env) {
    switch (node.type) {
      case "num": return node.value;
      case "var":
        if (!Object.prototype.hasOwnProperty.call(env, node.name)) throw new FormulaError("G141", "unknown input " + node.name, node.pos);
        return bounded(env[node.name]);
      case "neg": return normalise(-evaluate(node.operand, env));
      case "percent": return bounded(evaluate(node.operand, env) / 100);
      case "bin": {
        var l = evaluate(node.left, env), r = evaluate(node.right, env);
        if (node.op === "/" && r === 0) throw new FormulaError("G143", "division by zero", 0);
        var v = node.op === "+" ? l + r : node.op === "-" ? l - r : node.op === "*" ? l * r : l / r;
        return bounded(normalise(v));
      }
      case "call": {
        var args = node.args.map(function (a) { return evaluate(a, env); });
        if (node.fn === "round") {
          if (args[1] !== Math.floor(args[1]) || args[1] < 0 || args[1] > 10) throw new FormulaError("G140", "bad round", 0);
          return roundHalfAway(args[0], args[1]);
        }
        if (node.fn === "min") return Math.min.apply(null, args);
        if (node.fn === "max") return Math.max.apply(null, args);
        var total = 0;
        for (var k = 0; k < args.length; k++) total += args[k];
        total = bounded(total);
        return normalise(node.fn === "sum" ? total : total / args.length);
      }
    }
    throw new FormulaError("G140", "bad node", 0);
  }

  // --- verdicts, as glossa/computations.py judges them --------------------------------------------
  function units(number) { return parseFloat(number.text.replace(/%$/, "").replace(/,/g, "")); }

  function toleranceOf(claim) {
    var tol = claim.tolerance;
    if (!tol) return null;
    var ref = claim.comparator === "between" ? claim.low : claim.value;
    if (tol.percent && ref && !ref.percent) return Math.abs(ref.value) * tol.value;
    return tol.value;
  }

  function within(distance, tolerance) {
    if (tolerance !== null && roundHalfAway(distance, COMPARE_DECIMALS) <= roundHalfAway(tolerance, COMPARE_DECIMALS)) return "approx";
    return "fails";
  }

  function judge(result, claim) {
    var ref = claim.comparator === "between" ? claim.low : claim.value;
    var tol = toleranceOf(claim);
    if (claim.comparator === "equals" || claim.comparator === "about") {
      var u = ref.percent ? result * 100 : result;
      if (roundHalfAway(u, ref.decimals) === units(ref)) return "holds";
      return within(Math.abs(result - ref.value), tol);
    }
    if (claim.comparator === "between") {
      if (claim.low.value <= result && result <= claim.high.value) return "holds";
      return within(Math.max(claim.low.value - result, result - claim.high.value), tol);
    }
    var b = ref.value, holds = {
      "more-than": result > b, "at-least": result >= b, "less-than": result < b, "at-most": result <= b
    }[claim.comparator];
    return holds ? "holds" : within(Math.abs(result - b), tol);
  }

  function displayFor(result, claim) {
    var ref = claim.comparator === "between" ? claim.low : claim.value;
    var decimals = ref.decimals;
    if (claim.comparator === "equals" || claim.comparator === "about") return { decimals: decimals, percent: ref.percent };
    var bounds = [claim.value, claim.low, claim.high].filter(function (b) { return b; });
    for (var k = 0; k < 3; k++) {
      var shown = formatNumber(result, decimals, ref.percent);
      var clash = bounds.some(function (b) { return shown === formatNumber(b.value, decimals, ref.percent) && result !== b.value; });
      if (!clash) break;
      decimals += 1;
    }
    return { decimals: decimals, percent: ref.percent };
  }

  // A computed result shown as another calculation's input (glossa/computations.py input_text).
  function inputText(value, display) {
    var decimals = display.decimals;
    for (var k = 0; k < 3; k++) {
      var shown = formatNumber(value, decimals, display.percent);
      var back = parseFloat(shown.replace(/%$/, "").replace(/,/g, "").replace("\u2212", "-")) / (display.percent ? 100 : 1);
      if (value === 0 || Math.abs(back - value) <= Math.abs(value) * 0.0005) break;
      decimals += 1;
    }
    return formatNumber(value, decimals, display.percent);
  }

  // The formula with numbers in place and minimal brackets (glossa/formula.py render).
  var PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 };
  var SYMBOLS = { "+": "+", "-": "\u2212", "*": "\u00d7", "/": "\u00f7" };
  function renderFormula(node, showVar, parent, rightSide) {
    parent = parent || 0;
    switch (node.type) {
      case "num": return node.text;
      case "var": return showVar(node.name);
      case "neg": return "\u2212" + renderFormula(node.operand, showVar, 3);
      case "percent": return renderFormula(node.operand, showVar, 4) + "%";
      case "call": return node.fn + "(" + node.args.map(function (a) { return renderFormula(a, showVar); }).join(", ") + ")";
    }
    var mine = PRECEDENCE[node.op];
    var text = renderFormula(node.left, showVar, mine) + " " + SYMBOLS[node.op] + " " + renderFormula(node.right, showVar, mine, true);
    return (mine < parent || (mine === parent && rightSide)) ? "(" + text + ")" : text;
  }

  var VERDICTS = { holds: ["holds", "\u2713"], approx: ["approximately holds", "\u2248"], fails: ["does not hold", "\u2717"] };

  // Counts formula evaluations made by the page, so a test can show that one change costs one
  // evaluation per calculation (not one per path through the dependencies).
  var STATS = { evaluations: 0 };

  window.Glossa = { stats: STATS, parse: parse, evaluate: evaluate, formatNumber: formatNumber, roundHalfAway: roundHalfAway,
                    judge: judge, displayFor: displayFor, inputText: inputText,
                    renderFormula: function (formula, show) { return renderFormula(parse(formula), function (n) { return show[n]; }); },
                    compute: function (formula, env) { return evaluate(parse(formula), env); } };

  // --- page behaviour -----------------------------------------------------------------------------
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }


  function statusRegion() {
    var el = document.getElementById("glossa-status");
    if (!el) {
      el = document.createElement("div");
      el.id = "glossa-status"; el.className = "copy-status";
      el.setAttribute("role", "status");
      document.body.appendChild(el);
    }
    return el;
  }

  function setUpPermalinks() {
    var links = document.querySelectorAll("a.pnum");
    if (links.length) statusRegion();  // a live region must exist before it speaks, or it may not be heard
    links.forEach(function (link) {
      link.addEventListener("click", function () {
        var url = link.href;
        var done = function () {
          var status = statusRegion();
          status.textContent = "Link to paragraph copied";
          setTimeout(function () { status.textContent = ""; }, 2500);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, function () {});
      });
    });
  }

  // On narrow screens each paragraph's notes and calculations fold into a button under the paragraph,
  // so the text reads on; they open in place. hidden="until-found" keeps them findable with
  // find-in-page (the browser opens them on a match or on a link to them). Without JavaScript, or on
  // wide screens, everything stays open in the margin.
  var NARROW = "(max-width: 67.99rem)";

  function marginToggle(margin) {
    return document.querySelector('button.margin-toggle[aria-controls="' + margin.id + '"]');
  }

  function setMarginOpen(margin, open) {
    var button = marginToggle(margin);
    if (!button) return;
    if (open) margin.removeAttribute("hidden"); else margin.setAttribute("hidden", "until-found");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function revealMargin(element) {
    var margin = element.closest(".margin");
    if (margin) setMarginOpen(margin, true);
  }

  function describeMargin(margin) {
    var notes = margin.querySelectorAll(".note").length, calcs = margin.querySelectorAll(".callout").length;
    var parts = [];
    if (notes) parts.push(notes + (notes === 1 ? " note" : " notes"));
    if (calcs) parts.push(calcs + (calcs === 1 ? " calculation" : " calculations"));
    return parts.join(", ");
  }

  function setUpNarrowMargins() {
    var query = window.matchMedia(NARROW);
    var margins = Array.prototype.slice.call(document.querySelectorAll(".margin[id]"));
    if (!margins.length) return;
    function apply() {
      margins.forEach(function (margin) {
        var button = marginToggle(margin);
        if (query.matches && !button) {
          button = document.createElement("button");
          button.type = "button"; button.className = "margin-toggle";
          button.setAttribute("aria-controls", margin.id);
          var paragraph = margin.parentNode.querySelector("p.body");
          button.textContent = "Editor: " + describeMargin(margin);
          var where = document.createElement("span");
          where.className = "visually-hidden";
          where.textContent = " on paragraph " + (paragraph ? paragraph.id.slice(2) : "");
          button.appendChild(where);
          button.addEventListener("click", function () {
            setMarginOpen(margin, button.getAttribute("aria-expanded") !== "true");
          });
          margin.parentNode.insertBefore(button, margin);
          margin.addEventListener("beforematch", function () { button.setAttribute("aria-expanded", "true"); });
          var target = location.hash && document.getElementById(location.hash.slice(1));
          setMarginOpen(margin, !!(target && margin.contains(target)));
        } else if (!query.matches && button) {
          margin.removeAttribute("hidden");
          button.remove();
        }
      });
    }
    apply();
    if (query.addEventListener) query.addEventListener("change", apply);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#calc-"], a[href^="#note-"]');
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (target) revealMargin(target);
    }, true);
    window.addEventListener("hashchange", function () {
      var target = location.hash && document.getElementById(location.hash.slice(1));
      if (target) revealMargin(target);
    });
  }

  function setUpNotes() {
    document.querySelectorAll("a.noteref").forEach(function (ref) {
      var note = document.getElementById(ref.getAttribute("href").slice(1));
      if (!note) return;
      note.setAttribute("tabindex", "-1");
      ref.addEventListener("click", function (event) {
        event.preventDefault();
        revealMargin(note);
        history.replaceState(null, "", "#" + note.id);
        document.querySelectorAll(".is-current").forEach(function (el) { el.classList.remove("is-current"); });
        note.classList.add("is-current");
        note.focus({ preventScroll: true });
        note.scrollIntoView({ block: "nearest" });
      });
      note.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { note.classList.remove("is-current"); ref.focus(); }
      });
    });
  }

  function setUpGlossary() {
    var terms = document.querySelectorAll("a.term");
    if (!terms.length) return;
    var pop = document.createElement("div");
    pop.className = "glossary-popover"; pop.id = "glossary-popover"; pop.hidden = true;
    pop.setAttribute("role", "dialog"); pop.setAttribute("tabindex", "-1");
    document.body.appendChild(pop);
    var owner = null, pinned = false, hideTimer = null, returning = false;

    function definitionFor(id) { return document.getElementById("term-" + id); }

    function fill(link) {
      var def = definitionFor(link.dataset.term);
      pop.textContent = "";
      var close = document.createElement("button");
      close.type = "button"; close.className = "popover-close"; close.textContent = "Close";
      close.addEventListener("click", function () { hide(true); });
      var title = document.createElement("p");
      title.className = "popover-term"; title.id = "glossary-popover-title";
      title.textContent = def ? def.querySelector("dt").textContent.trim() : link.textContent;
      pop.appendChild(close); pop.appendChild(title);
      if (def) {
        var body = def.querySelector("dd").cloneNode(true);
        var occurs = body.querySelector(".occurs");
        if (occurs) occurs.remove();
        while (body.firstChild) pop.appendChild(body.firstChild);
      }
      var more = document.createElement("p");
      var a = document.createElement("a");
      a.href = link.href; a.textContent = "Full entry in the glossary";
      more.appendChild(a); pop.appendChild(more);
      pop.setAttribute("aria-labelledby", "glossary-popover-title");
    }

    function place(link) {
      // Below the term, or above it if there is no room: never over the words it explains.
      var r = link.getBoundingClientRect();
      pop.style.left = "0px"; pop.style.top = "0px";
      var width = pop.offsetWidth, height = pop.offsetHeight;
      var left = Math.min(Math.max(8, r.left), document.documentElement.clientWidth - width - 8);
      var top = r.bottom + 6;
      if (top + height > window.innerHeight && r.top - height - 6 > 0) top = r.top - height - 6;
      pop.style.left = (left + window.scrollX) + "px";
      pop.style.top = (top + window.scrollY) + "px";
    }

    function show(link, pin) {
      clearTimeout(hideTimer);
      if (owner && owner !== link) owner.setAttribute("aria-expanded", "false");
      owner = link; pinned = pin;
      fill(link);
      pop.hidden = false;
      link.setAttribute("aria-expanded", "true");
      place(link);
      if (pin) pop.focus();
    }

    function hide(returnFocus) {
      if (!owner) return;
      pop.hidden = true;
      owner.setAttribute("aria-expanded", "false");
      var was = owner;
      owner = null; pinned = false;
      if (returnFocus) {
        returning = true;  // focus goes back to the term: that must not open the popover again
        try { was.focus(); } finally { returning = false; }
      }
    }

    terms.forEach(function (link) {
      link.setAttribute("aria-expanded", "false");
      link.setAttribute("aria-controls", "glossary-popover");
      link.addEventListener("mouseenter", function () { if (!pinned) show(link, false); });
      link.addEventListener("mouseleave", function () { if (!pinned) hideTimer = setTimeout(function () { hide(false); }, 300); });
      link.addEventListener("focus", function () { if (!pinned && !returning) show(link, false); });
      link.addEventListener("blur", function () { if (!pinned) hideTimer = setTimeout(function () { if (!pinned && !pop.contains(document.activeElement)) hide(false); }, 150); });
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;  // open-in-new-tab still works
        event.preventDefault();
        show(link, true);
      });
      link.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); show(link, true); }
        else if (event.key === "Escape") hide(false);
      });
    });
    pop.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    pop.addEventListener("mouseleave", function () { if (!pinned) hideTimer = setTimeout(function () { hide(false); }, 300); });
    pop.addEventListener("keydown", function (event) { if (event.key === "Escape") { event.preventDefault(); hide(true); } });
    pop.addEventListener("focusout", function (event) {
      // Tabbing out of an open popover closes it, unless focus goes back to its term.
      var next = event.relatedTarget;
      if (owner && pinned && next && !pop.contains(next) && next !== owner) hide(false);
    });
    document.addEventListener("click", function (event) {
      if (owner && pinned && !pop.contains(event.target) && event.target !== owner && !owner.contains(event.target)) hide(false);
    });
  }

  // A recomputation that fails (a divisor the reader set to 0, a result beyond 10^15) shows a neutral state.
  var UNCOMPUTABLE = { result: "cannot be computed", symbol: "?", label: "Cannot be computed with these inputs" };

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function setUpCalculations() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".callout[data-spec]"));
    if (!boxes.length) return;
    var specs = {}, order = [];
    boxes.forEach(function (box) {
      var spec;
      try {
        spec = JSON.parse(box.dataset.spec);
        spec.tree = parse(spec.formula);
      } catch (e) {
        return;  // this callout stays as built, not interactive; the others are still enhanced
      }
      spec.box = box;
      specs[spec.id] = spec; order.push(spec.id);
    });
    if (!order.length) return;
    var overrides = {};

    function upstreamOf(id, input) {
      return input.computation && has(specs, input.computation) && !has(cyclic, id + "." + input.name)
        ? input.computation : null;
    }

    // Dependency order: every callout after the callouts whose results it takes. The build refuses cycles;
    // should one reach the page all the same, the input that closes it keeps its stated value.
    var sorted = [], state = {}, cyclic = {};
    function visit(id) {
      state[id] = "visiting";
      specs[id].inputs.forEach(function (input) {
        var up = input.computation;
        if (!up || !has(specs, up)) return;
        if (state[up] === "visiting") cyclic[id + "." + input.name] = true;
        else if (!state[up]) visit(up);
      });
      state[id] = "done";
      sorted.push(id);
    }
    order.forEach(function (id) { if (!state[id]) visit(id); });

    // For each callout, the callouts that depend on it (itself included), directly or not.
    var upstream = {}, dependents = {}, consumers = {};
    sorted.forEach(function (id) {
      var closure = {};
      closure[id] = true;
      dependents[id] = {}; consumers[id] = consumers[id] || [];
      specs[id].inputs.forEach(function (input) {
        var up = upstreamOf(id, input);
        if (!up) return;
        Object.keys(upstream[up]).forEach(function (u) { closure[u] = true; });
        (consumers[up] = consumers[up] || []).push({ id: id, name: input.name });
      });
      upstream[id] = closure;
    });
    sorted.forEach(function (id) { Object.keys(upstream[id]).forEach(function (u) { dependents[u][id] = true; }); });

    // Every result once, in dependency order: {value} or {failed: true}.
    function computeAll() {
      var results = {};
      sorted.forEach(function (id) {
        var spec = specs[id], env = {}, failed = false;
        spec.inputs.forEach(function (input) {
          var key = id + "." + input.name, up = upstreamOf(id, input);
          if (has(overrides, key)) env[input.name] = overrides[key];
          else if (up) {
            if (results[up].failed) failed = true;
            else env[input.name] = results[up].value;
          } else env[input.name] = input.value;
        });
        if (failed) { results[id] = { failed: true }; return; }
        STATS.evaluations += 1;
        try { results[id] = { value: evaluate(spec.tree, env) }; } catch (e) { results[id] = { failed: true }; }
      });
      return results;
    }

    // How an input is printed in its callout's formula line: as typed by the reader, as stated, or as
    // the other calculation's current result ("?" when that cannot be computed).
    function shownInput(id, name, results) {
      var spec = specs[id];
      var input = spec.inputs.filter(function (i) { return i.name === name; })[0];
      var key = id + "." + name, display = { decimals: input.decimals, percent: input.percent };
      if (has(overrides, key)) return inputText(overrides[key], display);
      var up = upstreamOf(id, input);
      if (up) {
        var other = results[up];
        return other.failed ? UNCOMPUTABLE.symbol : inputText(other.value, displayFor(other.value, specs[up].claim));
      }
      return formatNumber(input.value, input.decimals, input.percent);
    }

    // The in-text chip's hidden words after its value: ", the author's figure holds" as built.
    function chipLabel(ref) {
      var spans = ref.querySelectorAll(".visually-hidden"), last = spans[spans.length - 1];
      var value = ref.querySelector(".calcref-value");
      if (!last || !value || !(value.compareDocumentPosition(last) & Node.DOCUMENT_POSITION_FOLLOWING)) return null;
      return last;
    }
    var chipPrefix = {};
    order.forEach(function (id) {
      var ref = document.getElementById("calcref-" + id), label = ref && chipLabel(ref);
      var built = VERDICTS[ref && ref.dataset.verdict];
      if (!label || !built) return;
      var text = label.textContent;
      if (text.slice(-built[0].length) === built[0]) chipPrefix[id] = text.slice(0, -built[0].length);
    });

    function showVerdict(id, box, ref, result, display, verdict) {
      var shown = formatNumber(result, display.decimals, display.percent);
      box.dataset.verdict = verdict; box.dataset.value = String(result);
      box.querySelector(".calc-result").textContent = shown;
      box.querySelector(".verdict-symbol").textContent = VERDICTS[verdict][1];
      var label = VERDICTS[verdict][0];
      box.querySelector(".verdict-label").textContent = label.charAt(0).toUpperCase() + label.slice(1);
      if (!ref) return;
      ref.dataset.verdict = verdict; ref.dataset.value = String(result);
      ref.querySelector(".calc-symbol").textContent = VERDICTS[verdict][1];
      ref.querySelector(".calcref-value").textContent = shown;
      var hidden = chipLabel(ref);
      if (hidden && has(chipPrefix, id)) hidden.textContent = chipPrefix[id] + label;
    }

    function showUncomputable(id, box, ref) {
      box.dataset.verdict = "none"; box.dataset.value = "";
      box.querySelector(".calc-result").textContent = UNCOMPUTABLE.result;
      box.querySelector(".verdict-symbol").textContent = UNCOMPUTABLE.symbol;
      box.querySelector(".verdict-label").textContent = UNCOMPUTABLE.label;
      if (!ref) return;
      ref.dataset.verdict = "none"; ref.dataset.value = "";
      ref.querySelector(".calc-symbol").textContent = UNCOMPUTABLE.symbol;
      ref.querySelector(".calcref-value").textContent = UNCOMPUTABLE.result;
      var hidden = chipLabel(ref);
      if (hidden && has(chipPrefix, id)) hidden.textContent = " with these inputs";
    }

    function update(changedId) {
      var results = computeAll(), affected = dependents[changedId] || {};
      order.forEach(function (id) {
        if (!affected[id]) return;
        var spec = specs[id], box = spec.box, outcome = results[id], cellText;
        var ref = document.getElementById("calcref-" + id);
        var line = box.querySelector(".calc-formula");  // absent when the callout passes on another's result
        if (line) line.textContent = renderFormula(spec.tree, function (name) { return shownInput(id, name, results); });
        if (outcome.failed) {
          showUncomputable(id, box, ref);
          cellText = UNCOMPUTABLE.result;
        } else {
          var result = outcome.value, display = displayFor(result, spec.claim);
          showVerdict(id, box, ref, result, display, judge(result, spec.claim));
          cellText = inputText(result, display);
        }
        // Inputs of other callouts that show this result.
        consumers[id].forEach(function (use) {
          var cell = specs[use.id].box.querySelector('tr[data-input="' + use.name + '"] .calc-input-value');
          if (cell && !cell.querySelector("input")) cell.textContent = cellText;
        });
      });
    }

    order.forEach(function (id) {
      var spec = specs[id], box = spec.box;
      spec.inputs.forEach(function (input) {
        if (!input.adjustable || input.computation) return;
        var row = box.querySelector('tr[data-input="' + input.name + '"]');
        var cell = row && row.querySelector(".calc-input-value");
        if (!cell) return;
        var field = document.createElement("input");
        field.type = "number"; field.step = "any"; field.inputMode = "decimal";
        field.value = String(roundHalfAway(input.percent ? input.value * 100 : input.value, 10));
        field.setAttribute("aria-label", row.querySelector("th").textContent.trim() + (input.percent ? " (percent)" : ""));
        var original = cell.textContent;
        cell.textContent = "";
        cell.appendChild(field);
        if (input.percent) cell.appendChild(document.createTextNode(" %"));
        var reset = document.createElement("button");
        reset.type = "button"; reset.className = "calc-reset"; reset.textContent = "Reset to " + original;
        reset.addEventListener("click", function () {
          delete overrides[spec.id + "." + input.name];
          field.value = String(roundHalfAway(input.percent ? input.value * 100 : input.value, 10));
          update(spec.id);
        });
        cell.appendChild(document.createElement("br"));
        cell.appendChild(reset);
        field.addEventListener("input", function () {
          var v = parseFloat(field.value);
          if (!isFinite(v)) return;
          overrides[spec.id + "." + input.name] = input.percent ? v / 100 : v;
          update(spec.id);
        });
      });
    });
  }

  // Last, so that every function and constant above is defined before the page is enhanced.
  ready(function () {
    setUpPermalinks();
    setUpNarrowMargins();
    setUpNotes();
    setUpGlossary();
    setUpCalculations();
  });
})();
