"""The annotations export prints its JSON with its own indenter (outputs/annotations/indented.py, faster than the
standard library's pure-Python one): it must give exactly the text json.dumps gives, whatever the value."""
from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossa.outputs.annotations.indented import indented_json

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
           | st.text(alphabet=st.characters(codec="utf-8")))   # quotes, controls, Cyrillic, astral planes
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(value=VALUES, indent=st.integers(min_value=0, max_value=3))
def test_it_writes_what_json_dumps_writes(value: Any, indent: int) -> None:
    assert indented_json(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=True)


def test_a_tuple_is_written_as_a_list_and_a_key_must_be_a_string() -> None:
    assert indented_json({"a": (1, "é")}, 1) == json.dumps({"a": [1, "é"]}, ensure_ascii=False, indent=1)
    with pytest.raises(TypeError):
        indented_json({1: "x"}, 1)
