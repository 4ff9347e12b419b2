"""The SQLite store: migrations, what an answer records, gaps, feedback, and failing without raising."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import bot.store.queries as store_module
from bot.core.answer import Answer, Citation, Kind, Usage
from bot.knowledge.schema import Status
from bot.store import DOWN, UP, Store, Where
from bot.store.schema import MIGRATIONS, SCHEMA_VERSION, connect, normalise, transaction
from tests.conftest import BUSY_TIMEOUT


def an_answer(question: str = "What does Russia say about NATO expansion?", *, in_scope: bool = True) -> Answer:
    return Answer(question=question, kind=Kind.SIDES if in_scope else Kind.OUT_OF_SCOPE, in_scope=in_scope,
                  lead="Russia says…", lead_cites=["nato-enlargement"] if in_scope else [], mode="llm",
                  knowledge_version="abc123", prompt_version="answer-v3", sides_focus=["russia"] if in_scope else [],
                  usage=Usage(input_tokens=1200, cached_tokens=1024, output_tokens=150, calls=2))


CITED = [Citation(id="nato-enlargement", status=Status.CONTESTED)]
HERE = Where(guild_id=1, channel_id=2, thread_id=None, user_id=4, message_id=5)


@pytest.fixture
async def store(tmp_path: Path):
    s = Store(tmp_path / "parley.sqlite3", busy_timeout=0.05)
    assert await s.open()
    yield s
    await s.close()


def read(path: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(sql, args).fetchall()
    conn.close()
    return rows


async def test_an_empty_file_is_migrated_to_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "parley.sqlite3"
    path.touch()
    s = Store(path, busy_timeout=BUSY_TIMEOUT)
    assert await s.open()
    await s.close()
    assert read(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    tables = {name for (name,) in read(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"answers", "citations", "posts", "feedback", "reloads", "gaps"} <= tables
    assert read(path, "PRAGMA journal_mode") == [("wal",)]


def at_schema(path: Path, version: int) -> sqlite3.Connection:
    """A database as a Parley that knew only the first ``version`` migrations left it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("parley_normalise", 1, normalise)
    for n, step in enumerate(MIGRATIONS[:version], start=1):
        with transaction(conn):
            step(conn)
            conn.execute(f"PRAGMA user_version = {n}")
    return conn


