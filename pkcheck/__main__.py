"""The entry point of the installed ``pkcheck`` command (``run``) and of ``python -m pkcheck``.

Ctrl-C or SIGTERM ends even the start-up as it ends a run (``pkcheck.cli.entry.main``): "pkcheck:
interrupted" and exit 130, or "pkcheck: terminated" and 143, never a traceback. So ``run``
installs its handlers before it imports the command line (typer and click, most of the
start-up), and this module imports nothing else (``pkcheck/__init__.py`` is as light).
"""

import gc
import signal
import sys


def _stopped_while_starting(signum: int, _frame: object) -> None:
    # Ctrl-C or SIGTERM while the command line is still being imported: end as a run would, in
    # the language of the run once it is chosen (until then, nothing is known of it but English).
    i18n = sys.modules.get("pkcheck.i18n")
    english = "pkcheck: terminated" if signum == signal.SIGTERM else "pkcheck: interrupted"
    sys.stderr.write((i18n._(english) if i18n is not None else english) + "\n")
    sys.exit(128 + signum)


def run() -> None:
    """Install the start-up's signal handlers, then import the command line and run it
    (``pkcheck.cli.entry.console``, whose ``main`` installs the handlers of the run itself)."""
    signal.signal(signal.SIGINT, _stopped_while_starting)
    signal.signal(signal.SIGTERM, _stopped_while_starting)
    # Importing the command line creates many long-lived objects; Python's default of a
    # collection every 700 allocations would spend several per cent of a short run on them
    # (``pkcheck.cli.entry.main`` keeps the same setting for the run).
    gc.set_threshold(500_000, 20, 20)
    from pkcheck.cli.entry import console

    console()


if __name__ == "__main__":
    run()
