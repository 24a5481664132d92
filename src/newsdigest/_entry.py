"""The console script's entry: Ctrl-C at any moment exits 130, quietly.

Inside a command the CLI's error boundary handles Ctrl-C; this module covers
the moments before it, while the CLI and its libraries are being imported,
so that no traceback ever reaches the terminal. It imports nothing heavy.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130


def main() -> None:
    try:
        from newsdigest.cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
