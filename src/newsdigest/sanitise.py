"""Strings safe to show: the one pass every message, label and heading goes through.

Anything newsdigest prints that did not come out of the digest itself (file
names, URLs, HTTP headers, page metadata, exception messages) may hold bytes
chosen to steer a terminal: escape sequences, bidi overrides that reorder what
follows, or a lone surrogate that no output encoding can write. :func:`line`
removes them and folds the result onto one line; :func:`comment` and
:func:`markdown` then escape what their format needs. :func:`text` only makes
a string encodable, for data (JSON) that escapes the rest itself.
"""

from __future__ import annotations

import re
import unicodedata

#: Terminal escape sequences, whole: removing only their ESC would leave the rest as text.
ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC ... BEL or ST
    | \x1b[P^_][^\x1b]*(?:\x1b\\)?       # DCS, PM, APC strings
    | \x1b\[[0-?]*[ -/]*[@-~]            # CSI sequences (colours, cursor moves)
    | \x9b[0-?]*[ -/]*[@-~]              # 8-bit CSI
    | \x1b[ -/]*[0-~]                    # other two-byte escapes
    """,
    re.VERBOSE,
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_DASH_BEFORE_DASH = re.compile(r"-(?=-)")


def text(value: str) -> str:
    """``value`` with lone surrogates (undecodable bytes of a file name, ``"\\ud800"``
    in JSON) replaced by U+FFFD, so any UTF encoding can write it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


def line(value: object) -> str:
    """``value`` as one printable line: no control, format-control or bidi
    characters, no surrogates, runs of white space as one space."""
    shown = text(str(value))
    if shown.isprintable() and "  " not in shown:
        return shown.strip()
    if "\x1b" in shown or "\x9b" in shown:
        shown = ESCAPE_SEQUENCES.sub("", shown)
    kept = "".join(
        " " if char.isspace() else char
        for char in shown
        # Cf holds the bidi embeddings, overrides, isolates and marks ("Trojan Source").
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf", "Cs")
    )
    return _SPACES.sub(" ", kept).strip()


def comment(value: object) -> str:
    """``value`` as one line that cannot end an HTML comment: no ``--`` in it."""
    return _DASH_BEFORE_DASH.sub("-\\\\", line(value))


def markdown(value: str) -> str:
    """``value`` with every character Markdown gives a meaning escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def redact(url: str) -> str:
    """``url`` with the password of a ``user:password@`` part replaced by ``***``
    (anything that is not a URL comes back as it is)."""
    scheme, sep, rest = url.partition("://")
    authority, slash, tail = rest.partition("/")
    credentials, at, host = authority.rpartition("@")
    if not (sep and at and ":" in credentials):
        return url
    return f"{scheme}{sep}{credentials.partition(':')[0]}:***@{host}{slash}{tail}"
