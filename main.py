"""Launcher: opens the Podcast Companion window (``python main.py [--library PATH]``)."""

import sys

if __name__ == "__main__":  # feed worker processes import this module again: they must not load Qt
    from companion.app import main

    sys.exit(main())
