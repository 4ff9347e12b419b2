"""The bot as a whole: every command described, mentions off by construction, start-up and its one-line
failures, syncing on demand, and the owner's sync command."""

from __future__ import annotations

import ast
import asyncio
import importlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.cli import main
from bot.discord_app.app import (
    COGS,
    NO_TOKEN,
    PERMISSIONS,
    ParleyBot,
    intents,
    ready_without_connecting,
    run_bot,
)
from bot.errors import ConfigError
from bot.service import Parley
from bot.settings import PROJECT_ROOT, Settings
from tests.conftest import MODEL_KNOWLEDGE_DIR
from tests.helpers import FakeDiscord, Sent, running_bot, settle

DESCRIPTION_LIMIT = 100  # Discord's limit for command and option descriptions


def bot_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(knowledge_dir=MODEL_KNOWLEDGE_DIR, db_path=tmp_path / "parley.sqlite3",
                                  knowledge_poll_seconds=0)
    return Settings(_env_file=None, **(values | overrides))


@pytest.fixture
async def bot(tmp_path: Path):
    async with running_bot(bot_settings(tmp_path), FakeDiscord()) as running:
        yield running


def walk(commands: list[Any]) -> Iterator[app_commands.Command[Any, ..., Any] | app_commands.Group]:
    for command in commands:
        yield command
        if isinstance(command, app_commands.Group):
            yield from walk(command.commands)


# --- every command ------------------------------------------------------------------------------------------

async def test_every_command_and_option_is_named_once_and_described(bot: ParleyBot) -> None:
    top = bot.tree.get_commands()
    assert {c.name for c in top} == {"ask", "sides", "claims", "source", "about", "kb"}
    assert len({c.name for c in top}) == len(top)
    for command in walk(top):
        # discord.py fills in "…" when a callback has neither a description nor a docstring.
        assert command.description and command.description != "…", command.qualified_name
        assert len(command.description) <= DESCRIPTION_LIMIT, command.qualified_name
        if isinstance(command, app_commands.Group):
            names = [c.name for c in command.commands]
            assert names and len(set(names)) == len(names), command.qualified_name
            continue
        for param in command.parameters:
            assert param.description and param.description != "…", f"{command.qualified_name} {param.name}"
            assert len(param.description) <= DESCRIPTION_LIMIT
    # and Discord would accept the payload a sync sends
    assert [c.to_dict(bot.tree)["name"] for c in top]


async def test_every_cog_in_the_list_is_loaded_and_has_a_setup(bot: ParleyBot) -> None:
    assert set(bot.extensions) == set(COGS)
    for name in COGS:
        assert asyncio.iscoroutinefunction(importlib.import_module(name).setup)
    assert set(bot.cogs) == {"ErrorHandler", "Asking", "Reading", "Moderation", "Feedback", "Owner"}


async def test_the_bot_allows_no_mentions(bot: ParleyBot) -> None:
    mentions = bot.allowed_mentions
    assert mentions is not None
    assert (mentions.everyone, mentions.users, mentions.roles, mentions.replied_user) == (False, False, False, False)


def test_no_send_anywhere_overrides_allowed_mentions() -> None:
    """The bot's default is the only place mentions are decided: no call in bot/ passes allowed_mentions,
    except the bot's constructor setting it to none()."""
    found = []
    for path in sorted((PROJECT_ROOT / "bot").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found += [(path.name, ast.unparse(k.value)) for k in node.keywords if k.arg == "allowed_mentions"]
    assert found == [("app.py", "discord.AllowedMentions.none()")]


def test_intents_are_the_default_plus_message_content_only_when_asked(tmp_path: Path) -> None:
    default = intents(bot_settings(tmp_path))
    assert default.value == discord.Intents.default().value and not default.message_content
    assert not default.members and not default.presences  # privileged intents Parley never needs
    wanted = intents(bot_settings(tmp_path, message_content=True))
    assert wanted.message_content and wanted.guilds and wanted.guild_reactions


def test_the_readme_invites_with_the_permissions_parley_uses() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"permissions={PERMISSIONS.value}" in readme and "scope=bot+applications.commands" in readme
    needed = discord.Permissions(send_messages_in_threads=True, create_public_threads=True, add_reactions=True,
                                 read_message_history=True)
    assert needed <= PERMISSIONS  # what posting.py checks before threads and reactions


async def test_the_invite_link_carries_the_scopes_and_permissions(bot: ParleyBot) -> None:
    assert bot.invite_url() is None  # no application id until login
    bot._connection.application_id = 1234  # noqa: SLF001 - what a login sets; no public setter
    url = bot.invite_url()
    assert url is not None and "client_id=1234" in url and f"permissions={PERMISSIONS.value}" in url
    assert "scope=bot+applications.commands" in url


# --- starting, and failing to start in one line ----------------------------------------------------------------

async def test_ready_without_connecting_builds_everything_and_closes(tmp_path: Path) -> None:
    summary = await ready_without_connecting(MODEL_KNOWLEDGE_DIR, settings=bot_settings(tmp_path))
    assert summary["commands"] == ["ask", "sides", "claims", "source", "about", "kb"]
    assert summary["mode"].startswith("offline") and len(summary["knowledge"]) == 12
    assert (tmp_path / "parley.sqlite3").exists()
    assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []


def test_run_without_a_token_is_one_line_saying_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        run_bot(bot_settings(tmp_path))
    assert str(caught.value) == NO_TOKEN and "\n" not in NO_TOKEN
    assert "Reset Token" in NO_TOKEN and "DISCORD_TOKEN" in NO_TOKEN


def test_python_m_bot_run_without_a_token_exits_with_that_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--knowledge", str(MODEL_KNOWLEDGE_DIR), "run"]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "DISCORD_TOKEN is not set" in err and "Traceback" not in err


@pytest.mark.parametrize("error, says", [
    (discord.LoginFailure("Improper token has been passed."), "Discord rejected DISCORD_TOKEN"),
    (discord.PrivilegedIntentsRequired(None), "Privileged Gateway Intents"),
])
def test_a_bad_token_or_a_missing_intent_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    error: Exception, says: str) -> None:
    async def refused(self: ParleyBot, token: str, *, reconnect: bool = True) -> None:
        raise error

    monkeypatch.setattr(ParleyBot, "start", refused)
    with pytest.raises(ConfigError) as caught:
        run_bot(bot_settings(tmp_path, discord_token="not-a-token", message_content=True))
    assert says in str(caught.value) and "\n" not in str(caught.value)


