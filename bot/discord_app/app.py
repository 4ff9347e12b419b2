"""Parley on Discord: the bot's lifecycle. What it does lives in ``bot/cogs/``, one concern per cog.

``setup_hook`` builds everything (store, live knowledge and its watcher, model, the ``Parley`` service,
the cogs) once, after login and before the gateway connects; ``close()`` takes it all down. Slash commands
are synced only when asked (``run --sync``, or the owner's ``@Parley sync``): syncing on every start
hits a tight rate limit, and the commands rarely change.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.checks import Cooldowns
from bot.errors import ConfigError, ParleyError
from bot.knowledge.loader import load_knowledge
from bot.service import Parley, model_from_settings
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.core.engine import Model

log = logging.getLogger("parley.discord")

SyncScope = Literal["guild", "global"]
for _flag in ("warn_nacl", "warn_dave"):  # Parley has no voice: don't warn at every start that it can't speak
    if hasattr(discord.VoiceClient, _flag):
        setattr(discord.VoiceClient, _flag, False)
COGS = (
    "bot.discord_app.cogs.error_handler",  # first, so every other cog's failures already have a handler
    "bot.discord_app.cogs.asking",
    "bot.discord_app.cogs.reading",
    "bot.discord_app.cogs.moderation",
    "bot.discord_app.cogs.feedback",
    "bot.discord_app.cogs.owner",
)
# What Parley needs in a channel (the README's invite link carries this integer: 309237713984).
PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True, send_messages_in_threads=True,
                                  create_public_threads=True, read_message_history=True, add_reactions=True)
SCOPES = ("bot", "applications.commands")
PORTAL = "https://discord.com/developers/applications"
NO_TOKEN = (f"DISCORD_TOKEN is not set: create an application at {PORTAL}, then Bot → Reset Token, and put "
            "the token in .env as DISCORD_TOKEN=… (see the README's Discord section)")
BAD_TOKEN = f"Discord rejected DISCORD_TOKEN: copy a fresh one from {PORTAL} → your application → Bot → Reset Token"
NO_INTENT = (f"PARLEY_MESSAGE_CONTENT=true needs the Message Content intent: switch it on at {PORTAL} → your "
             "application → Bot → Privileged Gateway Intents, or set PARLEY_MESSAGE_CONTENT=false")
NO_DEV_GUILD = ("--sync guild needs PARLEY_DEV_GUILD (your server's id: Discord settings → Advanced → Developer "
                "Mode, then right-click the server → Copy Server ID)")


def intents(settings: Settings) -> discord.Intents:
    """The default intents (guilds, messages, reactions), plus Message Content only when asked for: without
    it, slash commands, mentions and replies with the mention on still work."""
    wanted = discord.Intents.default()
    wanted.message_content = settings.message_content
    return wanted


class ParleyBot(commands.Bot):
    def __init__(self, settings: Settings, *, sync: SyncScope | None = None,
                 model_factory: Callable[[Settings], Model | None] = model_from_settings) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,  # only the owner's `@Parley sync`; a mention is a question
            intents=intents(settings),
            # The one place mentions are decided, for every message the bot sends: none. No call overrides it.
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            activity=discord.CustomActivity(name="Ask me about the article: /ask"),
        )
        self.settings = settings
        self.sync_scope = sync
        self.cooldowns = Cooldowns(settings.cooldown_rate, settings.cooldown_per)
        self._model_factory = model_factory
        self._parley: Parley | None = None
        self._settled = False

    @property
    def parley(self) -> Parley:
        if self._parley is None:
            raise RuntimeError("Parley is not set up yet (setup_hook has not run)")
        return self._parley

    async def setup_hook(self) -> None:
        self._parley = await Parley.start(self.settings, model=self._model_factory(self.settings), watch=True)
        for name in COGS:
            await self.load_extension(name)
        if self.sync_scope is not None:
            await self.sync_commands(self.sync_scope)

    async def sync_commands(self, scope: SyncScope, guild_id: int | None = None) -> int:
        """Register the slash commands with Discord: to one guild (instant; for development) or globally."""
        if scope == "guild":
            guild_id = guild_id or self.settings.dev_guild
            if guild_id is None:
                raise ConfigError(NO_DEV_GUILD)
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self._sync(guild, f"in server {guild_id}")
            log.info("synced %d slash commands to guild %s", len(synced), guild_id)
        else:
            synced = await self._sync(None, "globally")
            log.info("synced %d slash commands globally (Discord may take up to an hour to show them)", len(synced))
        return len(synced)

    async def clear_guild_commands(self, guild_id: int) -> None:
        """Remove one server's own copies of the commands (a development sync's), keeping the global ones."""
        guild = discord.Object(id=guild_id)
        self.tree.clear_commands(guild=guild)
        await self._sync(guild, f"in server {guild_id}")
        log.info("removed the slash commands synced to guild %s", guild_id)

    async def _sync(self, guild: discord.abc.Snowflake | None, where: str) -> list[app_commands.AppCommand]:
        """A refusal is a set-up mistake (a wrong server id, an invite without applications.commands): one line."""
        try:
            return await self.tree.sync(guild=guild)
        except discord.Forbidden:
            raise ConfigError(f"Discord refused to register the slash commands {where}: is Parley in that server, "
                              "invited with the applications.commands scope (README, Discord step 2)?") from None
        except (app_commands.CommandSyncFailure, discord.HTTPException) as exc:
            raise ConfigError(f"Discord rejected the slash commands {where}: {exc}") from None

    def invite_url(self) -> str | None:
        if self.application_id is None:
            return None
        return discord.utils.oauth_url(self.application_id, permissions=PERMISSIONS, scopes=SCOPES)

    async def on_ready(self) -> None:
        if not self._settled:
            # What exists once connected (knowledge, index, clients, the guild cache) lives as long as the
            # bot: take it out of the collector's view, so a full collection never walks it and stalls the
            # loop for tens of milliseconds mid-answer (measured by `bench`). Once: on_ready also follows
            # reconnects. A reload's new snapshot is young and collected as usual.
            gc.collect()
            gc.freeze()
            self._settled = True
        knowledge = self.parley.knowledge
        guilds = ", ".join(f"{g.name} ({g.id})" for g in self.guilds) or f"none yet: invite it with {self.invite_url()}"
        log.info("ready as %s; knowledge %s (%d entries); mode %s; guilds: %s", self.user, knowledge.version,
                 len(knowledge.entries), self.settings.describe_mode(), guilds)

    async def on_error(self, event_method: str, /, *_args: Any, **_kwargs: Any) -> None:
        log.exception("unhandled error in %s", event_method)

    async def close(self) -> None:
        try:
            await super().close()  # unloads the cogs, then closes the gateway and HTTP session
        finally:
            if self._parley is not None:
                await self._parley.close()


def run_bot(settings: Settings, sync: SyncScope | None = None) -> int:
    """``python -m bot run``: a missing or bad token, or a missing intent, is one line (ConfigError)."""
    if settings.discord_token is None:
        raise ConfigError(NO_TOKEN)
    if sync == "guild" and settings.dev_guild is None:
        raise ConfigError(NO_DEV_GUILD)
    # Before connecting: a broken knowledge folder is reported at once, with every problem, not after a login.
    load_knowledge(settings.knowledge_dir)
    bot = ParleyBot(settings, sync=sync)
    try:
        asyncio.run(_serve(bot, settings.discord_token.get_secret_value()))
    except KeyboardInterrupt:
        pass  # Ctrl-C: `async with bot` has closed it
    except discord.LoginFailure:
        raise ConfigError(BAD_TOKEN) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigError(NO_INTENT) from None
    except (aiohttp.ClientConnectionError, OSError) as exc:
        raise ParleyError(f"cannot reach Discord ({exc}); check the network and try again") from None
    return 0


async def _serve(bot: ParleyBot, token: str) -> None:
    """``Client.run`` without its logging set-up (``python -m bot`` has done it), and with SIGTERM — what
    systemd, Docker and most hosts send to stop a process — closing the bot as Ctrl-C does: the store
    finishes its writes and the model client is closed."""
    loop = asyncio.get_running_loop()
    closing: set[asyncio.Task[None]] = set()  # held, so the close task is not collected mid-way

    def on_sigterm() -> None:
        log.info("SIGTERM: closing")
        task = loop.create_task(bot.close())
        closing.add(task)
        task.add_done_callback(closing.discard)

    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows' event loop
        loop.add_signal_handler(signal.SIGTERM, on_sigterm)
    try:
        async with bot:
            await bot.start(token)
    finally:
        # `async with bot` waits only for discord.py's half of close(); Parley's half (the store's last
        # writes, the model client) runs in the task SIGTERM started, which asyncio.run would cancel.
        await asyncio.gather(*closing, return_exceptions=True)
        with contextlib.suppress(NotImplementedError):
            loop.remove_signal_handler(signal.SIGTERM)


async def ready_without_connecting(knowledge_folder: str | Path | None = None, *,
                                   settings: Settings | None = None) -> dict[str, Any]:
    """Everything ``setup_hook`` builds — settings, knowledge and index, store, model, cogs, the command tree
    as it would be synced — without logging in or connecting; then a clean close. For the start-up bench
    and the tests."""
    settings = settings or Settings()
    if knowledge_folder is not None:
        settings = settings.model_copy(update={"knowledge_dir": Path(knowledge_folder)})
    async with ParleyBot(settings) as bot:
        await bot.setup_hook()
        payload = [command.to_dict(bot.tree) for command in bot.tree.get_commands()]
        summary = {"knowledge": bot.parley.knowledge.version, "mode": settings.describe_mode(),
                   "cogs": sorted(bot.cogs), "commands": [c["name"] for c in payload]}
    return summary
