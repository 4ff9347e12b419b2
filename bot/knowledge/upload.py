"""An uploaded knowledge file, or a zip of them, turned into file contents only when it is safe.

An upload is untrusted input from the internet, checked before anything touches the knowledge folder:

* its declared size is capped *before* it is downloaded (``check_declared``), and the bytes again after;
* only ``.yaml`` (or ``.yml``) files, the names the loader reads, or a ``.zip`` of them;
* every name is a plain relative path of ordinary characters: no absolute paths, no ``..``, no backslashes
  or drive letters, no hidden files, no symlinks or other special files (a zip's external attributes carry
  the Unix file type), no encrypted members, no two names that differ only in case;
* a zip is bounded in member count, in total unpacked bytes — counted while reading, not taken from the
  headers, which a zip bomb lies in — and in the compression ratio of every member.

Nothing is written to disk here: the result is a mapping of relative paths to bytes. No Discord here.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from collections.abc import Mapping

from bot.errors import ParleyError
from bot.knowledge.files import SUFFIXES

Files = Mapping[str, bytes]  # a path relative to the knowledge folder, "/"-separated -> the file's bytes

MAX_UPLOAD_BYTES = 4_000_000  # an attachment, as downloaded: the bundled knowledge zips to ~25 kB
MAX_UNPACKED_BYTES = 16_000_000  # every member of a zip together, as read
MAX_MEMBERS = 200
MAX_RATIO = 100  # unpacked ÷ packed for one member: YAML text packs ~4-8x; a bomb packs ~1000x
MAX_DEPTH = 4  # folders deep, e.g. entries/model.yaml is 2
RATIO_FLOOR = 64_000  # members smaller than this may pack as well as they like (tiny files have no ratio)
CHUNK = 64 * 1024

_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_JUNK = ("__MACOSX/",)  # what macOS's Finder adds to every zip it makes: resource forks, never knowledge
_JUNK_NAMES = {".DS_Store"}


class UploadRejected(ParleyError):
    """The upload is not one Parley will read; the message says why in one line."""


def check_declared(filename: str, size: int) -> None:
    """Before downloading: the name's kind and the size Discord declares for it."""
    if not filename.lower().endswith((*SUFFIXES, ".zip")):
        raise UploadRejected(f"`{shown(filename)}` is neither a `.yaml` file nor a `.zip` of them")
    if size > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"`{shown(filename)}` is {size:,} bytes; uploads are limited to "
                             f"{MAX_UPLOAD_BYTES:,} bytes")


def unpack(filename: str, data: bytes, *, folder_name: str = "knowledge") -> dict[str, bytes]:
    """The files an upload holds, by path relative to the knowledge folder; raises UploadRejected.

    A single ``.yaml`` is keyed by its bare name (which live file it replaces is decided by the caller);
    a zip's members by their paths, without a top folder named like the knowledge folder itself (zipping
    the folder rather than its contents is the usual way to make one)."""
    check_declared(filename, len(data))
    if filename.lower().endswith(SUFFIXES):
        return {safe_path(filename, depth=1): data}
    return _unzip(filename, data, folder_name)


def safe_path(name: str, *, depth: int = MAX_DEPTH) -> str:
    """``name`` if it is a plain relative path of at most ``depth`` parts ending in ``.yaml`` or ``.yml``."""
    quoted = shown(name)
    if "\\" in name or ":" in name:
        raise UploadRejected(f"`{quoted}`: use plain names with `/` between folders (no `\\` or drive letters)")
    if name.startswith("/"):
        raise UploadRejected(f"`{quoted}`: absolute paths are not allowed; name files relative to the folder")
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise UploadRejected(f"`{quoted}`: `..`, `.` and empty folder names are not allowed")
    if len(parts) > depth:
        raise UploadRejected(f"`{quoted}` is nested too deeply (at most {depth} part(s))")
    bad = next((part for part in parts if not _PART.match(part)), None)
    if bad is not None:
        raise UploadRejected(f"`{quoted}`: `{shown(bad)}` is not a plain name (letters, digits, `.`, `_`, "
                             "`-`; not starting with a dot)")
    if not name.endswith(SUFFIXES):
        raise UploadRejected(f"`{quoted}` is not a `.yaml` (or `.yml`) file")
    return name


def _unzip(filename: str, data: bytes, folder_name: str) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRejected(f"`{shown(filename)}` is not a readable zip ({exc})") from None
    with archive:
        infos = [i for i in archive.infolist() if not _is_junk(i.filename)]
        if len(infos) > MAX_MEMBERS:
            raise UploadRejected(f"`{shown(filename)}` holds {len(infos)} entries; at most {MAX_MEMBERS}")
        infos = [i for i in infos if not _is_folder(i)]
        if not infos:
            raise UploadRejected(f"`{shown(filename)}` holds no `.yaml` files")
        prefix = f"{folder_name}/"
        strip = all(i.filename.startswith(prefix) for i in infos)
        files: dict[str, bytes] = {}
        seen: dict[str, str] = {}
        budget = MAX_UNPACKED_BYTES
        for info in infos:
            name = safe_path(info.filename.removeprefix(prefix) if strip else info.filename)
            _check_kind(info)
            folded = name.casefold()
            if folded in seen:
                raise UploadRejected(f"`{shown(name)}` is in the zip twice (as `{shown(seen[folded])}`)")
            seen[folded] = name
            files[name] = _read_member(archive, info, budget)
            budget -= len(files[name])
    return files


def _is_junk(name: str) -> bool:
    return name.startswith(_JUNK) or name.rsplit("/", 1)[-1] in _JUNK_NAMES


def _is_folder(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.filename.endswith("/") and (mode == 0 or stat.S_ISDIR(mode))


def _check_kind(info: zipfile.ZipInfo) -> None:
    # The high 16 bits of external_attr hold st_mode when the zip was made on Unix (0 elsewhere): a
    # symlink, device or fifo must never become a file Parley writes, or reads through.
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UploadRejected(f"`{shown(info.filename)}` is a symbolic link; zip the files themselves")
    if mode and not stat.S_ISREG(mode):
        raise UploadRejected(f"`{shown(info.filename)}` is not a regular file")
    if info.flag_bits & 0x1:
        raise UploadRejected(f"`{shown(info.filename)}` is encrypted; zip it without a password")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read one member in chunks, stopping as soon as a bound is passed: headers can claim anything."""
    limit = min(budget, max(RATIO_FLOOR, info.compress_size * MAX_RATIO))
    out = bytearray()
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                out += chunk
                if len(out) > limit:
                    break
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise UploadRejected(f"`{shown(info.filename)}` cannot be unpacked ({exc})") from None
    if len(out) > budget:
        raise UploadRejected(f"the zip unpacks to more than {MAX_UNPACKED_BYTES:,} bytes")
    if len(out) > limit:
        raise UploadRejected(f"`{shown(info.filename)}` unpacks to over {MAX_RATIO}× its packed size "
                             "(a zip bomb?)")
    return bytes(out)


def shown(name: str) -> str:
    """A name as it may be quoted back: printable, short, without backticks that would end the code span."""
    text = "".join(c if c.isprintable() and c != "`" else "?" for c in name)
    return text if len(text) <= 80 else text[:79] + "…"
