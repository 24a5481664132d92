"""newsdigest: headline, key facts and summary of a news article, offline.

>>> from newsdigest import digest, Options
>>> result = digest(text, Options(sentences=2))   # doctest: +SKIP
>>> result.headline.text, [s.text for s in result.summary]   # doctest: +SKIP

The names below are imported on first use (PEP 562), so that
``newsdigest --help`` and ``import newsdigest.cli`` do not pay for loading the
whole pipeline.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdigest.briefing.brief import brief
    from newsdigest.briefing.model import Briefing, BriefItem, BriefOptions, Story
    from newsdigest.errors import InputError, NewsdigestError, UsageError
    from newsdigest.model import SCHEMA_VERSION, Digest, Fact, Headline, Selected, Value
    from newsdigest.options import DEFAULT_METHOD, METHODS, Options
    from newsdigest.pipeline.digest import digest

#: Public name -> the module that defines it.
_EXPORTS = {
    "BriefItem": "briefing.model",
    "BriefOptions": "briefing.model",
    "Briefing": "briefing.model",
    "Story": "briefing.model",
    "brief": "briefing.brief",
    "DEFAULT_METHOD": "options",
    "METHODS": "options",
    "SCHEMA_VERSION": "model",
    "Digest": "model",
    "Fact": "model",
    "Headline": "model",
    "InputError": "errors",
    "NewsdigestError": "errors",
    "Options": "options",
    "Selected": "model",
    "UsageError": "errors",
    "Value": "model",
    "digest": "pipeline.digest",
}

__all__ = [
    "DEFAULT_METHOD",
    "METHODS",
    "SCHEMA_VERSION",
    "BriefItem",
    "BriefOptions",
    "Briefing",
    "Digest",
    "Fact",
    "Headline",
    "InputError",
    "NewsdigestError",
    "Options",
    "Selected",
    "Story",
    "UsageError",
    "Value",
    "brief",
    "digest",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
