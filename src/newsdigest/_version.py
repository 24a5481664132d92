"""The package version, in one place: ``pyproject.toml`` reads it from here.

Kept out of package metadata lookups because importing
:mod:`importlib.metadata` costs about 25 ms of every run's start-up.
"""

__version__ = "0.1.0"
