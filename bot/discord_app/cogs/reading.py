"""Reading the knowledge directly: ``/claims`` (the flagged claims, paged), ``/source`` (one entry with its
quote and sources) and ``/about`` (what Parley is and how to read its flags). No model is involved: these
show the knowledge as moderators wrote it, rendered by the same functions the CLI uses (``bot.reading``).

``/claims`` and ``/about`` answer privately; ``/source`` posts the entry in the channel, so a found entry
counts against the member's cooldown like a question (an unknown id is answered privately, for free).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app import checks as gates
from bot.discord_app import posting
from bot.discord_app.replies import slow_down
from bot.knowledge.schema import Knowledge
from bot.reading import about_text, find_entry, no_such_entry
from bot.render import clip, render_claims, render_entry, split

if TYPE_CHECKING:
    from bot.discord_app.app import ParleyBot

CHOICES = 25  # Discord shows at most 25 autocomplete choices
CHOICE_NAME_LIMIT = 100


class Pages(discord.ui.View):
    """◀ ▶ through pages of text; only the member who asked can turn them."""

    def __init__(self, pages: list[str], owner_id: int, *, origin: discord.Interaction | None = None,
                 timeout: float = 600) -> None:
        # 10 minutes: well inside the 15 during which the original response can still be edited.
        super().__init__(timeout=timeout)
        self.pages = pages
        self.owner_id = owner_id
        self.origin = origin
        self.index = 0
        self._sync_buttons()

    async def on_timeout(self) -> None:
        # Buttons that no longer answer would fail with "This interaction failed": take them away.
        if self.origin is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.origin.edit_original_response(view=None)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.owner_id

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(content=self.pages[self.index], view=self)

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, _button: discord.ui.Button[Pages]) -> None:
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, _button: discord.ui.Button[Pages]) -> None:
        await self._show(interaction, self.index + 1)


class Reading(commands.Cog):
    def __init__(self, bot: ParleyBot) -> None:
        self.bot = bot

    @app_commands.command(name="claims", description="The claims Parley flags: contested, the author's opinion, "
                          "or inaccurate")
    @app_commands.guild_only()
    @gates.in_allowed_channel()
    async def claims(self, interaction: discord.Interaction) -> None:
        pages = render_claims(self.bot.parley.knowledge)
        if len(pages) == 1:
            await interaction.response.send_message(pages[0], ephemeral=True)
        else:
            view = Pages(pages, interaction.user.id, origin=interaction)
            await interaction.response.send_message(pages[0], view=view, ephemeral=True)

    @app_commands.command(name="source", description="One knowledge entry with its quote, paragraph and sources")
    @app_commands.describe(id="The entry's id, as cited in answers (e.g. nato-enlargement); start typing to search")
    @app_commands.guild_only()
    @gates.in_allowed_channel()
    async def source(self, interaction: discord.Interaction, id: str) -> None:
        knowledge = self.bot.parley.knowledge
        entry = find_entry(knowledge, id)
        if entry is None:  # privately, and free: a typo costs no question
            await interaction.response.send_message(
                no_such_entry(knowledge, id, "Start typing in `id` for suggestions, or see `/claims`."),
                ephemeral=True)
            return
        # The entry is posted in the channel: a post the member caused, so it counts against their cooldown.
        retry_after = self.bot.cooldowns.hit(interaction.user.id)
        if retry_after is not None:
            await interaction.response.send_message(slow_down(retry_after), ephemeral=True)
            return
        parts = split(render_entry(entry, knowledge))
        await interaction.response.send_message(parts[0])

        async def more(part: str) -> discord.Message:
            return await interaction.followup.send(part, wait=True)

        if len(parts) > 1:
            await posting.post_parts(more, more, parts[1:])

    @source.autocomplete("id")
    async def source_ids(self, _interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return entry_choices(self.bot.parley.knowledge, current)

    @app_commands.command(name="about", description="What Parley is, the article it discusses, and how to read "
                          "its flags")
    async def about(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(about_text(self.bot.parley.knowledge), ephemeral=True)


def entry_choices(knowledge: Knowledge, current: str) -> list[app_commands.Choice[str]]:
    """Entries whose id or title contains what was typed; ids that start with it first."""
    typed = current.strip().lower()
    matches = [e for e in knowledge.entries if typed in e.id or typed in e.title.lower()]
    matches.sort(key=lambda e: (not e.id.startswith(typed), e.id))
    choices = []
    for entry in matches[:CHOICES]:
        name = f"{entry.id} — {entry.title}"
        choices.append(app_commands.Choice(
            name=clip(name, CHOICE_NAME_LIMIT), value=entry.id))
    return choices


async def setup(bot: ParleyBot) -> None:
    await bot.add_cog(Reading(bot))
