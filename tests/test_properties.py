"""Invariants of digest() and the renderers over arbitrary text (hypothesis)."""

from __future__ import annotations

import io
import json
import math
import re

from hypothesis import given
from hypothesis import strategies as st

from newsdigest import NewsdigestError, Options, digest
from newsdigest.output.render import Format, render

WORDS = st.sampled_from(
    "the council approved budget on Monday $12m 3.5% OpenAI GitHub “quote” [bold] [/] \x1b[31m é 中文 🙂 U.S. Mr. e.g. ...".split()
)
PUNCT = st.sampled_from([".", "!", "?", "", "...", ",", ":", "”", "."])
SENTENCE = st.builds(lambda ws, p: " ".join(ws) + p, st.lists(WORDS, min_size=1, max_size=14), PUNCT)
LINE = st.builds(" ".join, st.lists(SENTENCE, min_size=1, max_size=4))
ARTICLE = st.builds("\n".join, st.lists(st.one_of(LINE, st.just(""), st.text(max_size=40)), min_size=1, max_size=14))
OPTIONS = st.one_of(
    st.builds(Options, sentences=st.integers(1, 6), facts=st.integers(0, 6)),
    st.builds(Options, ratio=st.floats(0.01, 1.0)),
    st.builds(Options, words=st.integers(1, 80)),
    st.builds(Options, method=st.sampled_from(["news", "lead", "learned", "lexrank", "textrank"])),
)
ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@given(text=st.one_of(ARTICLE, st.text(max_size=300)), options=OPTIONS)
def test_digest_invariants(text: str, options: Options) -> None:
    try:
        result = digest(text, options)
    except NewsdigestError:
        return  # the only exceptions allowed
    indices = [item.index for item in result.summary]
    assert result.summary, "never an empty summary"
    assert indices == sorted(set(indices)), "document order, no repeats"
    assert set(indices) <= set(range(result.stats.sentences))
    assert all(math.isfinite(item.score) and 0 <= item.score <= 1 for item in result.summary + result.facts)  # type: ignore[operator]
    if options.words is not None:
        assert result.summary_words <= options.words
    else:
        assert len(result.summary) <= options.sentence_count(result.stats.sentences)
    assert len(result.facts) <= options.facts
    assert not {f.index for f in result.facts} & set(indices)
    assert digest(text, options) == result, "deterministic"


@given(text=ARTICLE)
def test_renderers_never_leak_control_characters_and_json_round_trips(text: str) -> None:
    try:
        result = digest(text)
    except NewsdigestError:
        return
    for fmt in Format:
        out = io.StringIO()
        render(result, fmt, out)
        assert not ESCAPE.search(out.getvalue().replace("\n", "")), fmt
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data == result.to_dict()
