"""One error handler for every command: a short line to the member, the traceback to the log.

Slash commands report through ``tree.on_error``; the owner's text commands through ``on_command_error``;
listeners (mentions, reactions) catch their own errors with ``bot.discord_app.replies`` and the bot's ``on_error`` logs
whatever still escapes. Never silence, never a traceback in a channel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.replies import describe, log, tell

if TYPE_CHECKING:
    from bot.discord_app.app import ParleyBot


class ErrorHandler(commands.Cog):
    def __init__(self, bot: ParleyBot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error
        bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(self, interaction: discord.Interaction,
                                   error: app_commands.AppCommandError) -> None:
        name = interaction.command.qualified_name if interaction.command else "an interaction"
        await tell(interaction, describe(error, f"/{name} by {interaction.user} ({interaction.user.id})"))

    @commands.Cog.listener()
    async def on_command_error(self, ctx: commands.Context[ParleyBot], error: commands.CommandError) -> None:
        if isinstance(error, commands.CommandNotFound):
            return  # "@Parley what is…" is a question, handled by the asking cog, not a command
        line = describe(error, f"command {ctx.command} by {ctx.author} ({ctx.author.id})")
        try:
            await ctx.reply(line)
        except discord.HTTPException:
            log.warning("could not reply to %s: %s", ctx.author, line, exc_info=True)


async def setup(bot: ParleyBot) -> None:
    await bot.add_cog(ErrorHandler(bot))
