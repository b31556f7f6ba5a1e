"""Entry point for ``python -m pkcheck``."""

import signal
import sys


def _interrupted_while_starting(_signal: int, _frame: object) -> None:
    # Ctrl-C while the command line is still being imported: end as a run would (see cli.main).
    sys.stderr.write("pkcheck: interrupted\n")
    sys.exit(130)


signal.signal(signal.SIGINT, _interrupted_while_starting)

from pkcheck.cli import console  # noqa: E402 - after the handler, so an early Ctrl-C is clean too

if __name__ == "__main__":
    console()
