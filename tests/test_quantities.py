"""The counting conventions table of FORMAT.md, row by row, plus property tests."""
import pytest
from hypothesis import given, strategies as st

from harmwatch.extract.quantities import find_quantities, parse_number


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    return q.low, q.high, q.qualifier


@pytest.mark.parametrize(
    "phrase, low, high, qualifier",
    [
        # "56", "fifty-six" → exact
        ("56", 56, 56, "exact"),
        ("fifty-six", 56, 56, "exact"),
        # "at least N", "more than N", "over N", "N or more" → N, null
        ("at least 12", 12, None, "at least"),
        ("more than 200", 200, None, "more than"),
        ("over 40", 40, None, "over"),
        ("30 or more", 30, None, "at least"),
        ("no fewer than 52", 52, None, "at least"),
        # "as many as N", "up to N", "nearly N", "almost N", "fewer than N" → null, N
        ("as many as 212", None, 212, "as many as"),
        ("up to 15", None, 15, "up to"),
        ("nearly 5,000", None, 5000, "nearly"),
        ("almost 90", None, 90, "almost"),
        ("fewer than 10", None, 10, "fewer than"),
        # "about N", "around N", "some N", "an estimated N", "roughly N" → N, N
        ("about 32", 32, 32, "about"),
        ("around 100", 100, 100, "about"),
        ("some 70", 70, 70, "about"),
        ("an estimated 300", 300, 300, "about"),
        ("roughly 25", 25, 25, "about"),
        # "between A and B", "A to B", "A-B" → A, B
        ("between 20 and 30", 20, 30, "range"),
        ("20 to 30", 20, 30, "range"),
        ("20-30", 20, 30, "range"),
        ("between five and seven", 5, 7, "range"),
        # vague plurals
        ("dozens", 24, None, "dozens"),
        ("scores", 40, None, "scores"),
        ("hundreds", 200, None, "hundreds"),
        ("thousands", 2000, None, "thousands"),
        # "a dozen" → 12, 12, about
        ("a dozen", 12, 12, "about"),
    ],
)
def test_conventions_table(phrase, low, high, qualifier):
    assert one(f"Officials said {phrase} people were killed.") == (low, high, qualifier)


def test_spans_point_at_the_words():
    text = "The strike killed as many as 212 civilians."
    (q,) = find_quantities(text)
    assert text[q.start:q.end] == "as many as 212"


def test_year_ranges_are_not_counts():
    assert all(q.qualifier != "range" for q in find_quantities("the 2003-2011 US occupation"))


@pytest.mark.parametrize("words, value", [("twenty-one", 21), ("two hundred and twelve", 212),
                                          ("5,000", 5000), ("1.2 million", 1_200_000), ("a dozen", 12)])
def test_parse_number(words, value):
    assert parse_number(words) == value


@given(st.integers(min_value=0, max_value=10_000_000))
def test_digits_roundtrip(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.text(max_size=300))
def test_never_crashes_and_spans_are_ordered(text):
    prev_end = -1
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= prev_end
        prev_end = q.end
        assert q.low is not None or q.high is not None


def test_an_hour_span_is_no_count():
    assert [(q.low, q.high) for q in find_quantities("Gunmen killed 30 villagers between 9 and 10 pm.")] \
        == [(30, 30)]
    assert [(q.low, q.high) for q in find_quantities("They shelled the town from 8 to 9 a.m., killing 4.")] \
        == [(4, 4)]
    # control: a range of people is still a range
    assert [(q.low, q.high) for q in find_quantities("between 9 and 10 people were killed")] == [(9, 10)]
