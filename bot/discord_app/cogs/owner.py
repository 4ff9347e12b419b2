"""The owner's text command ``@Parley sync [guild|global|clear]``: registers the slash commands with Discord.

``clear`` removes this server's own copies (left by a development ``guild`` sync), which would otherwise
show every command twice once the commands are also synced globally.

A text command, because a slash command cannot register itself; owner-only, because syncing is rate
limited and changes what every server sees. ``python -m bot run --sync …`` does the same at start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from discord.ext import commands

if TYPE_CHECKING:
    from bot.discord_app.app import ParleyBot


class Owner(commands.Cog):
    def __init__(self, bot: ParleyBot) -> None:
        self.bot = bot

    @commands.command(name="sync", hidden=True, help="Sync slash commands to this server (guild) or everywhere")
    @commands.is_owner()
    @commands.guild_only()
    async def sync(self, ctx: commands.Context[ParleyBot],
                   scope: Literal["guild", "global", "clear"] = "guild") -> None:
        assert ctx.guild is not None
        if scope == "clear":
            await self.bot.clear_guild_commands(ctx.guild.id)
            await ctx.reply("Removed this server's own copies of the slash commands; the global ones stay.")
            return
        count = await self.bot.sync_commands(scope, guild_id=ctx.guild.id)
        where = "this server (instantly)" if scope == "guild" else "every server (may take up to an hour)"
        await ctx.reply(f"Synced {count} slash commands to {where}.")


async def setup(bot: ParleyBot) -> None:
    await bot.add_cog(Owner(bot))
