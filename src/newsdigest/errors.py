"""The exceptions newsdigest raises, each with a message written for users.

The CLI is the one place that catches them; it prints ``Error: <message>`` and
exits with the code the exception class carries (see README, "Exit codes").
"""

from __future__ import annotations


class NewsdigestError(Exception):
    """Base class: every error the library raises on purpose."""

    exit_code = 1


class InputError(NewsdigestError):
    """The input cannot be read or holds nothing to summarise (exit code 1)."""


class UsageError(NewsdigestError):
    """The options contradict each other or are out of range (exit code 2)."""

    exit_code = 2


class FetchError(InputError):
    """A URL could not be fetched: network, HTTP status, size or content type (exit code 1)."""
