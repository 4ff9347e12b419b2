"""Shared fixtures. Tests never see the real environment, the real home folder or the network."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.knowledge import Knowledge
from bot.loader import load_knowledge
from bot.settings import PROJECT_ROOT, Settings

KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
_ENV_PREFIXES = ("PARLEY_", "OPENAI_", "DISCORD_")


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
