"""Writing result files: whole or not at all, with one clear error when the place is not writable."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from redline.errors import RedlineError


def write_file(path: str | os.PathLike[str], content: str | bytes) -> Path:
    """Write `content` to `path` atomically (a temporary file renamed into place), creating
    missing parent folders; a reader never sees a half-written file."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except IsADirectoryError:
        raise RedlineError(f"{target}: is a folder. Fix: give a file name") from None
    except OSError as exc:
        raise RedlineError(f"{target}: cannot write the file ({exc.strerror}). "
                           "Fix: choose a writable place") from None
    return target
