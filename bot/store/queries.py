"""The SQLite log: every question and answer, what it cited and cost, where it was posted, the feedback on
it, the knowledge reloads and versions, and the gaps (questions the knowledge could not answer).

Two rules shape this module:

* **Never block the event loop.** Every statement runs on one dedicated worker thread that owns the only
  connection (sqlite3 connections are not meant to be shared across threads). Callers ``await`` a future;
  the loop keeps serving Discord meanwhile. One thread also means writes are naturally serialised, so the
  only lock contention is with *other* processes (a moderator's ``sqlite3`` shell), which WAL keeps rare.
* **A failing store never stops an answer.** Locked, full, read-only, corrupt or deleted: the failure is
  logged once with its traceback, the method returns its empty default, and the caller carries on. While
  failing, statements stop waiting on locks, so a stuck store cannot queue answers behind it; the first
  statement that succeeds again is logged as a recovery.

The schema is versioned with ``PRAGMA user_version`` and grows only by appending to ``MIGRATIONS``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TypeVar

from bot.core.answer import Answer, Citation
from bot.core.conversation import Turn
from bot.store.schema import connect, normalise, transaction

log = logging.getLogger("parley.store")
T = TypeVar("T")

FAILING_BUSY_TIMEOUT = 0.05  # while failing, don't let every queued answer wait the full timeout in turn

Origin = Literal["discord", "cli", "soak"]
UP, DOWN = 1, -1


@dataclass(frozen=True)
class Where:
    """Where a question was asked: Discord ids, or the CLI, or a soak run."""

    source: Origin = "discord"
    guild_id: int | None = None
    channel_id: int | None = None
    thread_id: int | None = None
    user_id: int | None = None
    message_id: int | None = None  # the member's message (a mention or reply); None for a slash command

    @classmethod
    def soak(cls) -> Where:
        return cls(source="soak")


@dataclass(frozen=True)
class Gap:
    """A question (normalised) the knowledge could not answer, how often and how recently it was asked."""

    normalised: str
    example: str  # the latest wording, as asked
    count: int
    last_asked: datetime


@dataclass(frozen=True)
class ReloadRecord:
    """One reload of the knowledge: the history moderators read (``/kb history``, ``./dev history``)."""

    at: datetime
    trigger: str  # start | command | watch | import | rollback
    ok: bool
    version: str | None
    previous: str | None
    problems: tuple[str, ...]
    who: str | None = None  # the moderator or operator; None for the watcher and a start
    what: str = ""  # what changed, in one line


@dataclass(frozen=True)
class StoredVersion:
    """A knowledge version whose files the store holds, so it can be rolled back to."""

    version: str
    stored_at: datetime
    summary: str
    how: str = ""  # how it last went live: "import by alex (123): model.yaml: changed 1 (…)"


def now() -> str:
    return datetime.now(UTC).isoformat()


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# --- the store ---------------------------------------------------------------------------------------------

_TURNS = ("SELECT a.question, a.text, a.sides, (SELECT group_concat(entry_id, ',') FROM "
          "(SELECT entry_id FROM citations WHERE answer_id = a.id ORDER BY ord)) FROM answers a")


def _turn(row: tuple[str, str, str, str | None]) -> Turn:
    question, text, sides, cited = row
    return Turn(question=question, answer=text, cited=tuple(filter(None, (cited or "").split(","))),
                sides=tuple(filter(None, sides.split(","))))


class Store:
    """The SQLite log, run on its own worker thread. Every method is safe to await on the answer path."""

    def __init__(self, path: str | Path, *, busy_timeout: float) -> None:
        """``busy_timeout``: seconds to wait on another process's lock (``PARLEY_STORE_BUSY_TIMEOUT``)."""
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.failures = 0  # statements that failed since start (the soak run reports this)
        self._failing = False
        self._worker_failing = False  # read and written on the worker thread only
        self._failed_in_a_row = 0
        self._closed = False
        self._conn: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None  # (device, inode) of the file the connection has open
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-store")

    @property
    def healthy(self) -> bool:
        return not self._failing and not self._closed

    # --- plumbing: one thread, one connection, failures logged once

    async def _run(self, what: str, op: Callable[[sqlite3.Connection], T], default: T, *, write: bool = True) -> T:
        if self._closed:
            log.debug("store closed; %s skipped", what)
            return default
        loop = asyncio.get_running_loop()
        try:
            # A cancelled caller does not cancel the statement: once queued, a write still lands.
            result = await loop.run_in_executor(self._worker, self._in_worker, op, write)
        except Exception:
            self.failures += 1
            self._failed_in_a_row += 1
            if not self._failing:
                log.warning("store %s failed; Parley keeps answering without it until it recovers (%s)",
                            what, self.path, exc_info=True)
            else:
                log.debug("store %s failed again", what, exc_info=True)
            self._failing = True
            return default
        if self._failing:
            log.warning("store recovered (%s); %d statement(s) failed meanwhile", self.path, self._failed_in_a_row)
            self._failing = False
        self._failed_in_a_row = 0
        return result

    def _in_worker(self, op: Callable[[sqlite3.Connection], T], write: bool) -> T:
        # The worker keeps its own failing flag: the loop learns of a failure only after the statements
        # queued behind it have started, and each of those would otherwise wait the whole busy timeout.
        try:
            conn = self._connection()
            timeout = FAILING_BUSY_TIMEOUT if self._worker_failing else self.busy_timeout
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            with transaction(conn, write=write):
                result = op(conn)
        except Exception:
            self._worker_failing = True
            raise
        self._worker_failing = False
        return result

    def _connection(self) -> sqlite3.Connection:
        """The open connection, reopened (and migrated) when the file was deleted or replaced under it —
        otherwise writes would keep going to an unlinked file and be lost silently."""
        try:
            st = os.stat(self.path)
            current: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except FileNotFoundError:
            current = None
        if self._conn is not None and current != self._file:
            log.warning("the store's file %s was deleted or replaced; starting a new one", self.path)
            self._close_connection()
        if self._conn is None:
            self._conn = connect(self.path)
            st = os.stat(self.path)
            self._file = (st.st_dev, st.st_ino)
        return self._conn

    def _close_connection(self) -> None:
        conn, self._conn, self._file = self._conn, None, None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                log.debug("closing the store's connection failed", exc_info=True)

    async def open(self) -> bool:
        """Create or migrate the database now (rather than on the first answer); False if it failed."""
        return await self._run("open", lambda _conn: True, False, write=False)

    async def close(self) -> None:
        """Finish every queued statement, then close the connection and the worker thread."""
        if self._closed:
            return
        loop = asyncio.get_running_loop()
        self._closed = True
        # The worker runs in order: this runs after every statement queued before it.
        await loop.run_in_executor(self._worker, self._close_connection)
        self._worker.shutdown(wait=False)

    # --- the answer path

    async def record_answer(self, answer: Answer, *, text: str, latency_ms: float, where: Where,
                            citations: Sequence[Citation] = ()) -> int | None:
        """Log one answer (with its citations, and as a gap when out of scope); its id, or None."""
        usage = answer.usage
        row = (now(), answer.question, text, answer.kind.value, answer.mode, int(answer.in_scope), answer.notice,
               ",".join(answer.sides_focus), round(latency_ms, 3),
               usage.input_tokens if usage else 0, usage.cached_tokens if usage else 0,
               usage.output_tokens if usage else 0, usage.calls if usage else 0,
               answer.knowledge_version, answer.prompt_version, where.source,
               where.guild_id, where.channel_id, where.thread_id, where.user_id, where.message_id)
        cited = [(c.id, c.status.value) for c in citations]

        def write(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "INSERT INTO answers (asked_at, question, text, kind, mode, in_scope, notice, sides, latency_ms, "
                "input_tokens, cached_tokens, output_tokens, model_calls, knowledge_version, prompt_version, "
                "source, guild_id, channel_id, thread_id, user_id, message_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            answer_id = cur.lastrowid
            assert answer_id is not None
            conn.executemany("INSERT INTO citations (answer_id, ord, entry_id, status) VALUES (?, ?, ?, ?)",
                             [(answer_id, n, cid, status) for n, (cid, status) in enumerate(cited)])
            if not answer.in_scope:
                conn.execute("INSERT INTO gaps (answer_id, normalised, asked_at) VALUES (?, ?, ?)",
                             (answer_id, normalise(answer.question), row[0]))
            return answer_id

        return await self._run("record_answer", write, None)

    async def record_posts(self, answer_id: int, message_ids: Sequence[int]) -> None:
        """The Discord messages an answer was posted as, so a reaction on any of them maps back to it."""
        rows = [(mid, answer_id, n) for n, mid in enumerate(message_ids)]
        await self._run("record_posts", lambda conn: conn.executemany(
            "INSERT OR REPLACE INTO posts (message_id, answer_id, part) VALUES (?, ?, ?)", rows), None)

    async def attach_thread(self, answer_id: int, thread_id: int) -> None:
        """The answer opened a thread: it becomes that conversation's first turn (read back after a restart)."""
        await self._run("attach_thread", lambda conn: conn.execute(
            "UPDATE answers SET thread_id = ? WHERE id = ?", (thread_id, answer_id)), None)

    async def answer_for_message(self, message_id: int) -> int | None:
        def read(conn: sqlite3.Connection) -> int | None:
            row = conn.execute("SELECT answer_id FROM posts WHERE message_id = ?", (message_id,)).fetchone()
            return row[0] if row else None

        return await self._run("answer_for_message", read, None, write=False)

    async def feedback(self, message_id: int, user_id: int, vote: int, *, added: bool) -> int | None:
        """A 👍 (``UP``) or 👎 (``DOWN``) added or removed on any part of an answer. Returns the answer's id,
        or None when the message is not one of Parley's answers (or the store is failing)."""
        if vote not in (UP, DOWN):
            raise ValueError(f"vote must be UP or DOWN, not {vote!r}")

        def write(conn: sqlite3.Connection) -> int | None:
            row = conn.execute("SELECT answer_id FROM posts WHERE message_id = ?", (message_id,)).fetchone()
            if row is None:
                return None
            if added:
                conn.execute("INSERT OR IGNORE INTO feedback (answer_id, user_id, vote, at) VALUES (?, ?, ?, ?)",
                             (row[0], user_id, vote, now()))
            else:
                conn.execute("DELETE FROM feedback WHERE answer_id = ? AND user_id = ? AND vote = ?",
                             (row[0], user_id, vote))
            return int(row[0])

        return await self._run("feedback", write, None)

    async def feedback_for(self, answer_id: int) -> tuple[int, int]:
        """(👍, 👎) counts for one answer."""
        def read(conn: sqlite3.Connection) -> tuple[int, int]:
            up, down = conn.execute("SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) "
                                    "FROM feedback WHERE answer_id = ?", (answer_id,)).fetchone()
            return int(up), int(down)

        return await self._run("feedback_for", read, (0, 0), write=False)

    async def recent_turns(self, thread_id: int, limit: int) -> list[Turn]:
        """A thread's last ``limit`` answers, oldest first: enough to rebuild its conversation after a restart."""
        def read(conn: sqlite3.Connection) -> list[Turn]:
            rows = conn.execute(f"{_TURNS} WHERE a.thread_id = ? ORDER BY a.id DESC LIMIT ?", (thread_id, limit))
            return [_turn(row) for row in reversed(rows.fetchall())]

        if limit <= 0:
            return []
        return await self._run("recent_turns", read, [], write=False)

    async def turn_for_message(self, message_id: int) -> Turn | None:
        """The answer a Discord message was part of, as a turn (a reply to it continues from there)."""
        def read(conn: sqlite3.Connection) -> Turn | None:
            row = conn.execute(f"{_TURNS} JOIN posts p ON p.answer_id = a.id WHERE p.message_id = ?",
                               (message_id,)).fetchone()
            return _turn(row) if row else None

        return await self._run("turn_for_message", read, None, write=False)

    # --- moderators

    async def record_reload(self, *, trigger: str, ok: bool, version: str | None, previous: str | None,
                            problems: Sequence[str] = (), who: str | None = None, what: str = "") -> None:
        row = (now(), trigger, int(ok), version, previous, json.dumps(list(problems), ensure_ascii=False), who, what)
        await self._run("record_reload", lambda conn: conn.execute(
            "INSERT INTO reloads (at, trigger, ok, version, previous, problems, who, what) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row), None)

    async def reloads(self, limit: int = 10) -> list[ReloadRecord]:
        """The latest knowledge reloads, newest first: the knowledge's history."""
        def read(conn: sqlite3.Connection) -> list[ReloadRecord]:
            rows = conn.execute("SELECT at, trigger, ok, version, previous, problems, who, what FROM reloads "
                                "ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
            return [ReloadRecord(datetime.fromisoformat(at), trigger, bool(ok), version, previous,
                                 tuple(json.loads(problems)), who, what)
                    for at, trigger, ok, version, previous, problems, who, what in rows]

        return await self._run("reloads", read, [], write=False)

    async def last_live_version(self) -> str | None:
        """The version the latest successful reload made live (before this start, when called at start)."""
        def read(conn: sqlite3.Connection) -> str | None:
            row = conn.execute("SELECT version FROM reloads WHERE ok = 1 ORDER BY id DESC LIMIT 1").fetchone()
            return row[0] if row else None

        return await self._run("last_live_version", read, None, write=False)

    # --- knowledge versions: each live version's files, for rollbacks

    async def keep_version(self, version: str, files: Mapping[str, bytes], summary: str) -> bool:
        """Store a version's files (once: a version id names its contents). False if the store failed."""
        blobs = {hashlib.sha256(data).hexdigest(): data for data in files.values()}
        rows = [(version, path, hashlib.sha256(data).hexdigest()) for path, data in sorted(files.items())]

        def write(conn: sqlite3.Connection) -> bool:
            if conn.execute("SELECT 1 FROM versions WHERE version = ?", (version,)).fetchone():
                return True
            conn.executemany("INSERT OR IGNORE INTO blobs (sha, data) VALUES (?, ?)", list(blobs.items()))
            conn.execute("INSERT INTO versions (version, stored_at, summary) VALUES (?, ?, ?)",
                         (version, now(), summary))
            conn.executemany("INSERT INTO version_files (version, path, sha) VALUES (?, ?, ?)", rows)
            return True

        return await self._run("keep_version", write, False)

    async def has_version(self, version: str) -> bool:
        def read(conn: sqlite3.Connection) -> bool:
            return conn.execute("SELECT 1 FROM versions WHERE version = ?", (version,)).fetchone() is not None

        return await self._run("has_version", read, False, write=False)

    async def version_files(self, version: str) -> dict[str, bytes] | None:
        """A stored version's files by path, or None when the store does not hold it (or is failing)."""
        def read(conn: sqlite3.Connection) -> dict[str, bytes] | None:
            if not conn.execute("SELECT 1 FROM versions WHERE version = ?", (version,)).fetchone():
                return None
            rows = conn.execute("SELECT f.path, b.data FROM version_files f JOIN blobs b ON b.sha = f.sha "
                                "WHERE f.version = ? ORDER BY f.path", (version,)).fetchall()
            return {path: bytes(data) for path, data in rows}

        return await self._run("version_files", read, None, write=False)

    async def versions(self, limit: int = 25, starting: str = "") -> list[StoredVersion]:
        """The stored versions, the most recently live first; ``starting``: an id's first characters."""
        def read(conn: sqlite3.Connection) -> list[StoredVersion]:
            rows = conn.execute(
                "SELECT v.version, v.stored_at, v.summary, l.trigger, l.who, l.what FROM versions v "
                "LEFT JOIN (SELECT version, MAX(id) AS last FROM reloads WHERE ok = 1 GROUP BY version) r "
                "ON r.version = v.version LEFT JOIN reloads l ON l.id = r.last "
                "WHERE v.version LIKE ? ESCAPE '\\' "
                "ORDER BY COALESCE(r.last, 0) DESC, v.stored_at DESC LIMIT ?",
                (_like_prefix(starting), limit)).fetchall()
            return [StoredVersion(version, datetime.fromisoformat(at), summary,
                                  " ".join(filter(None, [trigger, f"by {who}" if who else ""]))
                                  + (f": {what}" if what else ""))
                    for version, at, summary, trigger, who, what in rows]

        return await self._run("versions", read, [], write=False)

    async def gaps(self, limit: int = 10, since: datetime | None = None) -> list[Gap]:
        """The most frequent questions the knowledge could not answer since ``since``; ties: the most recent."""
        after = (since or datetime.min.replace(tzinfo=UTC)).astimezone(UTC).isoformat()

        def read(conn: sqlite3.Connection) -> list[Gap]:
            rows = conn.execute(
                "SELECT r.normalised, r.n, r.last, a.question FROM ("
                " SELECT normalised, COUNT(*) AS n, MAX(asked_at) AS last, MAX(answer_id) AS latest"
                " FROM gaps WHERE asked_at >= ? GROUP BY normalised) r "
                "JOIN answers a ON a.id = r.latest ORDER BY r.n DESC, r.last DESC LIMIT ?", (after, limit)).fetchall()
            return [Gap(normalised, example, count, datetime.fromisoformat(last))
                    for normalised, count, last, example in rows]

        return await self._run("gaps", read, [], write=False)

    async def counts(self) -> dict[str, int]:
        """Row counts per table: what a soak run checks nothing was lost against."""
        tables = ("answers", "citations", "posts", "feedback", "reloads", "gaps", "versions")

        def read(conn: sqlite3.Connection) -> dict[str, int]:
            return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

        return await self._run("counts", read, {}, write=False)
