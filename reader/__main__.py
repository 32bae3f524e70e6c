"""Entry point for ``python -m reader`` and the ``lector`` command."""

from __future__ import annotations

import sys


def main() -> int:
    from reader.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
