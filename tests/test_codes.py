"""The diagnostic code vocabulary: one registry, every code produced by a bad-input case, docs generated from it."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from glossa.codes import Code
from glossa.diagnostics import SourceLocation, error

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "bad"
sys.path.insert(0, str(ROOT / "scripts"))

import diagnostics_doc  # noqa: E402


def test_every_code_has_one_number_and_a_title_meaning_and_fix():
    numbers = [code.value for code in Code]
    assert len(numbers) == len(set(numbers)) == len(Code.__members__), "two members share a number"
    for code in Code:
        assert re.fullmatch(r"G1\d\d", code), code
        assert code.headline and code.meaning and code.fix, code
        assert "\n" not in code.meaning and code.meaning.endswith("."), code


def test_every_code_is_produced_by_a_bad_input_case():
    produced = set()
    for case in CASES.iterdir():
        produced |= diagnostics_doc.expected_codes(case)
    assert produced - {c.value for c in Code} == set(), "a case expects a code the registry does not hold"
    assert {c.value for c in Code} - produced == set(), "add a tests/cases/bad/ case for these codes"


def test_no_module_spells_a_code_outside_the_registry():
    for path in sorted((ROOT / "glossa").glob("*.py")):
        if path.name == "codes.py":
            continue
        spelled = re.findall(r"[\"']G\d{3}[\"']", path.read_text(encoding="utf-8"))
        assert spelled == [], f"{path.name} spells {spelled}: name a member of glossa.codes.Code instead"


def test_committed_docs_equal_the_generated_ones():
    """docs/diagnostics.md and CONTRIBUTING.md's table are generated: run scripts/diagnostics_doc.py."""
    doc = diagnostics_doc.render_doc(diagnostics_doc.examples())
    assert (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8") == doc
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert diagnostics_doc.with_table(contributing) == contributing
    assert "No test case produces this code yet." not in doc


def test_a_code_is_found_by_its_number_and_an_unknown_number_refused():
    assert Code.of("G130") is Code.QUOTE_NOT_FOUND == "G130"
    assert f"{Code.QUOTE_NOT_FOUND}" == str(Code.QUOTE_NOT_FOUND) == "G130"  # prints as the number
    assert error(Code.QUOTE_NOT_FOUND, "m", SourceLocation("f", 1)).hint == Code.QUOTE_NOT_FOUND.fix
    with pytest.raises(ValueError):
        Code.of("G999")
