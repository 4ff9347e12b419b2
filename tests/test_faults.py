"""Faults while Parley is busy answering, end to end through the service the bot uses (DESIGN.md: fail safe).

Each test keeps questions flowing while something breaks — the knowledge files edited on disk (valid and
invalid saves, picked up by the running watcher), the SQLite store locked by another process, a model that
never replies — and checks that every question still gets its one safe answer in bounded time.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from pathlib import Path

import pytest

from bot.core.engine import UNAVAILABLE
from bot.core.guard import check
from bot.knowledge.live import Reload
from bot.llm.adapter import OpenAIModel
from bot.service import Parley
from bot.settings import Settings
from bot.store import Where
from bot.store import queries as store_queries
from bot.store.queries import FAILING_BUSY_TIMEOUT
from bot.store.schema import connect
from bot.tools.loopback import LoopbackServer, Reply
from tests.conftest import BUSY_TIMEOUT
from tests.test_live import break_status, fix_status, retitle

QUESTION = "What does Russia say about NATO expansion?"


def fault_settings(knowledge_folder: Path, tmp_path: Path, **update: object) -> Settings:
    return Settings(_env_file=None, knowledge_dir=knowledge_folder, db_path=tmp_path / "parley.sqlite3",
                    knowledge_poll_seconds=0).model_copy(update=update)


async def wait_for(condition, within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


async def test_the_watcher_swaps_valid_saves_and_keeps_the_last_good_through_broken_ones(
        knowledge_folder: Path, tmp_path: Path) -> None:
    parley = await Parley.start(fault_settings(knowledge_folder, tmp_path, knowledge_poll_seconds=0.02), watch=True)
    reloads: list[Reload] = []

    async def heard(result: Reload) -> None:
        reloads.append(result)

    parley.live.subscribe(heard)
    titles: list[str] = []
    stop = asyncio.Event()

    async def keep_asking() -> None:
        while not stop.is_set():
            reply = await parley.ask(QUESTION, where=Where.soak())
            assert reply.answer.in_scope and check(reply.answer, reply.knowledge) == []
            titles.append(reply.knowledge.by_id["nato-enlargement"].title)
            await asyncio.sleep(0)

    askers = [asyncio.create_task(keep_asking()) for _ in range(3)]
    try:
        retitle(knowledge_folder, "Enlargement, first edit")  # a valid save: picked up without a reload command
        await wait_for(lambda: "Enlargement, first edit" in titles)  # answered from the new version
        good = parley.knowledge.version

        break_status(knowledge_folder)  # a broken save: rejected; the first edit keeps answering
        await wait_for(lambda: bool(reloads) and not reloads[-1].ok)
        assert reloads[-1].trigger == "watch" and any("status" in line for line in reloads[-1].lines())
        assert parley.knowledge.version == good
        await asyncio.sleep(0.1)  # questions go on being answered from the last good version meanwhile
        assert parley.knowledge.version == good

        fix_status(knowledge_folder)
        retitle(knowledge_folder, "Enlargement, second edit")  # valid again: swapped in
        await wait_for(lambda: "Enlargement, second edit" in titles)
    finally:
        stop.set()
        results = await asyncio.gather(*askers, return_exceptions=True)
        await parley.close()
    assert [r for r in results if r is not None] == [], "no question failed"
    conn = sqlite3.connect(tmp_path / "parley.sqlite3")
    try:
        stored = conn.execute("SELECT trigger, ok FROM reloads WHERE trigger = 'watch' ORDER BY id").fetchall()
    finally:
        conn.close()
    assert tuple(stored[:2]) == (("watch", 1), ("watch", 0)) and stored[-1] == ("watch", 1)


async def test_a_store_locked_by_another_process_is_logged_and_answers_continue(
        knowledge_folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[str] = []  # the busy timeout set before each statement, as SQLite runs it

    def traced(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        conn.set_trace_callback(lambda sql: waits.append(sql) if sql.startswith("PRAGMA busy_timeout") else None)
        return conn

    monkeypatch.setattr(store_queries, "connect", traced)
    parley = await Parley.start(fault_settings(knowledge_folder, tmp_path))
    other = sqlite3.connect(tmp_path / "parley.sqlite3", timeout=0)
    try:
        first = await parley.ask(QUESTION, where=Where.soak())
        assert first.answer_id is not None
        other.execute("BEGIN EXCLUSIVE")  # a shell or a backup holding the database
        waits.clear()
        locked = await asyncio.gather(*(parley.ask(QUESTION, where=Where.soak()) for _ in range(5)))
        assert all(r.answer.in_scope and r.parts for r in locked), "every question answered"
        assert {r.answer_id for r in locked} == {None}, "not recorded while locked, and no exception"
        # One statement waits out the busy timeout; those queued behind it fail fast instead of each waiting.
        full, fast = (f"PRAGMA busy_timeout = {int(s * 1000)}" for s in (BUSY_TIMEOUT, FAILING_BUSY_TIMEOUT))
        assert waits[0] == full and len(waits) >= 5 and set(waits[1:]) == {fast}, waits
        assert any(r.levelno == logging.WARNING and "store" in r.name for r in caplog.records)

        other.rollback()  # the lock is released: recording resumes
        after = await parley.ask(QUESTION, where=Where.soak())
        assert after.answer_id is not None
    finally:
        other.close()
        await parley.close()


async def test_a_model_that_hangs_is_abandoned_within_the_bound(knowledge_folder: Path, tmp_path: Path) -> None:
    async with LoopbackServer(lambda _: Reply(delay=3600)) as server:  # accepts, then never replies
        settings = fault_settings(knowledge_folder, tmp_path, openai_base_url=server.base_url, model_timeout=0.3,
                                  model_deadline=1.0, model_attempts=3)
        parley = await Parley.start(settings, model=OpenAIModel.from_settings(settings))
        try:
            # The model hangs for an hour: a generous bound says only that no question waited on it.
            async with asyncio.timeout(30):
                replies = await asyncio.gather(*(parley.ask(QUESTION, where=Where.soak()) for _ in range(5)))
        finally:
            await parley.close()
    assert 5 <= len(server.requests) <= 5 * 3, "each question tried the model, within its attempts and deadline"
    for reply in replies:
        assert reply.answer.mode == "offline" and reply.answer.notice == UNAVAILABLE
        assert reply.answer.flags and reply.answer_id is not None  # the fallback is whole, flagged and stored
