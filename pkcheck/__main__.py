"""Entry point for ``python -m pkcheck``."""

import signal
import sys


def _stopped_while_starting(signum: int, _frame: object) -> None:
    # Ctrl-C or SIGTERM while the command line is still being imported: end as a run would (see cli.main).
    sys.stderr.write("pkcheck: terminated\n" if signum == signal.SIGTERM else "pkcheck: interrupted\n")
    sys.exit(128 + signum)


signal.signal(signal.SIGINT, _stopped_while_starting)
signal.signal(signal.SIGTERM, _stopped_while_starting)

from pkcheck.cli import console  # noqa: E402 - after the handler, so an early Ctrl-C is clean too

if __name__ == "__main__":
    console()
