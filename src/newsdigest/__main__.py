"""``python -m newsdigest`` works like the ``newsdigest`` command."""

from newsdigest._entry import main

main()
