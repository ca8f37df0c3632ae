"""Launcher: opens the Podcast Companion window (``python main.py [--library PATH]``)."""

import sys

from companion.app import main

if __name__ == "__main__":
    sys.exit(main())