async def test_a_database_from_before_the_gaps_table_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "parley.sqlite3"
    conn = at_schema(path, 1)
    conn.execute("INSERT INTO answers (asked_at, question, text, kind, mode, in_scope, latency_ms, knowledge_version, "
                 "source) VALUES (?, 'What about  TAIWAN?', 'not covered', 'out_of_scope', 'offline', 0, 1.0, 'v', "
                 "'cli')", (datetime.now(UTC).isoformat(),))
    conn.close()

    s = Store(path, busy_timeout=BUSY_TIMEOUT)
    gaps = await s.gaps()
    await s.close()

    assert read(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert [(g.normalised, g.count) for g in gaps] == [("what about taiwan", 1)]


async def test_a_database_from_before_the_knowledge_history_keeps_its_reloads(tmp_path: Path) -> None:
    path = tmp_path / "parley.sqlite3"
    conn = at_schema(path, 2)
    conn.execute("INSERT INTO reloads (at, trigger, ok, version, previous) VALUES (?, 'watch', 1, 'new', 'old')",
                 (datetime.now(UTC).isoformat(),))
    conn.close()

    s = Store(path, busy_timeout=BUSY_TIMEOUT)
    (record,) = await s.reloads()
    kept = await s.keep_version("new", {"article.yaml": b"article: {}"}, "a summary")
    await s.close()

    assert read(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert ((record.trigger, record.version, record.previous, record.who, record.what)
            == ("watch", "new", "old", None, ""))
    assert kept


async def test_a_version_s_files_are_kept_once_and_shared_between_versions(store: Store) -> None:
    first = {"article.yaml": b"article", "entries/a.yaml": b"entries a"}
    second = {"article.yaml": b"article", "entries/a.yaml": b"entries a, edited"}
    assert await store.keep_version("v1", first, "one") and await store.keep_version("v2", second, "two")
    assert await store.keep_version("v1", {"other.yaml": b"ignored"}, "again")  # a version id names its contents

    assert await store.version_files("v1") == first
    assert await store.version_files("v2") == second
    assert await store.version_files("v3") is None
    assert await store.has_version("v2") and not await store.has_version("v3")
    assert read(store.path, "SELECT COUNT(*) FROM blobs") == [(3,)]  # the unchanged article once
    await store.record_reload(trigger="import", ok=True, version="v1", previous="v2", who="mod (1)", what="x")
    assert [v.version for v in await store.versions()] == ["v1", "v2"]  # the most recently live first
    assert [v.version for v in await store.versions(starting="v2")] == ["v2"]
    assert await store.versions(starting="%") == []  # typed text is a prefix, not a pattern


async def test_a_newer_schema_is_refused_without_raising(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "parley.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    s = Store(path, busy_timeout=BUSY_TIMEOUT)
    assert await s.open() is False
    assert await s.record_answer(an_answer(), text="t", latency_ms=1, where=HERE) is None
    await s.close()
    assert "schema" in caplog.text


async def test_an_answer_is_recorded_with_what_it_cited_cost_and_where(store: Store) -> None:
    answer_id = await store.record_answer(an_answer(), text="Russia says… `[nato-enlargement]`", latency_ms=12.5,
                                          where=HERE, citations=CITED)
    assert answer_id is not None
    row = read(store.path, "SELECT question, kind, mode, in_scope, sides, latency_ms, input_tokens, cached_tokens, "
               "output_tokens, model_calls, knowledge_version, prompt_version, source, guild_id, channel_id, "
               "user_id, message_id FROM answers WHERE id = ?", answer_id)
    assert row == [("What does Russia say about NATO expansion?", "sides", "llm", 1, "russia", 12.5, 1200, 1024, 150,
                    2, "abc123", "answer-v3", "discord", 1, 2, 4, 5)]
    assert read(store.path, "SELECT entry_id, status FROM citations WHERE answer_id = ?", answer_id) == [
        ("nato-enlargement", "contested")]
    assert await store.gaps() == []


async def test_gaps_rank_the_most_frequent_recent_questions_normalised(store: Store) -> None:
    for q in ["What about Taiwan?", "what about taiwan", "WHAT ABOUT TAIWAN!!", "Who won the 2022 World Cup?",
              "Who won the 2022 World Cup", "<@123> What is the weather?"]:
        await store.record_answer(an_answer(q, in_scope=False), text="not covered", latency_ms=1, where=HERE)
    await store.record_answer(an_answer(), text="covered", latency_ms=1, where=HERE, citations=CITED)

    gaps = await store.gaps(limit=2)
    assert [(g.normalised, g.count) for g in gaps] == [("what about taiwan", 3), ("who won the 2022 world cup", 2)]
    assert gaps[0].example == "WHAT ABOUT TAIWAN!!"  # the latest wording, as asked
    assert [g.normalised for g in await store.gaps()][-1] == "what is the weather"

    assert await store.gaps(since=datetime.now(UTC) + timedelta(minutes=1)) == []
    assert len(await store.gaps(since=datetime.now(UTC) - timedelta(minutes=1))) == 3


async def test_feedback_maps_any_part_of_an_answer_back_and_can_be_removed(store: Store) -> None:
    answer_id = await store.record_answer(an_answer(), text="t", latency_ms=1, where=HERE, citations=CITED)
    assert answer_id is not None
    await store.record_posts(answer_id, [111, 222])

    assert await store.feedback(222, user_id=7, vote=UP, added=True) == answer_id
    assert await store.feedback(222, user_id=7, vote=UP, added=True) == answer_id  # the same reaction twice: one row
    assert await store.feedback(111, user_id=8, vote=DOWN, added=True) == answer_id
    assert await store.feedback_for(answer_id) == (1, 1)

    assert await store.feedback(111, user_id=7, vote=UP, added=False) == answer_id
    assert await store.feedback_for(answer_id) == (0, 1)
    assert await store.feedback(999, user_id=7, vote=UP, added=True) is None  # not an answer
    assert await store.answer_for_message(111) == answer_id


async def test_a_threads_turns_read_back_oldest_first(store: Store) -> None:
    first = await store.record_answer(an_answer("q1"), text="a1", latency_ms=1, where=HERE, citations=CITED)
    assert first is not None
    await store.attach_thread(first, 50)
    in_thread = Where(guild_id=1, channel_id=2, thread_id=50, user_id=4)
    await store.record_answer(an_answer("q2"), text="a2", latency_ms=1, where=in_thread)
    await store.record_answer(an_answer("q3"), text="a3", latency_ms=1, where=in_thread, citations=CITED)
    await store.record_answer(an_answer("elsewhere"), text="x", latency_ms=1, where=HERE)

    turns = await store.recent_turns(50, limit=2)
    assert [(t.question, t.answer) for t in turns] == [("q2", "a2"), ("q3", "a3")]
    assert turns[1].cited == ("nato-enlargement",) and turns[1].sides == ("russia",)
    assert [t.question for t in await store.recent_turns(50, limit=10)] == ["q1", "q2", "q3"]


async def test_reloads_are_recorded_with_their_problems(store: Store) -> None:
    await store.record_reload(trigger="watch", ok=False, version="v1", previous="v1",
                              problems=["knowledge/entries/a.yaml:3: x.status: not a status"])
    (latest,) = await store.reloads(limit=1)
    assert (latest.trigger, latest.ok, latest.problems) == ("watch", False,
                                                           ("knowledge/entries/a.yaml:3: x.status: not a status",))


# --- failing stores: one warning with the traceback, no exception, answers keep flowing ------------------------

def delete_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def warnings_from_store(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "parley.store" and r.levelno >= logging.WARNING]


async def test_a_locked_database_is_logged_once_and_recovers(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process (say, a moderator's sqlite3 shell) holds the write lock
    try:
        results = [await store.record_answer(an_answer(), text="t", latency_ms=1, where=HERE) for _ in range(3)]
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert results == [None, None, None]
    (warning,) = warnings_from_store(caplog)
    assert warning.exc_info is not None and "locked" in str(warning.exc_info[1])
    assert not store.healthy and store.failures == 3

    assert await store.record_answer(an_answer(), text="t", latency_ms=1, where=HERE) is not None
    assert store.healthy
    assert "recovered" in caplog.records[-1].getMessage() and "3 statement(s)" in caplog.records[-1].getMessage()


async def test_a_full_disk_is_logged_and_does_not_raise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "parley.sqlite3"
    setup = Store(path, busy_timeout=BUSY_TIMEOUT)
    await setup.open()
    await setup.close()
    pages = read(path, "PRAGMA page_count")[0][0]

    def capped(p: Path) -> sqlite3.Connection:  # SQLite's own "database or disk is full": it may not grow
        conn = connect(p)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store_module, "connect", capped)
    s = Store(path, busy_timeout=BUSY_TIMEOUT)
    long_text = "x" * 100_000
    assert await s.record_answer(an_answer(), text=long_text, latency_ms=1, where=HERE) is None
    await s.close()
    (warning,) = warnings_from_store(caplog)
    assert "full" in str(warning.exc_info[1] if warning.exc_info else "")


async def test_a_corrupt_file_is_logged_and_does_not_raise(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "parley.sqlite3"
    path.write_bytes(b"this is not a database, but a moderator's notes " * 100)
    s = Store(path, busy_timeout=BUSY_TIMEOUT)
    assert await s.open() is False
    assert await s.record_answer(an_answer(), text="t", latency_ms=1, where=HERE) is None
    assert await s.gaps() == [] and await s.recent_turns(1, 5) == []
    await s.close()
    (warning,) = warnings_from_store(caplog)
    assert isinstance(warning.exc_info[1] if warning.exc_info else None, sqlite3.DatabaseError)


async def test_a_deleted_file_is_started_afresh_rather_than_written_to_the_void(
        store: Store, caplog: pytest.LogCaptureFixture) -> None:
    await store.record_answer(an_answer(), text="t", latency_ms=1, where=HERE)
    delete_database(store.path)

    assert await store.record_answer(an_answer(), text="after", latency_ms=1, where=HERE) is not None
    assert read(store.path, "SELECT text FROM answers") == [("after",)]
    assert "deleted" in caplog.text


async def test_a_folder_that_vanished_is_logged_and_does_not_raise(tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    s = Store(tmp_path / "gone" / "parley.sqlite3", busy_timeout=BUSY_TIMEOUT)
    assert await s.record_answer(an_answer(), text="t", latency_ms=1, where=HERE) is None
    assert await s.feedback(1, 2, UP, added=True) is None
    await s.close()
    assert len(warnings_from_store(caplog)) == 1


async def test_a_read_only_database_is_logged_and_does_not_raise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "parley.sqlite3"
    setup = Store(path, busy_timeout=BUSY_TIMEOUT)
    await setup.open()
    await setup.close()

    def read_only(p: Path) -> sqlite3.Connection:  # as a read-only mount or file would open (even for root)
        return sqlite3.connect(f"file:{p}?mode=ro", uri=True, isolation_level=None)

    monkeypatch.setattr(store_module, "connect", read_only)
    s = Store(path, busy_timeout=BUSY_TIMEOUT)
    assert await s.record_answer(an_answer(), text="t", latency_ms=1, where=HERE) is None
    await s.close()
    (warning,) = warnings_from_store(caplog)
    assert "readonly" in str(warning.exc_info[1] if warning.exc_info else "")


async def test_statements_run_off_the_event_loop_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: set[str] = set()

    def traced(p: Path) -> sqlite3.Connection:  # SQLite calls the trace in the thread running each statement
        conn = connect(p)
        conn.set_trace_callback(lambda _sql: seen.add(threading.current_thread().name))
        return conn

    monkeypatch.setattr(store_module, "connect", traced)
    s = Store(tmp_path / "parley.sqlite3", busy_timeout=BUSY_TIMEOUT)
    assert await s.record_answer(an_answer(), text="t", latency_ms=1, where=HERE) is not None
    assert await s.recent_turns(1, 5) == []
    await s.close()
    assert seen and all(name.startswith("parley-store") for name in seen)
    assert threading.current_thread().name not in seen


async def test_close_finishes_queued_writes_then_refuses_quietly(tmp_path: Path) -> None:
    s = Store(tmp_path / "parley.sqlite3", busy_timeout=BUSY_TIMEOUT)
    writes = [asyncio.ensure_future(s.record_answer(an_answer(), text="t", latency_ms=1, where=HERE))
              for _ in range(20)]
    await asyncio.sleep(0)  # queued on the worker, not yet finished
    await s.close()
    assert read(s.path, "SELECT COUNT(*) FROM answers") == [(20,)]
    assert None not in await asyncio.gather(*writes)
    assert await s.record_answer(an_answer(), text="t", latency_ms=1, where=HERE) is None
    await s.close()  # twice is fine
