"""``python -m bot ask --json`` with a model configured from the environment, served on loopback."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.cli import main
from bot.core.engine import UNAVAILABLE
from bot.tools.loopback import LoopbackServer, Reply
from tests.conftest import MODEL_KNOWLEDGE_DIR

QUESTION = "What does Russia say about NATO expansion?"


async def ask_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    # main() runs its own event loop (asyncio.run), so it runs in a thread while the server serves this one.
    code = await asyncio.to_thread(main, ["--knowledge", str(MODEL_KNOWLEDGE_DIR), *args, "ask", "--json", QUESTION])
    out = capsys.readouterr().out
    return code, json.loads(out)


@pytest.fixture
async def server(monkeypatch: pytest.MonkeyPatch):
    async with LoopbackServer() as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.base_url)
        monkeypatch.setenv("PARLEY_MODEL_TIMEOUT", "1")
        monkeypatch.setenv("PARLEY_MODEL_DEADLINE", "2")
        yield srv


async def test_ask_reports_llm_when_the_model_answered(server, capsys) -> None:
    code, data = await ask_json(capsys)
    assert code == 0 and data["mode"] == "llm" and len(server.requests) == 1
    assert [c["id"] for c in data["citations"]] == ["nato-enlargement"]
    assert [f["id"] for f in data["flags"]] == ["nato-enlargement"]


async def test_ask_reports_offline_when_the_model_failed(server, capsys) -> None:
    server.script = lambda _: Reply(status=500)
    code, data = await ask_json(capsys)
    assert code == 0 and data["mode"] == "offline" and UNAVAILABLE in data["text"]
    assert data["citations"] and len(server.requests) == 3


async def test_offline_flag_ignores_the_configured_model(server, capsys) -> None:
    code, data = await ask_json(capsys, "--offline")
    assert code == 0 and data["mode"] == "offline" and server.requests == []
