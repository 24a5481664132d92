"""``digest()``: the whole pipeline, text in, :class:`Digest` out. No I/O."""

from __future__ import annotations

from functools import cache

from .clean import clean
from .errors import InputError
from .headline import make_headline
from .model import Digest, Stats
from .options import Options
from .score import rank
from .segment import segment
from .select import select_facts, select_summary


def digest(text: str, options: Options | None = None) -> Digest:
    """Digest one article's text.

    Raises :class:`~newsdigest.errors.InputError` when the text holds no
    sentence to summarise, and :class:`~newsdigest.errors.UsageError` for
    contradictory options (raised when the :class:`Options` are built).
    """
    options = options or Options()
    if not text.strip():
        raise InputError("the input is empty")
    article = clean(text)
    segments = segment(article, options.language)
    sentences = segments.sentences
    if not sentences:
        raise InputError("no sentences to summarise: the text has no words outside boilerplate")
    candidates = [sentence for sentence in sentences if sentence.duplicate_of is None]
    headline = make_headline(article.title, candidates[0].text)
    assert headline is not None  # there is a lead sentence
    ranking = rank(candidates, options.method, headline=headline.text, language=options.language)
    summary = select_summary(candidates, ranking, options)
    facts = select_facts(candidates, ranking, summary, options.facts)
    boilerplate = article.boilerplate + segments.boilerplate
    return Digest(
        headline=headline,
        summary=summary,
        facts=facts,
        stats=Stats(
            words=sum(sentence.words for sentence in sentences),
            sentences=len(sentences),
            duplicates=len(sentences) - len(candidates),
            headings=len(article.headings),
            boilerplate=len(boilerplate),
        ),
        method=options.method,
        settings=options.settings(),
        title=article.title,
        headings=article.headings,
        boilerplate=boilerplate,
        version=_version(),
    )


@cache  # reading package metadata costs about a millisecond: once per process, not per article
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsdigest")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"
