"""Write report files: atomically, so that a reader sees the old file or the whole new one,
never half; and in place where the target is not a file at all (``/dev/null``, ``/dev/stdout``,
a pipe), which a rename would replace with one."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_file(path: str, text: str | Iterable[str]) -> None:
    """Write ``text``, or its pieces one after another, to ``path``: atomically where ``path``
    names a regular file or nothing yet, else directly (``write_in_place``)."""
    target = rename_target(path)
    if target is None:
        write_in_place(path, text)
    else:
        write_atomic(target, text)


def rename_target(path: str) -> str | None:
    """Where a finished report is renamed to: the file ``path`` names, symbolic links followed
    (a link stays a link and the file it points to is replaced), or a new file. None where
    ``path`` is not a regular file (a device, a pipe, a terminal), or is a regular file only
    through an open descriptor (``/dev/stdout`` redirected to a file since deleted)."""
    real = os.path.realpath(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return real
    if not stat.S_ISREG(status.st_mode):
        return None
    try:
        return real if os.path.samestat(status, os.stat(real)) else None
    except OSError:
        return None


def write_in_place(path: str, text: str | Iterable[str]) -> None:
    """Open ``path`` for writing and write to it, with no temporary file and no rename: a
    device or pipe stays what it is. A write error (no space left on ``/dev/full``, a pipe whose
    reader has gone) is raised as the ``OSError`` it is."""
    with open(path, "w", encoding="utf-8", newline="") as stream:
        stream.writelines(_pieces(text))


def write_atomic(path: str, text: str | Iterable[str]) -> None:
    """Write ``text`` to the regular file ``path`` through a temporary file beside it, renamed
    over it once complete; the temporary file is removed if anything stops the writing."""
    target = Path(path)
    mode = _mode_for(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.writelines(_pieces(text))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _pieces(text: str | Iterable[str]) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def _mode_for(target: Path) -> int:
    """The permissions the file gets: a file that is replaced keeps its own, and a new one
    gets what creating it directly would give. The temporary file is made private (0600),
    which would otherwise hide a report from the colleagues it is written for."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
