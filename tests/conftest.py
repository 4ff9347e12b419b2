"""Shared fixtures. Tests never see the real environment, the real home folder or the network."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import AsyncIterator, Generator
from pathlib import Path
from typing import Literal

import httpx2
import openai
import pytest

from bot.knowledge.loader import load_knowledge
from bot.knowledge.schema import Knowledge
from bot.llm.adapter import OpenAIModel
from bot.settings import PROJECT_ROOT, Settings
from tests.recorder import RECORDINGS, Recorder

KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
_ENV_PREFIXES = ("PARLEY_", "OPENAI_", "DISCORD_")
# The question limit as Settings defines it: tests that call the core directly hand it over, as the edges do.
MAX_CHARS: int = Settings.model_fields["max_question_chars"].default
HISTORY_TURNS: int = Settings.model_fields["history_turns"].default
HISTORY_TOKENS: int = Settings.model_fields["history_tokens"].default
BUSY_TIMEOUT: float = Settings.model_fields["store_busy_timeout"].default


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No real settings, no .env, no home folder: every path a test touches is under tmp_path."""
    for name in list(os.environ):
        if name.startswith(_ENV_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The bundled knowledge, loaded once (it is immutable)."""
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge folder, for tests that break or edit it."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings built from values, never from the environment."""
    return Settings(_env_file=None, knowledge_dir=KNOWLEDGE_DIR, db_path=tmp_path / "parley.sqlite3",
                    knowledge_poll_seconds=0)


# --- the model: a frozen test knowledge, fast settings, recorded replies, no network ----------------------

MODEL_KNOWLEDGE_DIR = Path(__file__).parent / "fixtures" / "knowledge"
RECORDED_MODEL = "gpt-4o-mini"  # recordings are made with this model name: it is part of the request body
LOOPBACK_HOSTS = "127.0.0.1,localhost,::1"
# Read before any test runs: the autouse fixture above hides the real environment from every test.
_LIVE = {name: os.environ.get(name) for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("parley recordings")
    group.addoption("--record", action="store_true", default=False,
                    help="re-record model replies from a live model (needs OPENAI_API_KEY; see tests/README.md)")
    group.addoption("--refresh-recordings", action="store_true", default=False,
                    help="write the current requests into hand-written recordings, keeping their responses")


Mode = Literal["replay", "record", "refresh"]
_MODE = pytest.StashKey[Mode]()
_CALL_PASSED = pytest.StashKey[bool]()


def recording_mode(config: pytest.Config) -> Mode:
    return config.stash[_MODE]


def pytest_configure(config: pytest.Config) -> None:
    # Decided once, here: the autouse fixture above hides PARLEY_* variables from the tests themselves.
    mode: Mode
    if config.getoption("--record") or os.environ.get("PARLEY_RECORD") == "1":
        mode = "record"
    else:
        mode = "refresh" if config.getoption("--refresh-recordings") else "replay"
    config.stash[_MODE] = mode
    if mode == "record" and not _LIVE["OPENAI_API_KEY"]:
        raise pytest.UsageError("recording needs OPENAI_API_KEY (and optionally OPENAI_BASE_URL); see tests/README.md")
    if mode != "record":
        # pytest-recording's switch: any connection except to loopback raises at once, so a test that would
        # reach a real model (or anything else) fails instead of silently using the network.
        config.option.block_network = True
        config.option.allowed_hosts = config.option.allowed_hosts or LOOPBACK_HOSTS


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item,
                              call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[_CALL_PASSED] = report.passed  # recorded_client checks leftovers only after a pass
    return report


@pytest.fixture(scope="session")
def model_knowledge() -> Knowledge:
    """A small knowledge frozen for the model tests (recordings carry it in every request body)."""
    return load_knowledge(MODEL_KNOWLEDGE_DIR)


@pytest.fixture
def knowledge_folder(tmp_path: Path) -> Path:
    """A writable copy of the frozen test knowledge, for tests that edit it on disk (reloads, the watcher)."""
    target = tmp_path / "knowledge"
    shutil.copytree(MODEL_KNOWLEDGE_DIR, target)
    return target


@pytest.fixture
def model_settings(tmp_path: Path) -> Settings:
    """Model settings with short bounds, so failure paths take a fraction of a second."""
    return Settings(_env_file=None, knowledge_dir=MODEL_KNOWLEDGE_DIR, db_path=tmp_path / "parley.sqlite3",
                    knowledge_poll_seconds=0, openai_model=RECORDED_MODEL, model_timeout=1.0,
                    model_attempts=3, model_deadline=2.5)


@pytest.fixture
async def recorded_model(recorded_client: openai.AsyncOpenAI, model_settings: Settings,
                         request: pytest.FixtureRequest) -> AsyncIterator[OpenAIModel]:
    """``OpenAIModel`` on the recorded client; with a live model's bounds while recording."""
    if recording_mode(request.config) == "record":
        model_settings = model_settings.model_copy(update={"model_timeout": 60.0, "model_deadline": 120.0})
    model = OpenAIModel.from_settings(model_settings, client=recorded_client)
    yield model
    await model.aclose()


@pytest.fixture
async def recorded_client(request: pytest.FixtureRequest) -> AsyncIterator[openai.AsyncOpenAI]:
    """An openai client whose HTTP goes through ``tests/recorder.Recorder`` (replay unless --record)."""
    mode = recording_mode(request.config)
    if mode == "record" and request.node.get_closest_marker("hand_written"):
        pytest.skip("its recordings are hand-written (a live model cannot be scripted); kept as they are")
    module = Path(str(request.node.path)).stem
    folder = RECORDINGS / module / re.sub(r"[^\w\[\]-]", "-", request.node.name)
    base_url = (_LIVE["OPENAI_BASE_URL"] if mode == "record" else None) or "https://api.openai.com/v1"
    recorder = Recorder(folder, request.node.nodeid, mode, base_path=httpx2.URL(base_url).path.rstrip("/"),
                        upstream=httpx2.AsyncHTTPTransport() if mode == "record" else None,
                        secrets=(_LIVE["OPENAI_API_KEY"] or "",))
    http = httpx2.AsyncClient(transport=recorder)
    client = openai.AsyncOpenAI(api_key=_LIVE["OPENAI_API_KEY"] if mode == "record" else "sk-replay-no-key",
                                base_url=base_url, http_client=http, max_retries=0)
    yield client
    await client.close()
    passed = request.node.stash.get(_CALL_PASSED, False)
    if recorder.misses and passed:  # the test passed although a request found no recording: code swallowed it
        pytest.fail(recorder.misses[0], pytrace=False)
    if mode == "replay" and passed and recorder.unplayed():
        unused = ", ".join(str(p.relative_to(RECORDINGS)) for p in recorder.unplayed())
        pytest.fail(f"recordings this test no longer uses: {unused} — delete them, or re-record", pytrace=False)
