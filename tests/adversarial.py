"""Adversarial shapes of text: long tokens and long runs of one character class.

Each is a text of about ``size`` characters (the "words" shape twice that)
on which a pattern that backtracks, or a loop that rescans, takes time
quadratic in the size: a pasted base64 blob in the lead sentence, a line of
punctuation without spaces, words without a sentence end (on one line, and
hard-wrapped into one paragraph), one-word lines,
and a run of one character of each class that the patterns applied to input
repeat. Used by tests/test_adversarial.py and benchmarks/adversarial.py.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable

#: One character (or pair) of each class that the patterns applied to input
#: repeat: word characters, digits, the punctuation inside words ("U.S.",
#: "GPT-4", "O’Neill", "1,000"), sentence ends, quotes, brackets, the "@" of
#: an address, white space that cleaning folds, initials and numbers.
RUNS = {
    "letter": "a",
    "digit": "7",
    "period": ".",
    "hyphen": "-",
    "apostrophe": "’",
    "comma": ",",
    "exclamation": "!",
    "quote": '"',
    "bracket": "(",
    "at": "@",
    "space": " ",
    "initials": "A.",
    "thousands": "1,",
}


def _words(size: int, seed: int = 1) -> str:
    """Words without punctuation: made-up ones (each about once, so that keyword
    scores tie by the thousand) between common ones."""
    pick = random.Random(seed)
    common = ["council", "harbour", "Portmere", "approved", "the", "plan", "of", "new", "tram", "line", "said"]
    words: list[str] = []
    length = 0
    while length < size:
        word = (
            pick.choice(common)
            if pick.random() < 0.5
            else "".join(pick.choice(string.ascii_lowercase) for _ in range(pick.randint(4, 9)))
        )
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


def _wrapped(text: str, width: int) -> str:
    """``text`` filled greedily to ``width`` columns: one paragraph of many lines."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def shapes(size: int) -> dict[str, Callable[[], str]]:
    pick = random.Random(7)
    made: dict[str, Callable[[], str]] = {
        # A pasted base64 blob inside the lead sentence, where the headline's patterns look.
        "word": lambda: (
            "Officials said the file "
            + "".join(pick.choice(string.ascii_letters + string.digits) for _ in range(size))
            + " was leaked, officials said on Monday."
        ),
        "punctuation": lambda: "".join(pick.choice(string.ascii_letters + ".,;:!?-'\"()/") for _ in range(size)),
        "words": lambda: _words(2 * size),
        "wrapped": lambda: _wrapped(_words(size), 72),
        "lines": lambda: "\n".join(pick.choice(["council", "harbour", "Portmere", "plan"]) for _ in range(size // 10)),
    }
    for name, run in RUNS.items():
        made[f"run:{name}"] = lambda run=run: "The council met. " + run * (size // len(run)) + " The plan passed."
    return made
