"""Dates in edition metadata, as readers see them."""
from glossa.records import human_date


def test_dates_are_written_out():
    assert human_date("1936-01-11") == "11 January 1936"
    assert human_date("1936-02") == "February 1936"
    assert human_date("1953") == "1953"
