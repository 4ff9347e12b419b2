"""The store's schema: the tables, their migrations, and how a connection is opened.

The schema is versioned with ``PRAGMA user_version`` and grows only by appending to ``MIGRATIONS``; the
queries live in ``bot.store.queries``.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.core.mentions import MENTION

log = logging.getLogger("parley.store")


# --- the schema --------------------------------------------------------------------------------------------

_PUNCT = re.compile(r"[^\w\s]|_")  # \w counts "_" as a letter; markdown uses it for emphasis


def normalise(question: str) -> str:
    """One spelling per gap: mentions dropped, case folded, punctuation and spacing ignored."""
    return " ".join(_PUNCT.sub(" ", MENTION.sub(" ", question)).casefold().split())


def _schema_1(conn: sqlite3.Connection) -> None:
    """Answers with what they cited and cost, where they were posted, feedback, and knowledge reloads."""
    for statement in (
        """CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            asked_at TEXT NOT NULL,                -- ISO 8601, UTC
            question TEXT NOT NULL,
            text TEXT NOT NULL,                    -- what was posted (before splitting)
            kind TEXT NOT NULL,
            mode TEXT NOT NULL,                    -- offline | llm
            in_scope INTEGER NOT NULL,
            notice TEXT,                           -- e.g. why a model answer fell back to the knowledge
            sides TEXT NOT NULL DEFAULT '',        -- the sides the answer focused on, comma-separated
            latency_ms REAL NOT NULL,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            cached_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            model_calls INTEGER NOT NULL DEFAULT 0,
            knowledge_version TEXT NOT NULL,
            prompt_version TEXT,
            source TEXT NOT NULL,                  -- discord | cli | soak
            guild_id INTEGER, channel_id INTEGER, thread_id INTEGER, user_id INTEGER, message_id INTEGER
        )""",
        "CREATE INDEX answers_by_thread ON answers (thread_id, id) WHERE thread_id IS NOT NULL",
        """CREATE TABLE citations (
            answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            entry_id TEXT NOT NULL,
            status TEXT NOT NULL,
            PRIMARY KEY (answer_id, ord)
        ) WITHOUT ROWID""",
        "CREATE INDEX citations_by_entry ON citations (entry_id)",
        """CREATE TABLE posts (                    -- the Discord messages an answer was posted as
            message_id INTEGER PRIMARY KEY,
            answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
            part INTEGER NOT NULL
        )""",
        """CREATE TABLE feedback (                 -- one row per reaction: a member may add both, or remove one
            answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL,
            vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
            at TEXT NOT NULL,
            PRIMARY KEY (answer_id, user_id, vote)
        ) WITHOUT ROWID""",
        """CREATE TABLE reloads (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            trigger TEXT NOT NULL,                 -- start | command | watch
            ok INTEGER NOT NULL,
            version TEXT,                          -- live after the reload
            previous TEXT,
            problems TEXT NOT NULL DEFAULT '[]'    -- JSON list of 'file:line: field: message'
        )""",
    ):
        conn.execute(statement)


def _schema_2(conn: sqlite3.Connection) -> None:
    """Gaps get their own normalised, indexed table, so ``/kb gaps`` is one GROUP BY over recent rows; the
    out-of-scope answers logged before it are carried over."""
    conn.execute("""CREATE TABLE gaps (
        answer_id INTEGER PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
        normalised TEXT NOT NULL,
        asked_at TEXT NOT NULL
    )""")
    conn.execute("CREATE INDEX gaps_by_time ON gaps (asked_at, normalised)")
    conn.execute("INSERT INTO gaps (answer_id, normalised, asked_at) "
                 "SELECT id, parley_normalise(question), asked_at FROM answers WHERE in_scope = 0")


def _schema_3(conn: sqlite3.Connection) -> None:
    """The knowledge's history: who made each change and what it changed, and every version's files, so a
    rollback never depends on what the folder holds now. A file's contents are stored once however many
    versions share them (an edit usually changes one file of several)."""
    for statement in (
        "ALTER TABLE reloads ADD COLUMN who TEXT",  # a moderator or operator; NULL: the watcher, or a start
        "ALTER TABLE reloads ADD COLUMN what TEXT NOT NULL DEFAULT ''",  # what changed, in one line
        """CREATE TABLE blobs (
            sha TEXT PRIMARY KEY,                  -- sha256 of data
            data BLOB NOT NULL
        )""",
        """CREATE TABLE versions (
            version TEXT PRIMARY KEY,              -- the knowledge's version id
            stored_at TEXT NOT NULL,
            summary TEXT NOT NULL
        )""",
        """CREATE TABLE version_files (
            version TEXT NOT NULL REFERENCES versions (version) ON DELETE CASCADE,
            path TEXT NOT NULL,                    -- relative to the knowledge folder, '/'-separated
            sha TEXT NOT NULL REFERENCES blobs (sha),
            PRIMARY KEY (version, path)
        ) WITHOUT ROWID""",
    ):
        conn.execute(statement)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_schema_1, _schema_2, _schema_3)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The database is not one this Parley can use (e.g. a newer schema)."""


@contextmanager
def transaction(conn: sqlite3.Connection, *, write: bool = True) -> Iterator[sqlite3.Connection]:
    # IMMEDIATE takes the write lock up front, so a busy database fails here rather than mid-way; a read
    # needs no lock at all under WAL.
    conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:  # SQLite rolls back by itself on some errors (e.g. a full disk)
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.create_function("parley_normalise", 1, normalise, deterministic=True)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")  # readers never block the writer, and vice versa
        conn.execute("PRAGMA synchronous = NORMAL")  # durable across crashes of Parley; WAL makes it safe
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to ``SCHEMA_VERSION``, one transaction per step; returns the version."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"the database has schema {version}; this Parley knows up to {SCHEMA_VERSION}")
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        with transaction(conn):
            step(conn)
            conn.execute(f"PRAGMA user_version = {number}")
        log.info("store schema migrated to version %d", number)
    return max(version, SCHEMA_VERSION)
