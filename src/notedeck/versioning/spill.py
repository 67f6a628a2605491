"""Bytes kept on disk for the length of a build, not in memory.

A card's fields and rendered note fields are most of its bytes (about 0.9 GB for a
100k-note vault) and a build reads them once or twice, late: when the package is written
and when the lock is. The card lock's text (another gigabyte) is read once, and then only
the lines of the cards the build changed. Until then they wait in an unnamed temporary
file beside the cache (cache.load_result, lock.load_lock), read back by offset
(``spill[a:b]``, what model.LazyJSON slices). The file has no name, so it is gone when the
build ends, however it ends.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class Spill:
    def __init__(self, file):
        self._file, self._fd, self._size = file, file.fileno(), 0

    @classmethod
    def open(cls, folder: Path | None) -> "Spill | None":
        """A spill file in ``folder`` (else the system's temporary folder); None when
        neither can hold one (the fields then stay in memory)."""
        for where in ([folder] if folder is not None else []) + [None]:
            try:
                if where is not None:
                    where.mkdir(parents=True, exist_ok=True)
                return cls(tempfile.TemporaryFile(dir=where, buffering=0))
            except OSError:
                continue
        return None

    def add(self, data: bytes) -> int | None:
        """Append ``data``; where it starts, or None if it could not be written (a full
        disk: the caller keeps it in memory)."""
        at = self._size
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view):]
        except OSError:
            self._file.truncate(at)     # a half-written part would shift every later one
            os.lseek(self._fd, at, os.SEEK_SET)
            return None
        self._size += len(data)
        return at

    def __getitem__(self, part: slice) -> bytes:
        size = part.stop - part.start
        if hasattr(os, "pread"):
            data = os.pread(self._fd, size, part.start)
        else:                           # Windows: no pread
            self._file.seek(part.start)
            data = self._file.read(size)
            self._file.seek(0, os.SEEK_END)
        if len(data) != size:       # an I/O error, as far as the writers are concerned
            raise OSError(errno.EIO, "the build's spill file was cut short")
        return data
