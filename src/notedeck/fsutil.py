"""Writes that never leave a half-written file, reads that never wait, and one build per
workspace at a time."""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Iterator


class WriteError(Exception):
    """A file could not be written (full disk, read-only folder); nothing was half-written."""


class SpecialFileError(OSError):
    """A named pipe, socket or device where a file was expected: never read (a read from a
    pipe waits for a writer that may never come)."""


_SPECIAL = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


_NONBLOCK = os.O_NONBLOCK if os.name == "posix" else 0     # Windows has no pipes in folders


def special_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is when it is no regular file or folder, else ""."""
    return next((name for test, name in _SPECIAL if test(mode)), "")


def read_file(path: Path) -> bytes:
    """A regular file's bytes. Opened without waiting (a pipe's open waits for a writer)
    and checked before the read: SpecialFileError for a pipe, socket or device."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    with open(fd, "rb") as fh:
        kind = special_kind(os.fstat(fd).st_mode)
        if kind:
            raise SpecialFileError(errno.EINVAL, f"{kind}, not a file", str(path))
        return fh.read()


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable"
    return exc.strerror or str(exc)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes | str | Iterable[str | bytes]) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it. ``data`` may
    be pieces of text, written as they come (a big card lock is never one string)."""
    pieces = [data.encode("utf-8") if isinstance(data, str) else data] \
        if isinstance(data, (str, bytes)) else (p.encode("utf-8") if isinstance(p, str) else p
                                                 for p in data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write: {_describe(exc)}") from exc
    try:
        os.chmod(tmp, 0o666 & ~_umask())      # mkstemp's 0600 would hide it from others
        with os.fdopen(fd, "wb") as fh:
            for raw in pieces:
                fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"{path}: cannot write: {_describe(exc)}") from exc


def atomic_path(path: Path) -> "contextlib.AbstractContextManager[Path]":
    """A temporary path beside ``path`` for a writer that needs a file name (genanki);
    renamed over ``path`` when the block succeeds, removed when it fails."""
    return _AtomicPath(path)


class _AtomicPath:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> Path:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                       dir=self.path.parent)
        except OSError as exc:
            raise WriteError(f"{self.path}: cannot write: {_describe(exc)}") from exc
        os.close(fd)
        self.tmp = Path(tmp)
        return self.tmp

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None:
            try:
                os.replace(self.tmp, self.path)
                return False
            except OSError as err:
                exc = err
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)
        if isinstance(exc, OSError):
            raise WriteError(f"{self.path}: cannot write: {_describe(exc)}") from exc
        return False


class BusyError(Exception):
    """Another build holds this workspace."""


@contextlib.contextmanager
def workspace_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the card-lock folder, so two builds never interleave."""
    import fcntl
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / ".notedeck-build.lock", "a+")
    except OSError as exc:
        raise WriteError(f"{folder}: cannot write: {_describe(exc)}") from exc
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(f"another notedeck build is running on {folder}; "
                            "wait for it to finish and run the build again") from None
        yield
    finally:
        handle.close()
