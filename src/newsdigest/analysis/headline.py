"""The headline: the article's title line, or one made from the lead sentence.

A generated headline is the lead's main clause, made shorter only by dropping
whole constituents, never by cutting inside a phrase:

1. a dateline before the story ("BUFFALO, N.Y. —", "LONDON (Reuters) -",
   "By Jane Doe | Published 3 May 2024") and parentheticals go, in every
   language;
2. in English, a lead-in adverbial ("In a joint statement published Oct. 25,",
   "As of 29 November 2018,") goes, so that the main clause leads; so do
   appositives between commas or dashes ("Jessie Usher, the lead of ...,"),
   a relative clause between the subject and its verb ("Investors who lost
   money ... are to receive"), an attribution ("..., officials said") and a
   trailing participle or relative clause (", confirming ...", ", which ...");
3. when the clause is still longer than ``MAX_WORDS`` words, trailing phrases
   go whole: the text is cut before a clause break ("and", "as", "after", a
   comma) or, failing that, before a preposition, infinitive or subordinator
   that opens the last phrases, keeping a verb in what is left;
4. a function word or a modifier left dangling at the end ("the", "of",
   "potential") goes (in other languages: a word of the language's stop list).

Only when a clause has no phrase boundary at all inside twice the limit is it
shortened to ``MAX_WORDS`` words, ending in "…".

Every pattern here is linear in the text's length: bounded repetitions of
character classes, no nested repetition that can backtrack on a long word.
"""

from __future__ import annotations

import re

from newsdigest.model import Headline
from newsdigest.words import stop_words