def test_sync_guild_needs_a_dev_guild(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="PARLEY_DEV_GUILD"):
        run_bot(bot_settings(tmp_path, discord_token="token"), sync="guild")


# --- syncing on demand -----------------------------------------------------------------------------------------

async def test_commands_are_synced_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sync = mock.AsyncMock(return_value=[])
    monkeypatch.setattr(app_commands.CommandTree, "sync", sync)
    async with running_bot(bot_settings(tmp_path, dev_guild=42), FakeDiscord()):
        pass
    sync.assert_not_awaited()  # a plain start never syncs

    bot = ParleyBot(bot_settings(tmp_path, dev_guild=42), sync="guild", model_factory=lambda _: None)
    async with bot:
        await bot.setup_hook()
        assert bot.tree.get_commands(guild=discord.Object(42))  # the global commands, copied to the dev guild
    sync.assert_awaited_once_with(guild=discord.Object(42))

    sync.reset_mock()
    bot = ParleyBot(bot_settings(tmp_path), sync="global", model_factory=lambda _: None)
    async with bot:
        await bot.setup_hook()
    sync.assert_awaited_once_with(guild=None)


def test_a_refused_sync_is_one_line_saying_what_to_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong PARLEY_DEV_GUILD, or an invite without applications.commands, is the usual set-up mistake."""
    refusal = type("Response", (), {"status": 403, "reason": "Forbidden"})()
    forbidden = discord.Forbidden(refusal, {"code": 50001, "message": "Missing Access"})
    monkeypatch.setattr(app_commands.CommandTree, "sync", mock.AsyncMock(side_effect=forbidden))

    async def login_then_setup(self: ParleyBot, token: str, *, reconnect: bool = True) -> None:
        await self.setup_hook()  # where a real login runs it

    monkeypatch.setattr(ParleyBot, "start", login_then_setup)
    with pytest.raises(ConfigError) as caught:
        run_bot(bot_settings(tmp_path, discord_token="token", dev_guild=42), sync="guild")
    assert "refused to register the slash commands in server 42" in str(caught.value)
    assert "applications.commands" in str(caught.value) and "\n" not in str(caught.value)


async def test_only_the_owner_may_sync_with_a_mention(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sync = mock.AsyncMock(return_value=[object()] * 6)
    monkeypatch.setattr(app_commands.CommandTree, "sync", sync)
    fake = FakeDiscord()

    async def send(ctx: commands.Context[Any], content: str | None = None, **kwargs: Any) -> None:
        fake.outbox.append(Sent("ctx.send", content, kwargs))  # a text command's reply, minus the HTTP call

    monkeypatch.setattr(commands.Context, "send", send)
    owner, member = fake.member(), fake.member()
    async with running_bot(bot_settings(tmp_path), fake) as bot:
        bot.owner_id = owner.id
        bot.dispatch("message", fake.mention("sync", author=member))
        await settle()
        bot.dispatch("message", fake.mention("sync", author=owner))
        await settle()
        assert bot.tree.get_commands(guild=discord.Object(fake.guild.id))
        bot.dispatch("message", fake.mention("sync clear", author=owner))
        await settle()
        assert bot.tree.get_commands(guild=discord.Object(fake.guild.id)) == []  # the server's copies are gone
    assert fake.texts() == ["Only the bot's owner can do that.", "Synced 6 slash commands to this server (instantly).",
                            "Removed this server's own copies of the slash commands; the global ones stay."]
    assert all("allowed_mentions" not in s.kwargs and "reference" in s.kwargs for s in fake.outbox)
    assert sync.await_args_list == [mock.call(guild=discord.Object(fake.guild.id))] * 2


async def test_on_ready_logs_the_knowledge_the_mode_and_the_guilds(bot: ParleyBot, monkeypatch: pytest.MonkeyPatch,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeDiscord()
    monkeypatch.setattr(ParleyBot, "guilds", property(lambda self: [fake.guild]))
    caplog.set_level(logging.INFO, "parley")
    freeze = mock.Mock()
    monkeypatch.setattr("bot.discord_app.app.gc.freeze", freeze)  # not the test process's own collector
    await bot.on_ready()
    (line,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("ready as")]
    assert bot.parley.knowledge.version in line and "offline" in line and f"Test server ({fake.guild.id})" in line
    await bot.on_ready()  # a reconnect: logged again, but the long-lived objects were settled once
    freeze.assert_called_once_with()


async def test_a_configured_key_is_never_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    settings = bot_settings(tmp_path, openai_api_key="sk-secret-never-logged", openai_base_url="http://127.0.0.1:9")
    summary = await ready_without_connecting(settings=settings)
    assert summary["mode"].startswith("llm")
    assert "sk-secret-never-logged" not in caplog.text and "sk-secret-never-logged" not in str(summary)


def test_sigterm_closes_the_bot_as_ctrl_c_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What hosts send to stop a process: the store and the model are closed, not killed mid-write."""
    import os
    import signal

    seen: dict[str, Any] = {"closed_parley": False}
    close = commands.Bot.close
    close_parley = Parley.close

    async def slow_parley_close(self: Parley) -> None:  # a store still writing, a model client to close
        await asyncio.sleep(0.2)
        await close_parley(self)
        seen["closed_parley"] = True

    async def closing(self: commands.Bot) -> None:  # discord.py's half: when it is done, start() returns
        await close(self)
        seen["closed"].set()

    async def serving(self: ParleyBot, token: str, *, reconnect: bool = True) -> None:
        await self.setup_hook()  # as a login would: the store, the knowledge, the watcher
        seen["parley"], seen["closed"] = self.parley, asyncio.Event()
        os.kill(os.getpid(), signal.SIGTERM)
        async with asyncio.timeout(5):  # returns, as Client.start does, once the bot is closed
            await seen["closed"].wait()

    monkeypatch.setattr(ParleyBot, "start", serving)
    monkeypatch.setattr(commands.Bot, "close", closing)
    monkeypatch.setattr(Parley, "close", slow_parley_close)
    assert run_bot(bot_settings(tmp_path, discord_token="token")) == 0
    parley = seen["parley"]
    assert seen["closed_parley"], "Parley's own close ran to the end, not cancelled half-way"
    assert not parley.store.healthy  # closed: it refuses further statements
    # writes finished and the connection closed: SQLite folds its write-ahead log away on the last close
    assert parley.store.path.exists() and not Path(f"{parley.store.path}-wal").exists()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler did not outlive the bot


