"""Writing an output file so that a failure or an interruption never leaves it half written,
and so that what is not a regular file is never replaced.

- A regular file (or a new path) is written to a temporary file beside it and renamed into
  place: readers see the old file or the new one, never a part.
- A symlink is followed: its target is written (atomically, when that is a regular file), the
  link stays.
- A device, FIFO or socket (``/dev/null``, ``/dev/stdout``, a named pipe) is written through,
  never replaced: replacing ``/dev/null`` as root would break the system.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from factex.errors import INTERRUPTED, Interrupted


def is_special(path: Path) -> bool:
    """Whether ``path`` (after symlinks) exists and is not a regular file or directory."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def open_output(path: Path | None) -> Iterator:
    """A text stream for the output: stdout, a device written through, or a regular file
    replaced atomically when the block ends without an error."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(os.path.realpath(path))
    if is_special(target):
        with open(target, "w", encoding="utf-8") as fh:
            yield fh
        return
    directory = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes the file private: give the output the mode a plain open() would, or
        # the mode of the file it replaces.
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if INTERRUPTED["code"]:
            raise Interrupted(INTERRUPTED["code"])  # interrupted, even if someone swallowed it
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
