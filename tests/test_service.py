"""``Parley``, the service every question goes through outside the CLI (the bot, a soak run)."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.errors import BadQuestion, KnowledgeError, ModelUnavailable
from bot.render import DISCORD_LIMIT
from bot.service import Parley
from bot.settings import Settings
from bot.store import Where
from tests.conftest import MODEL_KNOWLEDGE_DIR
from tests.fakes import FakeModel, FunctionModel, grounded

HERE = Where(guild_id=1, channel_id=2, user_id=3)


@pytest.fixture
def svc_settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, knowledge_dir=MODEL_KNOWLEDGE_DIR, db_path=tmp_path / "parley.sqlite3",
                    knowledge_poll_seconds=0, history_turns=4)


@pytest.fixture
async def parley(svc_settings: Settings):
    service = await Parley.start(svc_settings)
    yield service
    await service.close()


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


async def test_ask_answers_renders_splits_and_records(parley: Parley, svc_settings: Settings) -> None:
    reply = await parley.ask("What does Russia say about NATO expansion?", where=HERE)

    assert reply.answer.in_scope and reply.answer.mode == "offline"
    assert "nato-enlargement" in reply.answer.cited_ids()
    assert "⚠️" in reply.text  # the flag, derived by code from the entry's status
    assert "\n\n".join(reply.parts) == reply.text and all(len(p) <= DISCORD_LIMIT for p in reply.parts)
    assert reply.answer_id is not None and reply.knowledge is parley.knowledge
    assert count(svc_settings.db_path, "SELECT COUNT(*) FROM answers") == 1
    assert count(svc_settings.db_path, "SELECT COUNT(*) FROM citations") == len(reply.answer.cited_ids())


async def test_the_threads_kept_in_memory_are_bounded_and_the_least_recent_go_first(
        parley: Parley, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.service.MAX_CONVERSATIONS", 2)
    first, second = parley.keep(1, parley.new_conversation()), parley.keep(2, parley.new_conversation())
    assert await parley.conversation(1) is first  # thread 1 used again: thread 2 is now the least recent
    parley.keep(3, parley.new_conversation())
    assert await parley.conversation(1) is first
    assert await parley.conversation(2) is not second  # dropped from memory (rebuilt from the store)


async def test_a_bad_question_raises_and_records_nothing(parley: Parley, svc_settings: Settings) -> None:
    for bad in ["", "   ", "<@123>", "x" * (svc_settings.max_question_chars + 1)]:
        with pytest.raises(BadQuestion):
            await parley.ask(bad, where=HERE)
    assert count(svc_settings.db_path, "SELECT COUNT(*) FROM answers") == 0


async def test_an_unanswerable_question_becomes_a_gap(parley: Parley) -> None:
    reply = await parley.ask("What about Taiwan?", where=HERE)
    assert not reply.answer.in_scope
    # The same question with a mention, a mass ping or other casing is the same gap, as asked in Discord.
    await parley.ask("<@123456789> what about Taiwan?", where=HERE)
    await parley.ask("@everyone WHAT about taiwan", where=HERE)
    assert [(g.normalised, g.count) for g in await parley.store.gaps()] == [("what about taiwan", 3)]


async def test_a_conversation_carries_the_history_and_survives_a_restart(svc_settings: Settings) -> None:
    first = await Parley.start(svc_settings)
    conversation = first.new_conversation()
    reply = await first.ask("What does Russia say about NATO expansion?", conversation=conversation, where=HERE)
    await first.open_thread(reply, 777, conversation)
    in_thread = Where(guild_id=1, channel_id=2, thread_id=777, user_id=3)
    follow_up = await first.ask("And what does the other side say?", conversation=await first.conversation(777),
                                where=in_thread)
    assert follow_up.answer.kind == "follow_up" and len(conversation) == 2
    await first.close()

    again = await Parley.start(svc_settings)  # a restart: nothing in memory
    try:
        rebuilt = await again.conversation(777)
        assert [t.question for t in rebuilt.turns] == [t.question for t in conversation.turns]
        assert rebuilt.turns[0].cited == conversation.turns[0].cited
        assert (await again.ask("What about the other side?", conversation=rebuilt, where=in_thread)).answer.kind \
            == "follow_up"
    finally:
        await again.close()


async def test_usage_and_latency_from_the_model_are_recorded(svc_settings: Settings) -> None:
    model = FakeModel(grounded(["nato-enlargement"], "Russia says NATO expansion threatens it."))
    parley = await Parley.start(svc_settings, model=model)
    reply = await parley.ask("What does Russia say about NATO expansion?", where=HERE)
    await parley.close()
    assert reply.answer.mode == "llm" and model.closed
    row = sqlite3.connect(svc_settings.db_path)
    try:
        assert row.execute("SELECT mode, input_tokens, cached_tokens, output_tokens, model_calls, prompt_version, "
                           "latency_ms > 0 FROM answers").fetchone() == ("llm", 100, 80, 20, 1, "fake-v1", 1)
    finally:
        row.close()


async def test_a_model_that_is_down_still_gets_an_answer_recorded(svc_settings: Settings) -> None:
    parley = await Parley.start(svc_settings, model=FunctionModel(lambda asked: ModelUnavailable("down")))
    try:
        reply = await parley.ask("What does Russia say about NATO expansion?", where=HERE)
    finally:
        await parley.close()
    assert reply.answer.mode == "offline" and reply.answer.notice and reply.answer_id is not None


async def test_a_failing_store_does_not_stop_answers(svc_settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    parley = await Parley.start(svc_settings.model_copy(update={"db_path": folder / "parley.sqlite3"}))
    try:
        shutil.rmtree(folder)  # the database, its folder, everything
        reply = await parley.ask("What does Russia say about NATO expansion?", where=HERE)
        assert reply.answer.in_scope and reply.parts and reply.answer_id is None
        assert not parley.store.healthy
        assert await parley.conversation(1) is not None  # reading history back fails soft too
    finally:
        await parley.close()


async def test_an_invalid_knowledge_at_start_raises_and_leaves_nothing_open(svc_settings: Settings,
                                                                            tmp_path: Path) -> None:
    model = FakeModel()
    with pytest.raises(KnowledgeError):
        await Parley.start(svc_settings.model_copy(update={"knowledge_dir": tmp_path / "missing"}), model=model)
    assert model.closed


async def test_many_concurrent_questions_are_all_recorded_and_close_leaves_nothing_pending(
        svc_settings: Settings) -> None:
    parley = await Parley.start(svc_settings.model_copy(update={"knowledge_poll_seconds": 60}), watch=True)
    questions = ["What does Russia say about NATO expansion?", "What about Taiwan?", "Did Skripal die?",
                 "Who is right?"] * 25
    replies = await asyncio.gather(*(parley.ask(q, where=Where.soak()) for q in questions))
    await parley.close()

    assert len({r.answer_id for r in replies}) == 100 and None not in {r.answer_id for r in replies}
    assert count(svc_settings.db_path, "SELECT COUNT(*) FROM answers WHERE source = 'soak'") == 100
    assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []
