"""The live knowledge: the snapshot every question is answered from, and how it is replaced.

A ``Knowledge`` is immutable, so swapping in a new one is a single attribute assignment: a question that
has started keeps the snapshot it began with, and the next one sees the new version whole, never half of
each. A reload only swaps when the new files are valid; otherwise the last good version stays live and
the problems are returned (and recorded, and passed to whoever listens, e.g. the bot's moderators).

Loading parses YAML and builds the search index, which takes tens of milliseconds: it runs in a thread,
so the event loop keeps answering meanwhile. The watcher only compares file names, sizes and times.
No Discord here.
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
from bot.knowledge.files import list_folder
from bot.knowledge.loader import load_knowledge
from bot.knowledge.schema import Knowledge
from bot.store import Store

log = logging.getLogger("parley.knowledge")

Trigger = Literal["start", "command", "watch"]
# (path, mtime_ns, ctime_ns, size) per knowledge file: ctime too, so that making an unreadable file readable
# (chmod, which leaves mtime alone) is a change the watcher tries again on.
Fingerprint = tuple[tuple[str, int, int, int], ...]
Listener = Callable[["Reload"], Awaitable[None]]


@dataclass(frozen=True)
class Reload:
    """What a reload did: ``ok`` when the files were valid (and are now live)."""

    trigger: Trigger
    ok: bool
    version: str  # live after the reload
    previous: str
    problems: tuple[Problem, ...] = ()
    summary: str = ""  # the live knowledge's summary after the reload

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
            await store.record_reload(trigger="start", ok=True, version=knowledge.version, previous=None)
        return live

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

    async def check(self) -> Knowledge:
        """Validate the files as they are on disk without swapping anything in; raises KnowledgeError."""
        return await asyncio.to_thread(load_ready, self.folder)

    async def reload(self, trigger: Trigger = "command") -> Reload:
        """Load the files; swap them in if valid, else keep the last good version. Never raises for bad files."""
        async with self._lock:
            previous = self._current
            seen = await asyncio.to_thread(fingerprint, self.folder)
            try:
                knowledge = await asyncio.to_thread(load_ready, self.folder)
            except KnowledgeError as exc:
                self._seen = seen  # the watcher reports a broken edit once, not at every poll
                result = Reload(trigger, False, previous.version, previous.version, tuple(exc.problems),
                                previous.summary())
                log.warning("knowledge reload (%s) rejected; %s stays live:\n%s", trigger, previous.version,
                            "\n".join(result.lines()))
            else:
                self._seen = seen
                self._current = knowledge  # the swap: one assignment
                result = Reload(trigger, True, knowledge.version, previous.version, (), knowledge.summary())
                if result.changed:
                    log.info("knowledge reloaded (%s): %s -> %s", trigger, previous.version, knowledge.version)
            # A file saved without a change is not news; a fix after a broken edit is, even if it restores
            # the version that stayed live.
            touched = trigger == "watch" and result.ok and not result.changed and self._last_ok
            self._last_ok = result.ok
        if touched:
            return result
        if self._store is not None:
            await self._store.record_reload(trigger=trigger, ok=result.ok, version=result.version,
                                            previous=result.previous, problems=result.lines())
        await self._tell(result)
        return result

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
