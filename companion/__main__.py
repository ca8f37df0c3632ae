"""``python -m companion``: the same as the ``companion`` command."""

import sys

from companion.entry import main

if __name__ == "__main__":  # worker processes may import this module: they must not run the CLI
    sys.exit(main())
