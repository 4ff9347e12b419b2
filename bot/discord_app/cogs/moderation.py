"""Moderators' tools: ``/kb reload``, ``/kb check``, ``/kb gaps``, and word of the watcher's reloads.

Restricted by ``gates.moderators_only`` on every command — the moderator role or Manage Server — which
holds whatever the server's command permissions say. When no moderator role is configured, the group is
also hidden from members without Manage Server (``default_permissions``); with a role, it stays visible so
the role works without touching the server's Integrations settings.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import escape_markdown, format_dt

from bot.core.mentions import defuse
from bot.discord_app import checks as gates
from bot.errors import KnowledgeError
from bot.knowledge.live import Reload
from bot.render import clip, split
from bot.store import Gap

if TYPE_CHECKING:
    from bot.discord_app.app import ParleyBot

log = logging.getLogger("parley.discord")

EXAMPLE_LIMIT = 150


def problem_lines(problems: list[str]) -> str:
    # Problems quote moderators' text: escape it so a stray * or _ doesn't restyle the list.
    return "\n".join(f"• {escape_markdown(p)}" for p in problems)


def reload_report(result: Reload) -> str:
    if result.ok and result.changed:
        text = f"✅ Reloaded: version `{result.version}` is live (was `{result.previous}`).\n{result.summary}"
    elif result.ok:
        text = f"✅ The files are valid and unchanged: version `{result.version}` stays live.\n{result.summary}"
    else:
        text = (f"❌ The edit was rejected, so version `{result.version}` stays live. "
                f"{len(result.problems)} problem(s), as `file:line: field: message`:\n"
                + problem_lines(result.lines()))
    return defuse(text)


def gaps_report(gaps: list[Gap], days: int, store_ok: bool) -> str:
    if not gaps:
        text = f"No unanswered questions in the last {days} day(s)."
    else:
        lines = [f"**Questions the knowledge could not answer** (last {days} day(s), most asked first)"]
        for n, gap in enumerate(gaps, start=1):
            example = " ".join(gap.example.split())
            example = clip(example, EXAMPLE_LIMIT)
            lines.append(f"{n}. **{gap.count}×** {escape_markdown(example)} — last {format_dt(gap.last_asked, 'R')}")
        text = "\n".join(lines)
    if not store_ok:
        text += "\n*The store is failing (see the log), so this may be incomplete.*"
    return defuse(text)


class Moderation(commands.Cog):
    kb = app_commands.Group(name="kb", description="Knowledge-base tools for moderators", guild_only=True)

    def __init__(self, bot: ParleyBot) -> None:
        self.bot = bot
        if bot.settings.moderator_role is None:
            self.kb.default_permissions = discord.Permissions(manage_guild=True)

    async def cog_load(self) -> None:
        self.bot.parley.live.subscribe(self.on_reload)

    async def cog_unload(self) -> None:
        self.bot.parley.live.unsubscribe(self.on_reload)

    @kb.command(name="reload", description="Reload the knowledge files now; an invalid edit keeps the last good "
                "version live")
    @gates.moderators_only()
    async def reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.bot.parley.live.reload("command")
        log.info("/kb reload by %s (%s): %s", interaction.user, interaction.user.id,
                 "ok" if result.ok else f"{len(result.problems)} problem(s)")
        await self._send(interaction, reload_report(result))

    @kb.command(name="check", description="Validate the knowledge files on disk without changing what is live")
    @gates.moderators_only()
    async def check(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        live = self.bot.parley.knowledge
        try:
            on_disk = await self.bot.parley.live.check()
        except KnowledgeError as exc:
            text = (f"❌ The files have {len(exc.problems)} problem(s); version `{live.version}` stays live.\n"
                    + problem_lines([str(p) for p in exc.problems]))
        else:
            text = f"✅ The files are valid: {on_disk.summary()}."
            if on_disk.version != live.version:
                text += f"\nThey differ from the live version `{live.version}`: `/kb reload` swaps them in."
        await self._send(interaction, defuse(text))

    @kb.command(name="gaps", description="The questions the knowledge could not answer, most frequent first")
    @app_commands.describe(days="How many days back to look (default 30)",
                           limit="How many questions to list (default 10)")
    @gates.moderators_only()
    async def gaps(self, interaction: discord.Interaction, days: app_commands.Range[int, 1, 365] = 30,
                   limit: app_commands.Range[int, 1, 50] = 10) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        store = self.bot.parley.store
        found = await store.gaps(limit, since=datetime.now(UTC) - timedelta(days=days))
        await self._send(interaction, gaps_report(found, days, store.healthy))

    async def _send(self, interaction: discord.Interaction, text: str) -> None:
        for part in split(text):  # a long problem list goes out in order, every part private
            await interaction.followup.send(part, ephemeral=True)

    # --- the watcher's reloads

    async def on_reload(self, result: Reload) -> None:
        """Tell moderators what became of an edit saved on disk: picked up, rejected, or fixed. Where: each
        server's Community Updates channel (moderators only, by Discord's design) when it has one Parley may
        post in; the log has it in any case. (A /kb reload answers the moderator who ran it instead.)"""
        if result.trigger != "watch":
            return
        text = reload_report(result).replace("✅ Reloaded", "✅ An edit on disk was picked up", 1)
        for guild in self.bot.guilds:
            channel = guild.public_updates_channel
            if channel is None or not channel.permissions_for(guild.me).send_messages:
                continue
            for part in split(text):
                try:
                    await channel.send(part)
                except discord.HTTPException:
                    log.warning("could not tell %s's moderators about a reload", guild.id, exc_info=True)
                    break


async def setup(bot: ParleyBot) -> None:
    await bot.add_cog(Moderation(bot))
