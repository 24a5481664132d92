"""newsdigest: headline, key facts and summary of a news article, offline.

>>> from newsdigest import digest, Options
>>> result = digest(text, Options(sentences=2))   # doctest: +SKIP
>>> result.headline.text, [s.text for s in result.summary]   # doctest: +SKIP
"""

from __future__ import annotations

from .digest import digest
from .errors import InputError, NewsdigestError, UsageError
from .model import SCHEMA_VERSION, Digest, Fact, Headline, Selected, Value
from .options import DEFAULT_METHOD, METHODS, Options

__all__ = [
    "DEFAULT_METHOD",
    "METHODS",
    "SCHEMA_VERSION",
    "Digest",
    "Fact",
    "Headline",
    "InputError",
    "NewsdigestError",
    "Options",
    "Selected",
    "UsageError",
    "Value",
    "digest",
]
