"""``digest()``: the whole pipeline, text in, :class:`Digest` out. No I/O."""

from __future__ import annotations

from newsdigest._version import __version__
from newsdigest.analysis.headline import make_headline
from newsdigest.analysis.keywords import keywords
from newsdigest.analysis.language import AUTO, Language, detect
from newsdigest.errors import InputError
from newsdigest.model import Digest, SourceInfo, Stats
from newsdigest.options import Options
from newsdigest.pipeline.clean import clean, clean_source, text_of
from newsdigest.pipeline.score import rank
from newsdigest.pipeline.segment import segment
from newsdigest.pipeline.select import select_facts, select_summary
from newsdigest.words import forget_sentences

#: For a --words budget, how many sentences to expect: news sentences run
#: about 20 words, so this errs on the side of considering more.
WORDS_PER_SENTENCE = 12


def digest(text: str, options: Options | None = None, *, source: SourceInfo | None = None) -> Digest:
    """Digest one article's text.

    ``source`` is what a web page said about itself (``Source.info`` from the
    load step): its title, cleaned of the site name, becomes the headline, and
    the rest is carried into the digest. Without a usable title the headline
    comes from the text, as for plain text.

    Raises :class:`~newsdigest.errors.InputError` when the text holds no
    sentence to summarise, and :class:`~newsdigest.errors.UsageError` for
    contradictory options (raised when the :class:`Options` are built).
    """
    try:
        return _digest(text, options or Options(), source)
    finally:
        forget_sentences()  # their tokens served this article; a batch's memory stays flat


def _digest(text: str, options: Options, source: SourceInfo | None) -> Digest:
    if not text.strip():
        raise InputError("the input is empty")
    article = clean(text)
    language = detect(text_of(article)) if options.language == AUTO else Language(options.language)
    # Outside the supported languages, sentences are split with the English
    # model (its rules are those of ". ! ?" before a space) and every other
    # step uses language-neutral rules.
    segments = segment(article, language.rules if language.supported else "english")
    sentences = segments.sentences
    if not sentences:
        raise InputError("no sentences to summarise: the text has no words outside boilerplate")
    candidates = [sentence for sentence in sentences if sentence.duplicate_of is None]
    source = clean_source(source) if source else None
    headline = make_headline((source and source.title) or article.title, candidates[0].text, language.rules)
    assert headline is not None  # there is a lead sentence
    ranking = rank(
        candidates,
        options.method,
        wanted=options.sentence_count(len(candidates), words_per_sentence=WORDS_PER_SENTENCE),
        headline=headline.text,
        language=language.rules,
    )
    summary = select_summary(candidates, ranking, options)
    facts = select_facts(candidates, ranking, summary, options.facts, language.rules)
    key_phrases = keywords(candidates, options.keywords, language.rules)
    boilerplate = article.boilerplate + segments.boilerplate
    return Digest(
        headline=headline,
        summary=summary,
        facts=facts,
        keywords=key_phrases,
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
        version=__version__,
        source=source,
        language=language,
    )
