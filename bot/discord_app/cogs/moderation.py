"""Moderators' tools: ``/kb reload``, ``/kb check``, ``/kb gaps``; editing the knowledge from Discord with
``/kb export``, ``/kb import``, ``/kb history`` and ``/kb rollback``; and word of every change.

An import or a rollback is prepared and validated first (``bot.knowledge.edits``), shown privately as a
preview, and applied only when the moderator who asked presses **Apply** — checked again then, since a
role can be taken away in the meantime. The apply itself (``LiveKnowledge.apply``) refuses a preview made
on a folder that has changed since; the moderator then gets the same upload previewed again against the
version live now, so two moderators' edits never silently overwrite each other.

Restricted by ``gates.moderators_only`` on every command — the moderator role or Manage Server — which
holds whatever the server's command permissions say. When no moderator role is configured, the group is
also hidden from members without Manage Server (``default_permissions``); with a role, it stays visible so
the role works without touching the server's Integrations settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import escape_markdown, format_dt

from bot.core.mentions import defuse
from bot.discord_app import checks as gates
from bot.discord_app import edit_reports as reports
from bot.discord_app.replies import describe, tell
from bot.errors import KnowledgeError
from bot.knowledge import edits
from bot.knowledge.balance import balance
from bot.knowledge.live import Reload
from bot.knowledge.upload import Files, UploadRejected, check_declared, shown, unpack
from bot.render import clip, split
from bot.store import Gap

if TYPE_CHECKING:
    from bot.discord_app.app import ParleyBot

log = logging.getLogger("parley.discord")

EXAMPLE_LIMIT = 150
CHOICES = 25  # Discord shows at most 25 autocomplete choices
CHOICE_NAME_LIMIT = 100
POSTED = {"watch", "import", "rollback"}  # the changes told to the moderators' channel (and /kb reload's, if any)


def problem_lines(problems: list[str]) -> str:
    # Problems quote moderators' text: escape it so a stray * or _ doesn't restyle the list.
    return "\n".join(f"• {escape_markdown(p)}" for p in problems)


def balance_lines(warnings: list[str]) -> str:
    """The balance rule's warnings (README: "Balance: every party its say"), or nothing when it holds."""
    if not warnings:
        return "\nBalance: every contested entry gives each party its say."
    return (f"\n⚠️ Balance: {len(warnings)} warning(s) (not errors; `./dev check` shows the words per party):\n"
            + problem_lines(warnings))


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
        result = await self.bot.parley.live.reload("command", who=member_label(interaction.user))
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
            text += balance_lines(balance(on_disk).warnings)
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

    # --- editing from Discord

    @kb.command(name="export", description="The knowledge files as attachments (one file, or all as a zip), "
                "with the live version id")
    @app_commands.describe(file="One file, e.g. entries/diplomacy.yaml (default: every file, as a zip)")
    @gates.moderators_only()
    async def export(self, interaction: discord.Interaction, file: str | None = None) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        live = self.bot.parley.live
        version = live.current.version
        files = await live.files()
        if files is None:
            await self._send(interaction, f"❌ The files of the live version `{version}` are neither in the store nor "
                             "in the knowledge folder (it has been edited since): `/kb check` shows what is there.")
            return
        if file is None:
            upload = discord.File(io.BytesIO(edits.zip_files(files)), filename=f"knowledge-{version}.zip")
            text = (f"📦 The live knowledge, version `{version}`: {len(files)} files in `knowledge-{version}.zip`. "
                    "Edit any of them, then `/kb import` one `.yaml` or the whole zip.")
        else:
            wanted = file.strip().strip("`")
            path = wanted if wanted in files else next((p for p in files if p.rsplit("/", 1)[-1] == wanted), None)
            if path is None:
                names = ", ".join(f"`{p}`" for p in sorted(files))
                await self._send(interaction, defuse(f"No knowledge file is called `{clip(wanted, 80)}`. The files: "
                                                     f"{names}."))
                return
            upload = discord.File(io.BytesIO(files[path]), filename=path.rsplit("/", 1)[-1])
            text = (f"📦 `{path}` from the live knowledge, version `{version}`. Edit it, then `/kb import` it "
                    "back (keep its name).")
        await interaction.followup.send(defuse(text), file=upload, ephemeral=True)

    @export.autocomplete("file")
    async def export_files(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        if not gates.is_moderator(self.bot.settings, interaction.user):  # checks do not run for suggestions
            return []
        files = await self.bot.parley.live.files() or {}
        typed = current.strip().lower()
        return [app_commands.Choice(name=clip(p, CHOICE_NAME_LIMIT), value=p)
                for p in sorted(files) if typed in p.lower()][:CHOICES]

    @kb.command(name="import", description="Upload one .yaml or a zip of the folder's files: a private preview, "
                "then Apply or Cancel")
    @app_commands.describe(file="A knowledge .yaml (replaces the file of that name), or a .zip of several")
    @gates.moderators_only()
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        name = shown(file.filename)  # quoted back in replies and the history: printable, no backticks
        try:
            check_declared(file.filename, file.size)  # before downloading a byte
            data = await file.read()
            folder = self.bot.parley.live.folder
            upload = await asyncio.to_thread(unpack, file.filename, data, folder_name=folder.name)
        except UploadRejected as exc:
            await self._send(interaction, defuse(f"❌ Nothing changed: {exc}."))
            return
        except discord.HTTPException:
            log.warning("could not download %s for /kb import", name, exc_info=True)
            await self._send(interaction, "❌ Discord would not hand me the file; upload it again.")
            return
        log.info("/kb import of %s (%d bytes) by %s (%s)", name, len(data), interaction.user, interaction.user.id)
        await self._preview(interaction, "import", name, upload)

    @kb.command(name="history", description="Every change to the knowledge and every reload: who, when, what, "
                "and the version id")
    @app_commands.describe(limit="How many to list (default 15)")
    @gates.moderators_only()
    async def history(self, interaction: discord.Interaction, limit: app_commands.Range[int, 1, 50] = 15) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        records = await self.bot.parley.store.reloads(limit)
        await self._send(interaction, reports.history_text(records, self.bot.parley.knowledge.version))

    @kb.command(name="rollback", description="Restore a version from the history, with a preview and a "
                "confirmation")
    @app_commands.describe(version="The version id from /kb history; start typing for suggestions")
    @gates.moderators_only()
    async def rollback(self, interaction: discord.Interaction, version: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        store = self.bot.parley.store
        wanted = version.strip().strip("`").lower()
        files = await store.version_files(wanted) if wanted else None
        if files is None and wanted:
            candidates = await store.versions(2, starting=wanted)
            if len(candidates) == 1:  # an unambiguous first few characters
                wanted = candidates[0].version
                files = await store.version_files(wanted)
        if files is None:
            await self._send(interaction, defuse(f"❌ No stored version `{clip(wanted, 40)}`: `/kb history` lists "
                                                 "them, and `version:` suggests them as you type."))
            return
        if wanted == self.bot.parley.knowledge.version:
            await self._send(interaction, f"Version `{wanted}` is already live: nothing to roll back.")
            return
        await self._preview(interaction, "rollback", wanted, files)

    @rollback.autocomplete("version")
    async def rollback_versions(self, interaction: discord.Interaction,
                                current: str) -> list[app_commands.Choice[str]]:
        if not gates.is_moderator(self.bot.settings, interaction.user):  # who edited what is for moderators
            return []
        live = self.bot.parley.knowledge.version
        found = await self.bot.parley.store.versions(CHOICES, starting=current.strip().lower())
        return [app_commands.Choice(name=clip(f"{v.version}{' (live)' if v.version == live else ''} — "
                                              f"{v.stored_at:%Y-%m-%d %H:%M} — {v.how or v.summary}",
                                              CHOICE_NAME_LIMIT), value=v.version) for v in found]

    async def _preview(self, interaction: discord.Interaction, kind: edits.Kind, label: str,
                       upload: Files, *, note: str = "") -> None:
        """Validate and show an edit to the moderator, with the buttons when there is something to apply."""
        text, view = await self.prepare(interaction.user.id, kind, label, upload, note=note, origin=interaction)
        if view is None:
            await self._send(interaction, text)
        else:
            await interaction.followup.send(text, view=view, ephemeral=True)

    async def prepare(self, owner_id: int, kind: edits.Kind, label: str, upload: Files, *, note: str = "",
                      origin: discord.Interaction | None = None) -> tuple[str, EditConfirmation | None]:
        live = self.bot.parley.live
        try:
            prepared = await asyncio.to_thread(edits.prepare, kind, label, upload, live.folder, live.current)
        except UploadRejected as exc:
            return defuse(f"{note}\n❌ Nothing changed: {exc}.".strip()), None
        if isinstance(prepared, edits.Rejected):
            return (f"{note}\n" if note else "") + reports.rejected_text(prepared), None
        if prepared.noop:
            return (f"{note}\n" if note else "") + reports.noop_text(prepared), None
        view = EditConfirmation(self, prepared, owner_id, origin=origin)
        return reports.preview_text(prepared, note=note), view

    # --- word of every change

    async def on_reload(self, result: Reload) -> None:
        """Tell moderators what became of a change: an edit on disk picked up, rejected or fixed; an import or
        a rollback applied. Where: ``PARLEY_MOD_LOG_CHANNEL`` when set; otherwise (edits on disk, imports and
        rollbacks only) each server's Community Updates channel (moderators only, by Discord's design) when
        it has one Parley may post in. The log has it in any case."""
        if result.trigger == "watch":
            text = reload_report(result).replace("✅ Reloaded", "✅ An edit on disk was picked up", 1)
            if result.ok and result.what:
                text += f"\nWhat changed: {escape_markdown(result.what)}"
        elif result.trigger in POSTED or (result.trigger == "command" and result.changed):
            text = reports.change_post(result)
        else:
            return
        text = defuse(text)
        if self.bot.settings.mod_log_channel is not None:
            channel = self.bot.get_channel(self.bot.settings.mod_log_channel)
            if not isinstance(channel, discord.abc.Messageable):
                log.warning("PARLEY_MOD_LOG_CHANNEL %s is not a channel Parley can see; the change is only logged",
                            self.bot.settings.mod_log_channel)
                return
            await self._post(channel, text)
            return
        if result.trigger == "command":
            return  # as before there was a log channel: /kb reload answers the moderator who ran it
        for guild in self.bot.guilds:
            updates = guild.public_updates_channel
            if updates is None or not updates.permissions_for(guild.me).send_messages:
                continue
            await self._post(updates, text)

    async def _post(self, channel: discord.abc.Messageable, text: str) -> None:
        for part in split(text):
            try:
                await channel.send(part)
            except discord.HTTPException:
                log.warning("could not tell the moderators about a knowledge change in %s", channel, exc_info=True)
                return


def member_label(user: discord.abc.User) -> str:
    """How the history names a moderator: the name they had then, and the id that stays."""
    return f"{user.name} ({user.id})"


class EditConfirmation(discord.ui.View):
    """**Apply** / **Cancel** under a preview. Only the moderator who asked may press them, and Apply checks
    again that they are still a moderator: anyone else pressing is told so, and nothing happens."""

    def __init__(self, cog: Moderation, edit: edits.Edit, owner_id: int, *, origin: discord.Interaction | None,
                 timeout: float = reports.PREVIEW_MINUTES * 60) -> None:
        # Within the 15 minutes during which the original response can still be edited.
        super().__init__(timeout=timeout)
        self.cog = cog
        self.edit = edit
        self.owner_id = owner_id
        self.origin = origin
        self._pressed = False

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await tell(interaction, "Only the moderator who made this preview can apply or cancel it; "
                       "run `/kb import` or `/kb rollback` yourself.")
            return False
        return True

    async def on_timeout(self) -> None:
        # Buttons that no longer answer would fail with "This interaction failed": take them away.
        if self.origin is not None and not self._pressed:
            with contextlib.suppress(discord.HTTPException):
                await self.origin.edit_original_response(
                    content=reports.preview_text(self.edit) + "\n*This preview expired; nothing was applied.*",
                    view=None)

    async def on_error(self, interaction: discord.Interaction, error: Exception,
                       item: discord.ui.Item[EditConfirmation]) -> None:
        # A bug, or the disk failing mid-way: one line for the moderator (never "This interaction failed").
        await tell(interaction, describe(error, f"the {item} button of a {self.edit.kind} by {interaction.user}"))

    @discord.ui.button(label="Apply", style=discord.ButtonStyle.success)
    async def apply(self, interaction: discord.Interaction, _button: discord.ui.Button[EditConfirmation]) -> None:
        settings = self.cog.bot.settings
        if not gates.is_moderator(settings, interaction.user):
            await tell(interaction, f"{gates.NotModerator(settings.moderator_role)} You are no longer one, so "
                       "nothing was applied.")
            return
        if self._pressed:
            await tell(interaction, "This preview is already being applied.")
            return
        self._pressed = True
        self.stop()
        await interaction.response.defer()  # writing and loading may take longer than Discord's 3 seconds
        who = member_label(interaction.user)
        try:
            result = await self.cog.bot.parley.live.apply(self.edit, who=who)
        except edits.StaleEdit as exc:
            note = (f"⚠️ {str(exc)[:1].upper()}{str(exc)[1:]}. Here it is again, against the version live now; "
                    "press **Apply** again to apply it.")
            text, view = await self.cog.prepare(self.owner_id, self.edit.kind, self.edit.label, self.edit.upload,
                                                note=note, origin=interaction)
            await interaction.edit_original_response(content=clip(text, 2000), view=view)
            return
        except (edits.UnsafeFolder, OSError) as exc:
            log.warning("%s of %s by %s could not be written", self.edit.kind, self.edit.label, who, exc_info=True)
            await interaction.edit_original_response(
                content=defuse(f"❌ The {reports.what_edit(self.edit.kind, self.edit.label)} could not be written "
                               f"({exc}); version `{self.cog.bot.parley.knowledge.version}` stays live."), view=None)
            return
        log.info("%s of %s applied by %s: %s -> %s", self.edit.kind, self.edit.label, who, result.previous,
                 result.version)
        await interaction.edit_original_response(content=reports.applied_text(self.edit, result), view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, _button: discord.ui.Button[EditConfirmation]) -> None:
        self._pressed = True
        self.stop()
        await interaction.response.edit_message(
            content=defuse(f"Cancelled: the {reports.what_edit(self.edit.kind, self.edit.label)} was not applied; "
                           f"version `{self.cog.bot.parley.knowledge.version}` stays live."), view=None)


async def setup(bot: ParleyBot) -> None:
    await bot.add_cog(Moderation(bot))
