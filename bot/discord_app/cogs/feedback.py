"""Feedback: 👍/👎 reactions on any part of an answer are recorded against that answer (and removed with
the reaction). Raw events, so reactions on answers posted before a restart count too."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.store import DOWN, UP

if TYPE_CHECKING:
    from bot.discord_app.app import ParleyBot

VOTES = {"👍": UP, "👎": DOWN}
_SKIN_TONE = re.compile("[\U0001f3fb-\U0001f3ff]")  # 👍🏽 is still a thumbs up


def vote_of(emoji: discord.PartialEmoji) -> int | None:
    if emoji.id is not None:  # a custom emoji
        return None
    return VOTES.get(_SKIN_TONE.sub("", emoji.name or ""))


class Feedback(commands.Cog):
    def __init__(self, bot: ParleyBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        await self._record(payload, added=True)

    @commands.Cog.listener()
    async def on_raw_reaction_remove(self, payload: discord.RawReactionActionEvent) -> None:
        await self._record(payload, added=False)

    async def _record(self, payload: discord.RawReactionActionEvent, *, added: bool) -> None:
        vote = vote_of(payload.emoji)
        me = self.bot.user
        if vote is None or payload.guild_id is None or me is None or payload.user_id == me.id:
            return  # Parley's own 👍/👎 are the buttons, not votes
        if payload.member is not None and payload.member.bot:
            return
        if added and payload.message_author_id is not None and payload.message_author_id != me.id:
            return  # a reaction on someone else's message: not an answer, no need to ask the store
        # The store maps the message to its answer, and ignores messages that are not answers.
        await self.bot.parley.store.feedback(payload.message_id, payload.user_id, vote, added=added)


async def setup(bot: ParleyBot) -> None:
    await bot.add_cog(Feedback(bot))