async def test_the_question_box_stops_at_the_configured_limit(tmp_path: Path) -> None:
    async with running_bot(bot_settings(tmp_path, max_question_chars=320), FakeDiscord()) as bot:
        payload = {c["name"]: c for c in (command.to_dict(bot.tree) for command in bot.tree.get_commands())}
    for name, option in (("ask", "question"), ("sides", "topic")):
        (found,) = [o for o in payload[name]["options"] if o["name"] == option]
        assert (found["min_length"], found["max_length"]) == (1, 320)


def test_a_broken_knowledge_is_reported_before_connecting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.errors import KnowledgeError

    start = mock.AsyncMock()
    monkeypatch.setattr(ParleyBot, "start", start)
    with pytest.raises(KnowledgeError):
        run_bot(bot_settings(tmp_path, discord_token="token", knowledge_dir=tmp_path / "missing"))
    start.assert_not_awaited()


def test_discord_out_of_reach_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import aiohttp

    from bot.errors import ParleyError

    async def unreachable(self: ParleyBot, token: str, *, reconnect: bool = True) -> None:
        raise aiohttp.ClientConnectionError("Cannot connect to host discord.com:443")

    monkeypatch.setattr(ParleyBot, "start", unreachable)
    with pytest.raises(ParleyError, match=r"^cannot reach Discord \(Cannot connect to host discord.com:443\)"):
        run_bot(bot_settings(tmp_path, discord_token="token"))
