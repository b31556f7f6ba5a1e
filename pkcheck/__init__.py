"""pkcheck: check UN peacekeeping unit declarations against deployment standards.

The Python API (see ``pkcheck.api``) is available from the package itself: ``pkcheck.check``,
``pkcheck.render``, ``pkcheck.exit_code``, ``pkcheck.load_standards`` and
``pkcheck.load_standard``. It is imported on first use, so ``pkcheck --version`` stays fast.
"""

from __future__ import annotations

from pkcheck.version import __version__

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing before a signal handler is in place
if TYPE_CHECKING:  # type checkers see the real signatures; at run time they load on first use
    from typing import Any

    from pkcheck.api import check, exit_code, load_standard, load_standards, render

__all__ = ["__version__", "check", "exit_code", "load_standard", "load_standards", "render"]

_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from pkcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'pkcheck' has no attribute {name!r}")
