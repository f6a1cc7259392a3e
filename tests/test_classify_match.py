"""kladoc.classify.match_type: the earliest keyword wins, a longer one breaks a tie, then the
smaller type id; checked against one search per keyword (the rule as written)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kladoc.checklist import load_checklist
from kladoc.checklist.model import EvidenceType
from kladoc.classify import _keyword_patterns, _words, match_type

TYPES = tuple(load_checklist("kla-2024").evidence_types.values())
TITLE = {"id": "t", "en": "t"}


def reference(text: str, types: tuple[EvidenceType, ...]) -> str | None:
    words = _words(text)
    best: tuple[int, int, str] | None = None
    for keyword, type_id in _keyword_patterns(tuple((t.id, t.keywords) for t in types)):
        pos = words.find(keyword)
        if pos >= 0 and (best is None or (pos, -len(keyword), type_id) < best):
            best = (pos, -len(keyword), type_id)
    return best[2] if best else None


def test_ties_go_to_the_longer_keyword_then_the_smaller_type_id() -> None:
    types = (
        EvidenceType("zeta", TITLE, ("surat",)),
        EvidenceType("sk", TITLE, ("Surat Keputusan", "SK")),
        EvidenceType("alpha", TITLE, ("surat", "a+b (c)")),
    )
    assert match_type("Surat keputusan bupati", types) == "sk"
    assert match_type("surat edaran", types) == "alpha"  # "surat" names both: smaller id
    assert match_type("laporan, SK: surat keputusan", types) == "sk"
    assert match_type("nota A+B (c) surat", types) == "alpha"  # punctuation is a word break
    assert match_type("suratkeputusan", types) is None  # whole words only
    assert match_type("", types) is None
    assert match_type("apa saja", ()) is None


def test_the_checklist_vocabulary_gives_what_one_search_per_keyword_gives() -> None:
    words = sorted(
        {
            w
            for _, k in _keyword_patterns(tuple((t.id, t.keywords) for t in TYPES))
            for w in k.split()
        }
    )
    pool = [*words, "dan", "2024", "x"]
    rng = random.Random(5)
    checked = 0
    for _ in range(3000):
        text = " ".join(rng.choice(pool) for _ in range(rng.randrange(12)))
        assert match_type(text, TYPES) == reference(text, TYPES), text
        checked += match_type(text, TYPES) is not None
    assert checked > 1000  # most random texts hit a keyword: the comparison is not vacuous


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abks .-/é", max_size=40))
def test_any_text_gives_what_one_search_per_keyword_gives(text: str) -> None:
    types = (
        EvidenceType("a", TITLE, ("a b", "a", "k")),
        EvidenceType("b", TITLE, ("a b", "b s", "é")),
        EvidenceType("c", TITLE, ("s", "b")),
    )
    assert match_type(text, types) == reference(text, types)
