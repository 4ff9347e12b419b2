"""The live knowledge: the snapshot every question is answered from, and how it is replaced.

A ``Knowledge`` is immutable, so swapping in a new one is a single attribute assignment: a question that
has started keeps the snapshot it began with, and the next one sees the new version whole, never half of
each. A reload only swaps when the new files are valid; otherwise the last good version stays live and
the problems are returned (and recorded, and passed to whoever listens, e.g. the bot's moderators).

Loading parses YAML and builds the search index, which takes tens of milliseconds: it runs in a thread,
so the event loop keeps answering meanwhile. The watcher only compares file names, sizes and times.

An edit prepared elsewhere (``bot.knowledge.edits``: an import or a rollback) is applied here, under the
same lock as a reload: the folder is checked to be as the edit's preview saw it, the files are written,
and the swap is an ordinary reload. Every version that goes live is kept in the store with its files,
and every reload is recorded with who made the change and what it changed — an edit on disk (by the
operator, or a ``git pull``) as such. No Discord here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.core.retrieval import index_for
from bot.errors import KnowledgeError, Problem
from bot.knowledge import edits
from bot.knowledge.diff import diff
from bot.knowledge.files import list_folder
from bot.knowledge.loader import load_knowledge
from bot.knowledge.schema import Knowledge
from bot.knowledge.upload import Files
from bot.store import Store

log = logging.getLogger("parley.knowledge")

Cause = Literal["start", "command", "watch", "import", "rollback"]  # what made a reload happen
# How the history names each trigger, in Discord and on the command line alike.
TRIGGER_LABELS: dict[str, str] = {"start": "start", "command": "/kb reload", "watch": "edit on disk",
                                  "import": "import", "rollback": "rollback"}
# (path, mtime_ns, ctime_ns, size) per knowledge file: ctime too, so that making an unreadable file readable
# (chmod, which leaves mtime alone) is a change the watcher tries again on.
Fingerprint = tuple[tuple[str, int, int, int], ...]
Listener = Callable[["Reload"], Awaitable[None]]


@dataclass(frozen=True)
class Reload:
    """What a reload did: ``ok`` when the files were valid (and are now live)."""

    trigger: Cause
    ok: bool
    version: str  # live after the reload
    previous: str
    problems: tuple[Problem, ...] = ()
    summary: str = ""  # the live knowledge's summary after the reload
    who: str | None = None  # who made the change (a moderator, an operator); None: an edit on disk
    what: str = ""  # what changed, in one line (the history's)

    @property
    def changed(self) -> bool:
        return self.version != self.previous

    def lines(self) -> list[str]:
        """Each problem as ``file:line: field: message``."""
        return [str(p) for p in self.problems]


def fingerprint(folder: Path) -> Fingerprint:
    """Cheap to take every few seconds: names, sizes and times, no reading. Never raises: a
    folder that cannot be listed, or a file that cannot be looked at, is part of the fingerprint (as -1),
    so the change is noticed and the reload says what is wrong."""
    try:
        if not folder.is_dir():
            return ()
        paths = list_folder(folder).files  # links and pipes too: adding one is a change to report
    except OSError:
        return (("(folder cannot be listed)", -1, -1, -1),)
    out = []
    for path in paths:
        try:
            st = path.lstat()  # a link is looked at, not followed, as the loader does
        except FileNotFoundError:  # removed between listing and stat: the next poll sees it gone
            continue
        except OSError:
            out.append((str(path), -1, -1, -1))
            continue
        out.append((str(path), st.st_mtime_ns, st.st_ctime_ns, st.st_size))
    return tuple(out)


def load_ready(folder: Path) -> Knowledge:
    """Load, validate and index: everything a question needs, done before the snapshot goes live.

    Raises only ``KnowledgeError``: the loader turns every bad file into a problem, and anything else
    that escapes (a bug, or the machine out of memory) becomes one problem too, so a reload — and the
    watcher that calls it — reports a failing edit like any other, instead of raising at every poll."""
    try:
        knowledge = load_knowledge(folder)
        index_for(knowledge)  # built here, in the loading thread, not by the first question after a swap
    except KnowledgeError:
        raise
    except Exception as exc:
        log.error("loading the knowledge from %s failed unexpectedly", folder, exc_info=True)
        raise KnowledgeError([Problem(str(folder), 0, "folder", f"could not be loaded ({type(exc).__name__}: "
                                      f"{str(exc)[:200]}); the details are in the log")]) from exc
    return knowledge


def _load_with_change(folder: Path, previous: Knowledge) -> tuple[Knowledge, str]:
    """``load_ready``, and what changed since ``previous`` in one line (compared here, in the loading
    thread: comparing thousands of entries would hold up the event loop)."""
    knowledge = load_ready(folder)
    return knowledge, diff(previous, knowledge).brief() if knowledge.version != previous.version else ""


class LiveKnowledge:
    def __init__(self, folder: Path, knowledge: Knowledge, *, store: Store | None = None,
                 poll_seconds: float = 0.0, seen: Fingerprint = ()) -> None:
        self.folder = folder
        self.poll_seconds = poll_seconds
        self._current = knowledge
        self._store = store
        self._seen = seen
        self._lock = asyncio.Lock()  # one reload at a time: a command and the watcher never interleave
        self._listeners: list[Listener] = []
        self._watcher: asyncio.Task[None] | None = None
        self._last_ok = True  # so a fix after a broken edit is reported even if it restores the live version

    @classmethod
    async def load(cls, folder: str | Path, *, store: Store | None = None, poll_seconds: float = 0.0) -> LiveKnowledge:
        """The first load. With no last good version to fall back on, an invalid folder raises KnowledgeError."""
        folder = Path(folder)
        # Fingerprint before loading: an edit made during the load is then seen by the first poll.
        seen = await asyncio.to_thread(fingerprint, folder)
        knowledge = await asyncio.to_thread(load_ready, folder)
        live = cls(folder, knowledge, store=store, poll_seconds=poll_seconds, seen=seen)
        log.info("knowledge %s loaded from %s", knowledge.version, folder)
        if store is not None:
            previous = await store.last_live_version()
            what = await live._since(previous, knowledge)
            await store.record_reload(trigger="start", ok=True, version=knowledge.version, previous=previous,
                                      what=what)
            await live._keep(knowledge)
        return live

    async def _since(self, previous: str | None, knowledge: Knowledge) -> str:
        """At start: what changed on disk while Parley was stopped (an operator's edit, a ``git pull``)."""
        if previous is None or previous == knowledge.version or self._store is None:
            return ""
        files = await self._store.version_files(previous)
        if files is None:
            return "edited on disk while Parley was stopped"

        def compare(files: Files) -> str:
            return diff(edits.validate(files, self.folder.name), knowledge).brief()

        try:
            return f"edited on disk while Parley was stopped: {await asyncio.to_thread(compare, files)}"
        except KnowledgeError:  # stored under an older loader's rules: say what is known
            return "edited on disk while Parley was stopped"

    async def _keep(self, knowledge: Knowledge, files: Files | None = None) -> None:
        """Store the live version's files (once per version), so it can be rolled back to later.

        Without ``files`` they are read back from disk and kept only if they load to the same version (the
        folder may have changed again since the load; then the next reload keeps that one)."""
        if self._store is None or await self._store.has_version(knowledge.version):
            return
        if files is None:
            files = await asyncio.to_thread(edits.read_files, self.folder)
            try:
                again = await asyncio.to_thread(edits.validate, files, self.folder.name)
            except KnowledgeError:
                return
            if again.version != knowledge.version:
                return
        await self._store.keep_version(knowledge.version, files, knowledge.summary())

    @property
    def current(self) -> Knowledge:
        """The live snapshot. Read it once per question and use that one throughout."""
        return self._current

    def subscribe(self, listener: Listener) -> None:
        """``listener(reload)`` is awaited after every reload, good or bad (a listener's failure is logged)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    async def files(self) -> dict[str, bytes] | None:
        """The live version's files: as stored, else the folder's if it still holds that version; None if
        neither (the folder was edited since, and the store does not have them)."""
        version = self._current.version
        if self._store is not None and (stored := await self._store.version_files(version)) is not None:
            return stored
        files = await asyncio.to_thread(edits.read_files, self.folder)
        try:
            on_disk = await asyncio.to_thread(edits.validate, files, self.folder.name)
        except KnowledgeError:
            return None
        return files if on_disk.version == version else None

    async def check(self) -> Knowledge:
        """Validate the files as they are on disk without swapping anything in; raises KnowledgeError."""
        return await asyncio.to_thread(load_ready, self.folder)

    async def reload(self, trigger: Cause = "command", *, who: str | None = None) -> Reload:
        """Load the files; swap them in if valid, else keep the last good version. Never raises for bad files."""
        async with self._lock:
            result, touched = await self._load_and_swap(trigger, who)
        if touched:
            return result
        await self._record(result)
        return result

    async def apply(self, edit: edits.Edit, *, who: str) -> Reload:
        """Write a prepared edit into the folder and swap it in, as one step under the reload lock.

        Raises ``StaleEdit`` (writing nothing) when the folder or the live version is no longer what the
        edit was prepared from: another moderator's edit, or one on disk, came first."""
        async with self._lock:
            await asyncio.to_thread(edits.ensure_base, edit, self.folder, self._current)
            await asyncio.to_thread(edits.write_files, self.folder, edit.files, edit.base)
            log.info("%s of %s by %s written into %s", edit.kind, edit.label, who, self.folder)
            result, _ = await self._load_and_swap(edit.kind, who, what=f"{edit.label}: {edit.change.brief()}")
        if result.ok and result.version == edit.version:
            await self._keep(self._current, edit.files)
        await self._record(result)
        return result

    async def _record(self, result: Reload) -> None:
        if self._store is not None:
            await self._store.record_reload(trigger=result.trigger, ok=result.ok, version=result.version,
                                            previous=result.previous, problems=result.lines(), who=result.who,
                                            what=result.what)
            if result.ok and result.changed:
                await self._keep(self._current)
        await self._tell(result)

    async def _load_and_swap(self, trigger: Cause, who: str | None, what: str = "") -> tuple[Reload, bool]:
        """The reload itself; the caller holds the lock. Returns the result and whether it is not news."""
        previous = self._current
        seen = await asyncio.to_thread(fingerprint, self.folder)
        try:
            knowledge, change = await asyncio.to_thread(_load_with_change, self.folder, previous)
        except KnowledgeError as exc:
            self._seen = seen  # the watcher reports a broken edit once, not at every poll
            result = Reload(trigger, False, previous.version, previous.version, tuple(exc.problems),
                            previous.summary(), who, what or f"rejected: {len(exc.problems)} problem(s)")
            log.warning("knowledge reload (%s) rejected; %s stays live:\n%s", trigger, previous.version,
                        "\n".join(result.lines()))
        else:
            self._seen = seen
            self._current = knowledge  # the swap: one assignment
            result = Reload(trigger, True, knowledge.version, previous.version, (), knowledge.summary(), who,
                            what or change)
            if result.changed:
                log.info("knowledge reloaded (%s): %s -> %s", trigger, previous.version, knowledge.version)
        # A file saved without a change is not news; a fix after a broken edit is, even if it restores
        # the version that stayed live.
        touched = trigger == "watch" and result.ok and not result.changed and self._last_ok
        self._last_ok = result.ok
        return result, touched

    async def _tell(self, result: Reload) -> None:
        for listener in list(self._listeners):
            try:
                await listener(result)
            except Exception:
                log.exception("a knowledge reload listener failed")

    # --- the watcher

    async def poll(self) -> Reload | None:
        """One look at the folder: reload if any file was edited, added or removed since the last look."""
        seen = await asyncio.to_thread(fingerprint, self.folder)
        if seen == self._seen:
            return None
        return await self.reload("watch")

    def start(self) -> None:
        """Start polling every ``poll_seconds`` (0: never)."""
        if self.poll_seconds > 0 and self._watcher is None:
            self._watcher = asyncio.create_task(self._watch(), name="parley-knowledge-watcher")

    async def _watch(self) -> None:
        log.info("watching %s for edits every %gs", self.folder, self.poll_seconds)
        while True:
            await asyncio.sleep(self.poll_seconds)
            try:
                await self.poll()
            except Exception:  # a watcher that dies quietly would leave edits unnoticed until a restart
                log.exception("the knowledge watcher failed; it keeps polling")

    async def stop(self) -> None:
        task, self._watcher = self._watcher, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
