"""Write report files atomically: a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: str, text: str | Iterable[str]) -> None:
    """Write ``text``, or its pieces one after another, to ``path``."""
    target = Path(path)
    mode = _mode_for(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.writelines((text,) if isinstance(text, str) else text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
