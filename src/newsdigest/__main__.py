"""``python -m newsdigest`` works like the ``newsdigest`` command."""

from newsdigest.cli import main

main()