MAX_WORDS = 16
#: A compressed clause keeps at least this many words; a shorter result means
#: the step removed the clause itself, and is not taken.
MIN_WORDS = 4
# Parentheses only: square brackets mark editorial insertions ("[sic]") that
# a reader needs, and may be literal text.
_PARENTHETICAL = re.compile(r"\s*\([^()]{0,200}\)")
#: "BUFFALO, N.Y. — ", "CLEVELAND, Ohio – ", "NEW YORK (AP) — ", "Washington, D.C. -- ":
#: a place in capitals (or a capitalised place and a state or country), an
#: optional agency in parentheses, then a dash.
_DATELINE = re.compile(
    r"""^(?:[A-ZÀ-Ý][A-ZÀ-Ý.'’-]+(?:\s[A-ZÀ-Ý][A-ZÀ-Ý.'’-]+){0,3}      # BUFFALO / NEW YORK
          (?:,\s?[A-Z][\w.'’]{0,15}(?:\s[A-Z][\w.'’]{0,15}){0,2})?     # , N.Y. / , Ohio
        |[A-Z][\w.'’-]{1,20}(?:\s[A-Z][\w.'’-]{1,20}){0,2},\s?[A-Z][\w.'’]{0,15}(?:\s[A-Z][\w.'’]{0,15}){0,2}
        )
        \s?(?:\([\w .,/&-]{1,30}\)\s?)?                                 # (Reuters)
        (?:[-–—]{1,2}|:)\s""",
    re.VERBOSE,
)
#: "By Jane Doe | Published 3 May 2024 | " and "By Jane Doe and John Roe, Staff writers - ".
_BYLINE_LEAD = re.compile(
    r"^By\s[A-Z][\w.'’-]{0,30}(?:\s(?:[A-Z][\w.'’-]{0,30}|and|&)){0,5}"
    r"(?:\s?[|,•·]\s?[^|•·\n]{0,60}?\d{4}[^|•·]{0,20}?)?\s?[|•·–—-]\s"
)
#: A lead-in adverbial: a preposition or an adverb, up to the comma that ends it.
_LEAD_IN = re.compile(
    r"^(?:In|On|At|As\sof|As|After|Before|Following|During|Despite|With|Amid|Under|Over|Since|For|"
    r"From|Following|Earlier|Later|Last|This|Today|Yesterday|Meanwhile|However|Now|Once|Out\sof|"
    r"Among|According\sto|Speaking|Asked|Writing|Like|Unlike|Within|Across|Throughout|Ahead\sof|"
    r"Nearly|Almost|More\sthan|Just|Late|Early|When|If|Although|Though|While|Because|Once|Until|Unless|"
    r"Whether|Even\sas|Even\sthough|Even\sif"
    # "Hours before the storm hit," / "Two days after the vote,": a time clause.
    r"|(?:(?:Hours|Days|Weeks|Months|Years|Minutes|Moments|Decades|Shortly|Soon|Long)"
    r"|(?:A|Two|Three|Four|Five|Several|A\sfew)\s(?:hours|days|weeks|months|years|minutes|decades))"
    r"\s(?:before|after|later|earlier|ago|since))\b[^,;:“\"]{1,80},\s"
)
#: An appositive or aside between commas or dashes after the subject.
_APPOSITIVE = re.compile(
    r"(?:,\s(?:who|whose|which|where|a|an|the|aged|now|once|formerly|himself|herself|itself|also|"
    r"both|each|\d{1,3})\b[^,;:]{0,90},[\"”’]?(?=\s)"
    r"|\s[–—]{1,2}\s[^–—;:]{1,90}\s[–—]{1,2}(?=\s))"
)
_AUXILIARY = r"(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|shall|does|do|did)"
#: A relative clause between the subject and its verb: "Investors who lost money ... are to receive".
_AUXILIARY_WORDS = frozenset(_AUXILIARY.removeprefix("(?:").removesuffix(")").split("|"))
_PARTICLES = frozenset("on off out up over in down back away through".split())
_RELATIVE = re.compile(r"\s(?:who|whose|which)\s")
_AUXILIARY_WORD = re.compile(rf"\s{_AUXILIARY}\s")
#: How far into the lead a subject's relative clause may start and end.
_RELATIVE_REACH = 200
_ATTRIBUTION = re.compile(
    r"(?:,\s?(?:according\sto|as\sreported\sby)\s[^,]{1,80}"
    r"|,?(?:\s[\w.’'-]{1,30}){0,5}\s(?:said|says|say|told|reported|reports|announced|confirmed|suggest|suggests"
    r"|show|shows|showed|claim|claims|claimed|warned|warns|believe|believes|estimate|estimates|revealed"
    r"|insisted|insists|added)"
    r"(?:\s(?:on|in|late|this|last)\s[\w ]{1,20})?)\s?[.!]?$"
)
_TRAILING_CLAUSE = re.compile(
    r"(?:,|\s[-–—]{1,2})\s?(?:\w{1,30}ing\b|which\b|who\b|where\b|while\b|as\b|after\b|amid\b|despite\b"
    r"|in\sa\smove\b|saying\b)"
)
_CLAUSE_BREAK = re.compile(r",(?=\s)|;|:|\s[-–—]{1,2}\s|\s(?:and|but|as|after|while|because|when|amid|so)\s")
_PUNCTUATION_BREAK = re.compile(r",(?=\s)|;|:|\s[-–—]{1,2}\s")
#: Words that open a phrase which can go whole from the end of a clause.
_PHRASE_START = frozenset(
    """in on at for with from by after before over under since during amid among against into onto
    following including despite than that which who where when while because as until through
    across toward towards near via without within this last next""".split()
)
#: Words a headline must not end on: function words and modifiers that need what follows.
_DANGLING = frozenset(
    """a an the and or but nor so yet of to in on at for with by as from into onto over under about
    after before since until than that which who whom whose what when where while if because though
    although is are was were be been being has have had do does did will would can could shall should
    may might must its his her their our your my this these those there it he she they we you i
    not no up out off per via amid among between through against without within during including
    like such very more most less least another other each every any some all both either neither
    potential former new top big major key own same possible further recent latest leading senior
    chief deputy acting vice one two three four five six seven eight nine ten""".split()
)
_VERB = re.compile(
    rf"\b(?:{_AUXILIARY}|says|said|say|gets|got|goes|went|made|makes|took|takes|won|wins|lost|loses|"
    r"saw|sees|set|sets|put|puts|hit|hits|cut|cuts|led|leads|left|came|comes|gave|gives|told|tells|"
    r"found|finds|became|becomes|held|holds|ran|runs|paid|pays|sold|sells|built|fell|falls|rose|rises|"
    r"grew|grow|began|begun|broke|brought|bought|caught|chose|drew|drove|fought|flew|knew|meant|met|"
    r"sent|spent|stood|struck|taught|thought|threw|wrote|shot|spoke|fled|fed|kept|laid|lent|stuck|"
    r"swept|tore|withdrew|beat|hurt|let|quit|shut|split|spread|sank|seen|done|gone|taken|given|"
    r"\w{2,20}ed|\w{2,20}[^s\W]s)\b"
)
#: A finite verb for sure (the loose pattern above also takes plural nouns).
_FINITE = re.compile(rf"\b(?:{_AUXILIARY}|says|said|told|\w{{2,20}}ed)\b")
#: A past participle or gerund after a noun opens a reduced relative clause
#: ("price tags attached to ...", "a man wearing ...").
_PARTICIPLE = re.compile(r"\w{3,20}(?:ed|ing)")
_WORD = re.compile(r"\S+")


