"""Entry point for ``python -m reader`` and the ``lector`` command."""

from __future__ import annotations

import sys


def main() -> int:
    # The packaged program is also its own helper process (``--render-worker``);
    # freeze_support keeps multiprocessing, should anything use it, from
    # re-running the whole application in a child. Only a frozen program needs it,
    # and importing multiprocessing costs a source start-up tens of milliseconds.
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    from reader.cli import main as cli_main

    try:
        return cli_main(sys.argv[1:])
    except BrokenPipeError:
        # The reader of the output went away (``lector search x | head``): stop
        # quietly, with nothing left to flush into the closed pipe at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
