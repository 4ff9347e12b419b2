"""Finding and reading the knowledge files, with the limits applied before a byte is parsed.

A knowledge folder is edited by hand, on a server, sometimes by several people: so a file may be huge, a
symbolic link to somewhere else (``/proc/self/environ``), a pipe, unreadable, or gone between the listing
and the read. Each of those is a ``Problem`` with the file's name, never an exception that escapes.

Rules: only regular files named ``*.yaml`` or ``*.yml``, inside the folder; names starting with a dot
(editors' lock and swap files, ``.git``) are skipped; symbolic links are never followed — a link named
like a knowledge file is a problem (it would silently read a file from elsewhere), any other link is
ignored. The size limit is checked with ``stat`` before reading, and the read itself stops at the limit,
so a file that grows meanwhile is not read whole either.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from bot.errors import Problem

MAX_FILE_BYTES = 2_000_000  # the bundled knowledge is ~80 KB in all
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Listing:
    """What is in a knowledge folder: the candidate files (sorted) and the sub-folders that could not be read."""

    files: list[Path]
    unreadable: list[tuple[Path, OSError]]


def list_folder(folder: Path) -> Listing:
    """Every ``*.yaml``/``*.yml`` entry under ``folder``, links included but never followed."""
    files: list[Path] = []
    unreadable: list[tuple[Path, OSError]] = []

    def failed(exc: OSError) -> None:
        unreadable.append((Path(exc.filename) if exc.filename else folder, exc))

    for root, dirs, names in os.walk(folder, onerror=failed, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # walked in order; hidden folders skipped
        files.extend(Path(root, n) for n in names if n.endswith(SUFFIXES) and not n.startswith("."))
        # os.walk lists a link to a folder among the folders (and does not follow it): one named like a
        # knowledge file is reported as the link it is.
        files.extend(Path(root, d) for d in dirs if d.endswith(SUFFIXES) and Path(root, d).is_symlink())
    return Listing(sorted(files), unreadable)


def folder_problem(folder: Path) -> Problem | None:
    """Why ``folder`` cannot be a knowledge folder, or None."""
    try:
        st = folder.stat()
    except FileNotFoundError:
        return Problem(str(folder), 0, "folder", "not found (set PARLEY_KNOWLEDGE_DIR)")
    except OSError as exc:
        return Problem(str(folder), 0, "folder", f"cannot be read ({_reason(exc)})")
    if not stat.S_ISDIR(st.st_mode):
        return Problem(str(folder), 0, "folder", "is a file, not a folder (set PARLEY_KNOWLEDGE_DIR to the folder "
                       "that holds the .yaml files)")
    return None


def read_file(path: Path, name: str) -> bytes | Problem:
    """The file's bytes, or the one problem that stops it from being read (``name`` is how it is reported)."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            return _problem(name, "is a symbolic link, which Parley does not follow; put the file itself in the "
                            "knowledge folder")
        if not stat.S_ISREG(st.st_mode):
            return _problem(name, "is not a regular file (a folder, pipe, socket or device); Parley reads only "
                            "regular .yaml files")
        if st.st_size > MAX_FILE_BYTES:
            return _too_large(name)
        # O_NOFOLLOW: a link swapped in since the lstat is refused; O_NONBLOCK: nor does a pipe block the open.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return _problem(name, "vanished while it was being read (moved or deleted mid-save?); it is read again "
                        "when it changes")
    except OSError as exc:
        return _problem(name, _unreadable(exc))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return _problem(name, "is not a regular file; Parley reads only regular .yaml files")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:  # stop one byte past the limit: a file that grew is not read whole
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return _problem(name, _unreadable(exc))
    finally:
        os.close(fd)
    return _too_large(name) if size > MAX_FILE_BYTES else b"".join(chunks)


def _unreadable(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symbolic link, which Parley does not follow; put the file itself in the knowledge folder"
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied); make it readable by the user Parley runs as"
    return f"cannot be read ({_reason(exc)})"


def _reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else type(exc).__name__


def _too_large(name: str) -> Problem:
    return _problem(name, f"is larger than {MAX_FILE_BYTES:,} bytes; split it into several files")


def _problem(name: str, message: str) -> Problem:
    return Problem(name, 1, "(file)", message)