def make_headline(title: str | None, lead: str | None, language: str = "english") -> Headline | None:
    if title:
        return Headline(title, "title")
    if not lead:
        return None
    return Headline(compress(lead, language), "generated")


def compress(sentence: str, language: str = "english") -> str:
    """The lead's main clause within ``MAX_WORDS`` words, by whole constituents (see module docstring)."""
    english = language == "english"
    text = _PARENTHETICAL.sub("", sentence).strip()
    text = _without_dateline(text)
    text = text.strip("\"“”'‘’„«» ")
    if english:
        text = _english_clause(text)
    text = text.rstrip(" .!?;:,")
    if len(text.split()) > MAX_WORDS:
        text = _shortened(text, english)
    text = _without_dangling_end(text, language)
    text = text.rstrip(" ,;:-–—")
    return text[:1].upper() + text[1:]


def _without_dateline(text: str) -> str:
    for pattern in (_BYLINE_LEAD, _DATELINE):
        match = pattern.match(text)
        rest = text[match.end() :].lstrip(" -–—:|") if match else ""
        # After a dateline the story starts a sentence; "NASA — the space agency — said" is no dateline.
        if match and len(rest.split()) >= MIN_WORDS and not rest[:1].islower():
            text = rest
    return text


def _english_clause(text: str) -> str:
    """The main clause: lead-in adverbial, asides, attribution and trailing clauses out."""
    lead_in = _LEAD_IN.match(text)
    if lead_in and is_clause(text[lead_in.end() :]):
        rest = text[lead_in.end() :]
        text = rest[:1].upper() + rest[1:]
    shorter = _APPOSITIVE.sub("", text)
    if is_clause(shorter):
        text = shorter
    without_relative = _without_subject_relative(text)
    if without_relative is not None and is_clause(without_relative):
        text = without_relative
    trailing = _TRAILING_CLAUSE.search(text)
    if trailing and is_clause(text[: trailing.start()]):
        text = text[: trailing.start()]
    shorter = _ATTRIBUTION.sub("", text)
    if len(shorter.split()) >= MIN_WORDS:
        text = shorter
    return text


def _without_subject_relative(text: str) -> str | None:
    """ "Investors who lost money ... are to receive" -> "Investors are to receive": the relative
    clause has a verb of its own, no comma, and the main clause's auxiliary follows it."""
    head = text[:_RELATIVE_REACH]
    relative = _RELATIVE.search(head)
    if relative is None:
        return None
    subject = head[: relative.start()]
    if any(mark in subject for mark in ",;:") or _FINITE.search(subject.lower()):
        return None  # the relative clause follows an object, not the subject
    for auxiliary in _AUXILIARY_WORD.finditer(head, relative.end()):
        clause = head[relative.end() : auxiliary.start()]
        if any(mark in clause for mark in ",;:"):
            return None
        if _VERB.search(clause.lower()):
            return text[: relative.start()] + text[auxiliary.start() :]
    return None


def is_clause(text: str) -> bool:
    """At least ``MIN_WORDS`` words, with something that reads as a verb after the first word
    (English; a loose test: plural nouns pass too, a bare noun phrase does not)."""
    words = text.split()
    return len(words) >= MIN_WORDS and bool(_VERB.search(" ".join(words[1:]).lower()))


def _shortened(text: str, english: bool) -> str:
    """Within ``MAX_WORDS`` words by dropping trailing phrases whole, or, failing that, cut with "…"."""
    best = _longest_prefix(text, _CLAUSE_BREAK if english else _PUNCTUATION_BREAK, english)
    if best is None and english:
        # A clause first; a lead without a finite verb early on ("A photo of a
        # weasel hitching a lift on ...") keeps its noun phrase.
        best = (
            _before_last_phrase(text, need_verb=True)
            or _before_last_phrase(text, need_verb=True, last_resort=True)
            or _before_last_phrase(text, need_verb=False, last_resort=True)
        )
    if best is not None:
        return best
    words = text.split()
    if len(words) <= 2 * MAX_WORDS:
        return text  # one phrase with no boundary: longer beats cut
    return " ".join(words[:MAX_WORDS]) + "…"


def _longest_prefix(text: str, breaks: re.Pattern[str], english: bool) -> str | None:
    """The longest prefix ending at a break, of at most MAX_WORDS words (at least 5) that is a clause."""
    best = None
    for match in breaks.finditer(text):
        if _joins_a_name(text, match) or _inside_a_list(text, match):
            continue
        prefix = text[: match.start()]
        count = len(prefix.split())
        if count > MAX_WORDS:
            break
        if count >= 5 and (not english or is_clause(prefix)):
            best = prefix
    return best


#: "bread, salt and water": after a comma, one to three words and a conjunction;
#: before a conjunction, a comma one to three words back.
_LIST_AFTER_COMMA = re.compile(r"\s(?:[\w’'-]{1,30}\s){0,2}[\w’'-]{1,30}\s(?:and|or)\s")
_LIST_BEFORE_CONJUNCTION = re.compile(r",\s(?:[\w’'-]{1,30}\s){0,2}[\w’'-]{1,30}$")


def _inside_a_list(text: str, match: re.Match[str]) -> bool:
    """A comma or conjunction between the items of a list ("bread, salt and water") is no clause break."""
    mark = match.group().strip()
    if mark == ",":
        return _LIST_AFTER_COMMA.match(text, match.end()) is not None
    if mark in ("and", "or"):
        return _LIST_BEFORE_CONJUNCTION.search(text[max(0, match.start() - 100) : match.start()]) is not None
    return False


def _joins_a_name(text: str, match: re.Match[str]) -> bool:
    """A conjunction between two capitalised words joins a name ("Rock and Roll Hall of Fame")."""
    if not match.group().strip().isalpha():
        return False
    before = text[: match.start()].rsplit(None, 1)[-1:]
    after = text[match.end() :].split(None, 1)[:1]
    return bool(before and after and before[0][:1].isupper() and after[0][:1].isupper())


def _before_last_phrase(text: str, *, need_verb: bool, last_resort: bool = False) -> str | None:
    """The longest prefix of at most MAX_WORDS words that ends on a content word before a
    phrase opener (and is a clause). As a last resort "to" and "of" open phrases too."""
    words = _WORD.findall(text)
    openers = _PHRASE_START | {"to", "of"} if last_resort else _PHRASE_START
    for end in range(min(len(words) - 1, MAX_WORDS), 4, -1):
        word, previous = words[end].lower(), words[end - 1]
        if previous.lower().strip(",;:\"“”'‘’") in _DANGLING | _AUXILIARY_WORDS:
            continue  # the cut would leave a phrase open
        reduced_relative = (
            need_verb and _PARTICIPLE.fullmatch(word) is not None and previous.isalpha() and previous.islower()
        )
        if word in openers or reduced_relative:
            prefix = " ".join(words[:end]).rstrip(" ,;:")
            if need_verb and not is_clause(prefix):
                continue
            return prefix
    return None


def _without_dangling_end(text: str, language: str) -> str:
    words = text.split()
    dangling = _DANGLING if language == "english" else stop_words(language)
    while len(words) > MIN_WORDS and words[-1].lower().strip(",;:\"“”'‘’") in dangling:
        if words[-1].lower() in _PARTICLES and words[-2].lower() in _AUXILIARY_WORDS | {"be", "been"}:
            break  # a particle after a verb ends the clause: "the search is on"
        words.pop()
    return " ".join(words).rstrip(" ,;:") if words else text
