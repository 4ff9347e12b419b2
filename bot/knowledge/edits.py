"""Edits made from outside the folder: an import (an upload) or a rollback (a stored version), prepared,
validated and written.

An ``Edit`` is built from the files on disk (its *base*) plus what replaces them, and validated as a whole
by the loader itself, in a scratch copy named like the knowledge folder — so the problems read
``knowledge/entries/model.yaml:8: …`` and the version id is the one the folder will have once written.
Applying it (``LiveKnowledge.apply``) first checks that the folder still holds the base the preview was
made from, so two moderators' edits never silently overwrite each other, then writes each file
atomically (a temporary file beside it, then a rename) and reloads through the same path as any reload.

Blocking (disk and parsing): callers run these functions in a thread. No Discord here.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.errors import KnowledgeError, ParleyError, Problem
from bot.knowledge.diff import Change, diff
from bot.knowledge.loader import knowledge_files, load_knowledge
from bot.knowledge.schema import Knowledge
from bot.knowledge.upload import Files, UploadRejected

Kind = Literal["import", "rollback"]


class UnsafeFolder(ParleyError):
    """The knowledge folder holds a link where a file would be written: nothing is written through it."""


class StaleEdit(ParleyError):
    """The knowledge changed between an edit's preview and its Apply; nothing was written."""

    def __init__(self, base: str, live: str) -> None:
        self.base, self.live = base, live
        super().__init__(f"the knowledge changed since this preview (it was made on version `{base}`; "
                         f"`{live}` is live now): nothing was applied")


@dataclass(frozen=True)
class Edit:
    """A validated change, ready to preview and apply: the folder's complete new contents."""

    kind: Kind
    label: str  # what the moderator gave: an upload's file name, or the version rolled back to
    upload: Files  # the files given (for a rollback: the whole version), kept to prepare again when stale
    base: Files  # the folder as it was when the edit was prepared
    files: Files  # the folder as it will be
    live: str  # the version live when it was prepared
    knowledge: Knowledge  # ``files`` loaded: the snapshot that goes live
    change: Change  # live -> knowledge
    replaced: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def version(self) -> str:
        return self.knowledge.version

    @property
    def noop(self) -> bool:
        return self.knowledge.version == self.live and self.files == self.base


@dataclass(frozen=True)
class Rejected:
    """An edit that does not validate: every problem, and nothing changes."""

    kind: Kind
    label: str
    problems: tuple[Problem, ...]
    live: str


def read_files(folder: Path) -> dict[str, bytes]:
    """The knowledge files on disk, by path relative to ``folder`` ("/"-separated)."""
    if not folder.is_dir():
        return {}
    out = {}
    for path in knowledge_files(folder):
        if path.is_symlink():  # never read, and so never exported or rewritten, through a link (DESIGN.md)
            continue
        try:
            out[path.relative_to(folder).as_posix()] = path.read_bytes()
        except FileNotFoundError:  # removed while listing: it is not part of the folder any more
            continue
    return out


def validate(files: Files, folder_name: str) -> Knowledge:
    """Load ``files`` as the loader would load the folder; raises KnowledgeError."""
    with tempfile.TemporaryDirectory(prefix="parley-edit-") as scratch:
        folder = Path(scratch) / folder_name
        folder.mkdir()
        for name, data in files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return load_knowledge(folder)


def merge(base: Files, upload: Files) -> tuple[dict[str, bytes], tuple[str, ...], tuple[str, ...]]:
    """The folder with ``upload`` laid over it: a bare file name replaces the one live file of that name
    wherever it lives (``model.yaml`` → ``entries/model.yaml``); anything else goes where it is named.
    Returns (files, replaced, added)."""
    files = dict(base)
    by_name: dict[str, list[str]] = {}
    for path in base:
        by_name.setdefault(path.rsplit("/", 1)[-1], []).append(path)
    replaced: list[str] = []
    added: list[str] = []
    for name, data in upload.items():
        target = name
        if "/" not in name and name not in base:
            matches = by_name.get(name, [])
            if len(matches) > 1:
                raise UploadRejected(f"`{name}` matches {len(matches)} files ({', '.join(matches)}); upload a "
                                     "zip with the folder's paths instead")
            target = matches[0] if matches else name
        if target in replaced or target in added:
            raise UploadRejected(f"two files in the upload would both be `{target}`; keep one")
        (replaced if target in base else added).append(target)
        files[target] = data
    return files, tuple(replaced), tuple(added)


def prepare(kind: Kind, label: str, upload: Files, folder: Path, live: Knowledge) -> Edit | Rejected:
    """An import lays ``upload`` over the folder; a rollback replaces the whole folder with it."""
    base = read_files(folder)
    if kind == "import":
        files, replaced, added = merge(base, upload)
        replaced = tuple(p for p in replaced if base[p] != files[p])  # a zip of everything names only the edits
        removed: tuple[str, ...] = ()
    else:
        files = dict(upload)
        replaced = tuple(p for p in files if p in base and base[p] != files[p])
        added = tuple(p for p in files if p not in base)
        removed = tuple(p for p in base if p not in files)
    try:
        knowledge = validate(files, folder.name)
    except KnowledgeError as exc:
        return Rejected(kind, label, tuple(exc.problems), live.version)
    return Edit(kind, label, dict(upload), base, files, live.version, knowledge, diff(live, knowledge),
                replaced, added, removed)


def ensure_base(edit: Edit, folder: Path, live: Knowledge) -> None:
    """Raise StaleEdit unless the folder and the live version are as they were when ``edit`` was prepared."""
    if live.version != edit.live or read_files(folder) != edit.base:
        raise StaleEdit(edit.live, live.version)


def write_files(folder: Path, files: Files, base: Files) -> None:
    """Make the folder hold exactly ``files``: each new or changed file written atomically, and the
    knowledge files that are not in ``files`` removed. Never writes through a symlink or outside ``folder``."""
    root = folder.resolve()
    for name, data in files.items():
        if base.get(name) == data:
            continue
        target = _inside(root, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        _inside(root, name)  # again: the folders just made are real folders under root
        _atomic_write(target, data)
    for name in base:
        if name not in files:
            target = _inside(root, name)
            if target.is_file() and not target.is_symlink():
                target.unlink()
    _sync_folder(root)


def _inside(root: Path, name: str) -> Path:
    target = root / name
    for parent in [*reversed(target.relative_to(root).parents)][1:]:  # each folder between root and the file
        if (root / parent).is_symlink():
            raise UnsafeFolder(f"`{parent}` in the knowledge folder is a symbolic link; not writing through it")
    if target.is_symlink():
        raise UnsafeFolder(f"`{name}` in the knowledge folder is a symbolic link; not writing through it")
    if not target.resolve().is_relative_to(root):
        raise UnsafeFolder(f"`{name}` is outside the knowledge folder")
    return target


def _atomic_write(target: Path, data: bytes) -> None:
    # Beside the target (same file system, so the rename is atomic), with a name the loader ignores.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".parley-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sync_folder(root: Path) -> None:
    """Make the renames durable (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(root, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def zip_files(files: Mapping[str, bytes]) -> bytes:
    """The files as a zip, by their paths in the folder: what ``/kb import`` takes back as it is."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2021, 10, 1, 0, 0, 0))  # fixed: the same files, the same zip
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return out.getvalue()
