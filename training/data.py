"""Reading the training file and turning its stories into text the product reads.

The training file (CNN/Daily Mail stories with their highlight bullets) is
lower-cased and PTB-tokenised: ``( cnn ) -- the u.s. ' s ...``. The product
reads ordinary text, so every story is first put back into that shape
(:func:`detokenise`): the tokeniser's spaces undone, the first letter of each
of the file's sentences and the pronoun "I" capitalised, the wire dateline
``( cnn )`` written ``(CNN)``. Training and the validation benchmark then run
that text through the product's own cleaning and segmentation, so the model
learns from the sentences users' articles turn into.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Story:
    id: str
    split: str
    sentences: tuple[str, ...]
    highlights: tuple[str, ...]


def read_stories(path: str | Path, split: str | None = None) -> Iterator[Story]:
    """The stories of the training file, optionally of one split only ("train" or "validation")."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            data = json.loads(line)
            if split is not None and data["split"] != split:
                continue
            yield Story(data["id"], data["split"], tuple(data["sentences"]), tuple(data["highlights"]))


def sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_GLUE_LEFT = re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m|[.,;:!?%)\]]|')(?=\s|$)")
_GLUE_RIGHT = re.compile(r"([(\[$£€]) ")
_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_DATELINE = re.compile(r"\( cnn \)")
_PRONOUN = re.compile(r"\bi\b(?=\s|')")


def _quotes(text: str) -> str:
    """Straight double quotes glued to what they enclose, taking them as alternating open/close."""
    pieces = text.split('"')
    out = [pieces[0]]
    for number, piece in enumerate(pieces[1:], start=1):
        if number % 2:  # opening quote: glued to the next word
            out.append('"' + piece.lstrip())
        else:  # closing quote: glued to the previous word
            out[-1] = out[-1].rstrip()
            out.append('"' + piece)
    return "".join(out)


def _capitalise(sentence: str) -> str:
    for place, char in enumerate(sentence):
        if char.isalpha():
            return sentence[:place] + char.upper() + sentence[place + 1 :]
    return sentence


def detokenise(sentences: tuple[str, ...] | list[str]) -> str:
    """The story's tokenised sentences as one ordinary paragraph of text."""
    text = " ".join(_capitalise(_PRONOUN.sub("I", s)) for s in sentences)
    text = _DATELINE.sub("(CNN)", text)
    text = _HYPHEN.sub("-", text)
    text = _GLUE_LEFT.sub(r"\1", text)
    text = _GLUE_RIGHT.sub(r"\1", text)
    return _quotes(text)


def highlights_text(highlights: tuple[str, ...]) -> list[str]:
    """The highlights, detokenised one by one (what the benchmark scores against)."""
    return [detokenise([h]) for h in highlights]
