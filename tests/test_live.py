"""The live knowledge: valid edits swap in whole, invalid ones leave the last good version live."""

from __future__ import annotations

import asyncio
import logging
import os
import re
from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.knowledge.live import LiveKnowledge, Reload
from bot.settings import Settings
from bot.store import Store
from tests.conftest import BUSY_TIMEOUT

ENTRIES = Path("entries") / "model.yaml"
EXTRA_ENTRY = """\
entries:
  - id: extra-entry
    status: fact
    title: An entry a moderator added
    claim: A moderator added this entry while the bot was running.
    held_by: [record]
    sources:
      - publication: Parley tests
        title: A source
        date: "2024-01-01"
    aliases: [added while running]
"""


def edit(path: Path, text: str) -> None:
    """Write, and move the mtime on: two saves within the clock's resolution must still look different."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def retitle(knowledge_folder: Path, title: str) -> None:
    path = knowledge_folder / ENTRIES
    text = re.sub(r"(- id: nato-enlargement\n\s+status: \w+\n\s+title: ).*", lambda m: m.group(1) + title,
                  path.read_text(encoding="utf-8"), count=1)
    edit(path, text)


def break_status(knowledge_folder: Path) -> None:
    path = knowledge_folder / ENTRIES
    edit(path, path.read_text(encoding="utf-8").replace("status: contested", "status: disputed", 1))


def fix_status(knowledge_folder: Path) -> None:
    path = knowledge_folder / ENTRIES
    edit(path, path.read_text(encoding="utf-8").replace("status: disputed", "status: contested", 1))


def resave(knowledge_folder: Path) -> None:
    path = knowledge_folder / ENTRIES
    edit(path, path.read_text(encoding="utf-8"))


@pytest.fixture
async def live(knowledge_folder: Path):
    knowledge = await LiveKnowledge.load(knowledge_folder)
    yield knowledge
    await knowledge.stop()


async def test_the_first_load_of_an_invalid_folder_raises(knowledge_folder: Path) -> None:
    break_status(knowledge_folder)
    with pytest.raises(KnowledgeError):
        await LiveKnowledge.load(knowledge_folder)


async def test_a_valid_edit_swaps_in_a_new_snapshot(live: LiveKnowledge, knowledge_folder: Path) -> None:
    before = live.current
    retitle(knowledge_folder, "NATO's open door")

    result = await live.reload()

    assert result.ok and result.changed and result.previous == before.version
    assert live.current is not before and live.current.version == result.version
    assert live.current.entry("nato-enlargement").title == "NATO's open door"  # type: ignore[union-attr]
    assert before.entry("nato-enlargement").title != "NATO's open door"  # type: ignore[union-attr]  # immutable


async def test_an_invalid_edit_keeps_the_last_good_and_reports_file_and_line(live: LiveKnowledge,
                                                                             knowledge_folder: Path) -> None:
    before = live.current
    break_status(knowledge_folder)

    result = await live.reload()

    assert not result.ok and not result.changed
    assert live.current is before
    assert result.version == before.version
    (line,) = [p for p in result.lines() if "status" in p]
    file, lineno, *_ = line.split(":")
    assert file == "knowledge/entries/model.yaml" and int(lineno) > 0


async def test_the_watcher_notices_edits_additions_and_removals(live: LiveKnowledge, knowledge_folder: Path) -> None:
    assert await live.poll() is None  # nothing changed

    extra = knowledge_folder / "entries" / "extra.yaml"
    edit(extra, EXTRA_ENTRY)
    added = await live.poll()
    assert added is not None and added.ok and added.trigger == "watch"
    assert live.current.entry("extra-entry") is not None

    extra.unlink()
    removed = await live.poll()
    assert removed is not None and removed.ok and live.current.entry("extra-entry") is None

    break_status(knowledge_folder)
    broken = await live.poll()
    assert broken is not None and not broken.ok
    assert await live.poll() is None  # a broken edit is reported once, not at every poll

    retitle(knowledge_folder, "Fixed")
    fix_status(knowledge_folder)
    fixed = await live.poll()
    assert fixed is not None and fixed.ok and live.current.entry("nato-enlargement").title == "Fixed"  # type: ignore[union-attr]


async def test_a_save_without_a_change_is_not_news(knowledge_folder: Path) -> None:
    told: list[Reload] = []
    live = await LiveKnowledge.load(knowledge_folder)
    live.subscribe(_collect(told))
    resave(knowledge_folder)
    assert (await live.poll()) is not None and told == []


async def test_a_fix_that_restores_the_live_version_is_news(knowledge_folder: Path) -> None:
    """After a broken save, saving the file back as it was leaves the same version live — but moderators
    were told it was broken, so they are told it is fixed."""
    told: list[Reload] = []
    live = await LiveKnowledge.load(knowledge_folder)
    live.subscribe(_collect(told))
    break_status(knowledge_folder)
    await live.poll()
    fix_status(knowledge_folder)
    await live.poll()
    assert [r.ok for r in told] == [False, True] and not told[1].changed


def _collect(into: list[Reload]):
    async def listener(result: Reload) -> None:
        into.append(result)
    return listener


async def test_the_running_watcher_reloads_records_and_tells_listeners(knowledge_folder: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "parley.sqlite3", busy_timeout=BUSY_TIMEOUT)
    live = await LiveKnowledge.load(knowledge_folder, store=store, poll_seconds=0.01)
    seen: asyncio.Queue[Reload] = asyncio.Queue()
    live.subscribe(seen.put)
    live.start()
    try:
        break_status(knowledge_folder)
        result = await asyncio.wait_for(seen.get(), timeout=5)
    finally:
        await live.stop()
    await store.close()
    reopened = Store(store.path, busy_timeout=BUSY_TIMEOUT)
    records = await reopened.reloads()
    await reopened.close()

    assert not result.ok and result.trigger == "watch"
    assert [(r.trigger, r.ok) for r in records] == [("watch", False), ("start", True)]
    assert any("status" in p for p in records[0].problems)


async def test_a_failing_listener_is_logged_and_the_others_still_hear(live: LiveKnowledge, knowledge_folder: Path,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    async def broken(result: Reload) -> None:
        raise RuntimeError("the moderators' channel is gone")

    told: list[Reload] = []
    live.subscribe(broken)
    live.subscribe(_collect(told))
    retitle(knowledge_folder, "Another title")
    await live.reload()
    assert len(told) == 1
    assert any(r.levelno == logging.ERROR and "listener" in r.getMessage() for r in caplog.records)


async def test_questions_answered_during_reloads_never_fail(knowledge_folder: Path, tmp_path: Path) -> None:
    from bot.service import Parley
    from bot.store import Where

    settings = Settings(_env_file=None, knowledge_dir=knowledge_folder, db_path=tmp_path / "parley.sqlite3",
                        knowledge_poll_seconds=0)
    parley = await Parley.start(settings)
    live_versions = {parley.knowledge.version}
    answered: list[str] = []

    async def ask() -> None:
        for _ in range(10):
            reply = await parley.ask("What does Russia say about NATO expansion?", where=Where.soak())
            assert reply.answer.in_scope and "nato-enlargement" in reply.answer.cited_ids()
            answered.append(reply.answer.knowledge_version)

    async def edit_and_reload() -> None:
        for n in range(6):
            if n % 2:
                break_status(knowledge_folder)  # a broken save: the last good version must keep answering
            else:
                retitle(knowledge_folder, f"NATO enlargement, take {n}")
            result = await parley.live.reload()
            assert result.ok == (n % 2 == 0)
            live_versions.add(result.version)
            fix_status(knowledge_folder)

    try:
        await asyncio.gather(*(ask() for _ in range(4)), edit_and_reload())
    finally:
        await parley.close()
    assert len(answered) == 40
    assert set(answered) <= live_versions and len(live_versions) == 4  # the first, and three good edits


async def test_a_reload_that_fails_unexpectedly_is_reported_once_and_never_raises(
        live: LiveKnowledge, knowledge_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever escapes the loader (a bug, memory running out) is one problem for the watcher to report,
    not an exception at every poll; the last good version stays live and the next change is tried."""
    before = live.current

    def exploding(knowledge: object) -> None:
        raise MemoryError("no room for the index")

    monkeypatch.setattr("bot.knowledge.live.index_for", exploding)
    retitle(knowledge_folder, "A title the index cannot hold")
    failed = await live.poll()
    assert failed is not None and not failed.ok and live.current is before
    assert failed.lines() == [f"{knowledge_folder}: folder: could not be loaded (MemoryError: no room for the "
                              "index); the details are in the log"]
    assert await live.poll() is None
    monkeypatch.undo()
    retitle(knowledge_folder, "A title that fits")
    fixed = await live.poll()
    assert fixed is not None and fixed.ok
