"""``python -m bot history`` and ``python -m bot rollback VERSION``: the knowledge's history for operators on
the host, the same records and the same checks as ``/kb history`` and ``/kb rollback`` in Discord.

A rollback from here writes the folder (validated first, shown, confirmed, then atomically) and records
itself; a running bot picks the files up as an edit on disk. Neither command needs the folder to load:
restoring a good version is exactly what a broken folder needs.
"""

from __future__ import annotations

import asyncio
import getpass
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from bot.errors import KnowledgeError, ParleyError
from bot.knowledge import edits
from bot.knowledge.live import TRIGGER_LABELS
from bot.knowledge.loader import load_knowledge
from bot.knowledge.schema import Knowledge
from bot.settings import Settings
from bot.store import ReloadRecord, Store


def history_line(record: ReloadRecord) -> str:
    when = record.at.strftime("%Y-%m-%d %H:%M:%S UTC")
    label = TRIGGER_LABELS.get(record.trigger, record.trigger)
    who = record.who or ("the watcher" if record.trigger == "watch" else "-")
    if not record.ok:
        versions = f"rejected ({len(record.problems)} problem(s)); {record.version} stayed live"
    elif record.previous and record.previous != record.version:
        versions = f"{record.previous} → {record.version}"
    else:
        versions = f"{record.version}"
    return f"{when}  {label:<12} {who:<28} {versions}" + (f"  {record.what}" if record.what else "")


def _existing_store(settings: Settings) -> Store:
    """The store the bot writes; not created here (a typo in PARLEY_DB_PATH would otherwise look empty)."""
    if not Path(settings.db_path).is_file():
        raise ParleyError(f"no store at {settings.db_path}: set PARLEY_DB_PATH to the bot's (see .env)")
    return Store(settings.db_path, busy_timeout=settings.store_busy_timeout)


async def history(settings: Settings, limit: int) -> int:
    store = _existing_store(settings)
    try:
        if not await store.open():
            raise ParleyError(f"cannot open the store {settings.db_path} (see the log)")
        records = await store.reloads(limit)
    finally:
        await store.close()
    if not records:
        print(f"no knowledge history in {settings.db_path} yet")
        return 0
    for record in records:
        print(history_line(record))
    return 0


def operator() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (some containers)
        user = "operator"
    return f"{user}@{socket.gethostname()} (./dev rollback)"


def preview(edit: edits.Edit, current: Knowledge | None) -> str:
    change = edit.change
    live = current.version if current is not None else "a folder that does not load"
    lines = [f"Rollback to version {edit.label} (the folder now: {live})"]
    for label, names in (("replaces", edit.replaced), ("adds", edit.added), ("removes", edit.removed)):
        if names:
            lines.append(f"  {label} {', '.join(names)}")
    for label, ids in (("added", change.added), ("changed", change.changed), ("removed", change.removed)):
        if ids:
            lines.append(f"  {label} ({len(ids)}): {', '.join(ids)}")
    lines += [f"  status: {m.id} {m.old} → {m.new}" for m in change.statuses]
    if change.new_flags:
        lines.append(f"  new flags: {', '.join(f'{i} ({s})' for i, s in change.new_flags)}")
    lines += [f"  also: {other}" for other in change.other]
    lines += [f"  balance warning: {w.replace('`', '')}" for w in change.warnings]
    lines.append(f"After it: {edit.knowledge.summary()}")
    return "\n".join(lines)


async def rollback(settings: Settings, version: str, *, yes: bool,
                   ask: Callable[[str], str] = input) -> int:
    folder = Path(settings.knowledge_dir)
    store = _existing_store(settings)
    try:
        if not await store.open():
            raise ParleyError(f"cannot open the store {settings.db_path} (see the log)")
        wanted = version.strip().lower()
        files = await store.version_files(wanted)
        if files is None:
            found = await store.versions(2, starting=wanted) if wanted else []
            if len(found) == 1:
                wanted = found[0].version
                files = await store.version_files(wanted)
        if files is None:
            raise ParleyError(f"no stored version {wanted!r}; `./dev history` lists them")
        try:
            current: Knowledge | None = await asyncio.to_thread(load_knowledge, folder)
        except KnowledgeError as exc:
            print(f"the folder does not load now ({len(exc.problems)} problem(s)); the rollback replaces it")
            current = None
        target = await asyncio.to_thread(edits.validate, files, folder.name)  # KnowledgeError: the CLI lists them
        reference = current or await _last_live(store, folder.name) or target  # what the change is shown against
        prepared = await asyncio.to_thread(edits.prepare, "rollback", wanted, files, folder, reference)
        if isinstance(prepared, edits.Rejected):
            raise KnowledgeError(list(prepared.problems))
        if prepared.files == prepared.base:
            print(f"the folder already holds version {wanted}: nothing to roll back")
            return 0
        print(preview(prepared, current))
        if not yes:
            if not sys.stdin.isatty() and ask is input:
                raise ParleyError("not applied: pass --yes to roll back without being asked")
            if ask("Write it into the knowledge folder? [y/N] ").strip().lower() not in {"y", "yes"}:
                print("not applied")
                return 1
        await asyncio.to_thread(_write, prepared, folder)
        await store.record_reload(trigger="rollback", ok=True, version=prepared.version,
                                  previous=current.version if current else None, who=operator(),
                                  what=f"{wanted}: {prepared.change.brief()}")
    finally:
        await store.close()
    print(f"ok: version {prepared.version} written into {folder}; a running Parley picks it up as an edit on disk")
    return 0


async def _last_live(store: Store, folder_name: str) -> Knowledge | None:
    """The version last live, for a folder that does not load now: the change is shown against it."""
    version = await store.last_live_version()
    files = await store.version_files(version) if version else None
    if files is None:
        return None
    try:
        return await asyncio.to_thread(edits.validate, files, folder_name)
    except KnowledgeError:
        return None


def _write(edit: edits.Edit, folder: Path) -> None:
    if edits.read_files(folder) != edit.base:
        raise ParleyError("the folder changed while you were reading the preview: nothing was written; run it again")
    edits.write_files(folder, edit.files, edit.base)
