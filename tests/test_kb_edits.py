"""Moderators edit the knowledge from Discord: /kb export, /kb import with a preview and Apply/Cancel,
/kb history and /kb rollback — all through the command tree, with attachments built here."""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.discord_app.app import ParleyBot
from bot.knowledge.upload import MAX_UPLOAD_BYTES
from bot.settings import PROJECT_ROOT, Settings
from tests.helpers import FakeDiscord, Sent, autocomplete, press, run_command, running_bot
from tests.test_discord_admin import admin_settings
from tests.test_live import EXTRA_ENTRY, break_status, edit

MODEL = Path("entries") / "model.yaml"
MOD_ROLE = 1_222_222_222_222_222_222  # the moderator role's id, as PARLEY_MODERATOR_ROLE holds it


def edit_settings(tmp_path: Path, knowledge_folder: Path, **overrides: Any) -> Settings:
    return admin_settings(tmp_path, knowledge_folder, **({"moderator_role": str(MOD_ROLE)} | overrides))


@pytest.fixture
def fake() -> FakeDiscord:
    return FakeDiscord()


@pytest.fixture
async def bot(tmp_path: Path, knowledge_folder: Path, fake: FakeDiscord):
    async with running_bot(edit_settings(tmp_path, knowledge_folder), fake) as running:
        yield running


@pytest.fixture(autouse=True)
def _no_mentions_anywhere(fake: FakeDiscord):
    yield
    assert [s for s in fake.outbox if s.kwargs.get("allowed_mentions") is not None] == []


@pytest.fixture
def moderator(fake: FakeDiscord) -> Any:
    """A member with the configured moderator role (by its id)."""
    role = fake.role("Moderators")
    role.id = MOD_ROLE
    return fake.member(roles=[role])


def entries(folder: Path) -> bytes:
    return (folder / MODEL).read_bytes()


def retitled(data: bytes, title: str, *, status: str | None = None) -> bytes:
    """entries/model.yaml with nato-enlargement's title (and status) changed."""
    text = data.decode()
    old = "    title: NATO enlargement toward Ukraine and Georgia"
    assert old in text
    text = text.replace(old, f"    title: {title}", 1)
    if status:
        text = text.replace("    status: contested", f"    status: {status}", 1)
    return text.encode()


def zipped(members: dict[str, bytes], *, modes: dict[str, int] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (modes or {}).get(name, stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data)
    return out.getvalue()


def last(fake: FakeDiscord, *vias: str) -> Sent:
    return [s for s in fake.outbox if not vias or s.via in vias][-1]


async def import_(bot: ParleyBot, fake: FakeDiscord, user: Any, filename: str, data: bytes, **kw: Any) -> Sent:
    """/kb import with an attachment; the reply (the preview, when there is something to apply)."""
    await run_command(bot, fake.interaction(client=bot, user=user), "kb import",
                      file=fake.attachment(filename, data, **kw))
    return last(fake, "followup.send")


# --- export ------------------------------------------------------------------------------------------------------

async def test_export_sends_every_file_as_a_zip_privately_with_the_live_version(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb export")

    sent = last(fake, "followup.send")
    version = bot.parley.knowledge.version
    assert sent.ephemeral and f"version `{version}`" in (sent.content or "")
    upload: discord.File = sent.kwargs["file"]
    assert upload.filename == f"knowledge-{version}.zip"
    with zipfile.ZipFile(upload.fp) as archive:
        names = sorted(archive.namelist())
        assert archive.read("entries/model.yaml") == entries(knowledge_folder)
    assert names == ["article.yaml", "entries/model.yaml", "sides.yaml"]


async def test_export_of_one_file_is_that_file_and_its_name_autocompletes(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    choices = await autocomplete(bot, fake.interaction(client=bot, user=moderator), "kb export", "file", "mod")
    assert [c.value for c in choices] == ["entries/model.yaml"]

    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb export", file="model.yaml")
    sent = last(fake, "followup.send")
    assert sent.kwargs["file"].filename == "model.yaml" and sent.kwargs["file"].fp.read() == entries(knowledge_folder)
    assert "`entries/model.yaml`" in (sent.content or "")


# --- import: valid, invalid, refused -----------------------------------------------------------------------------

async def test_a_valid_import_is_previewed_then_applied_and_recorded(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    before = bot.parley.knowledge
    edited = retitled(entries(knowledge_folder), "NATO's open door", status="position")

    preview = await import_(bot, fake, moderator, "model.yaml", edited)

    text = preview.content or ""
    assert preview.ephemeral and isinstance(preview.kwargs["view"], discord.ui.View)
    assert "Preview: import of `model.yaml`" in text and "replaces `entries/model.yaml`" in text
    assert "• Changed (1): `nato-enlargement` (status, title)" in text
    assert "• Status: `nato-enlargement` contested → position" in text
    assert "is no longer flagged" in text  # a balance warning
    assert entries(knowledge_folder) != edited and bot.parley.knowledge is before  # nothing yet

    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")

    applied = last(fake)
    assert applied.via == "edit_original_response" and applied.kwargs["view"] is None
    assert (applied.content or "").startswith("✅ **Applied** the import of `model.yaml`")
    assert f"`/kb rollback version:{before.version}`" in (applied.content or "")
    assert entries(knowledge_folder) == edited
    assert bot.parley.knowledge.entry("nato-enlargement").title == "NATO's open door"  # type: ignore[union-attr]
    (record, *_) = await bot.parley.store.reloads()
    assert (record.trigger, record.who, record.previous, record.version) == (
        "import", f"{moderator.name} ({moderator.id})", before.version, bot.parley.knowledge.version)
    assert await bot.parley.store.version_files(bot.parley.knowledge.version) is not None
    assert not [p for p in os.listdir(knowledge_folder / "entries") if p.endswith(".parley-tmp")]  # none left


async def test_an_invalid_import_lists_every_problem_and_changes_nothing(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    before, on_disk = bot.parley.knowledge, entries(knowledge_folder)
    broken = on_disk.replace(b"status: contested", b"status: disputed", 1).replace(b"held_by:", b"held_bye:", 1)

    reply = await import_(bot, fake, moderator, "model.yaml", broken)

    text = reply.content or ""
    assert "view" not in reply.kwargs and reply.ephemeral
    assert text.startswith("❌ **The import of `model.yaml` was not applied**: 2 problem(s)")
    assert "• knowledge/entries/model.yaml:8: nato-enlargement.status:" in text
    assert "nato-enlargement.held\\_bye: is not a known field (check the spelling)" in text
    assert entries(knowledge_folder) == on_disk and bot.parley.knowledge is before


async def test_an_oversized_upload_is_refused_before_it_is_downloaded(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any) -> None:
    reply = await import_(bot, fake, moderator, "model.yaml", b"entries: []\n", size=MAX_UPLOAD_BYTES + 1)
    assert f"uploads are limited to {MAX_UPLOAD_BYTES:,} bytes" in (reply.content or "")
    assert fake.downloads == []


@pytest.mark.parametrize("filename", ["notes.txt", "model.yml.exe", "knowledge.tar.gz"])
async def test_only_yaml_and_zip_uploads_are_read(bot: ParleyBot, fake: FakeDiscord, moderator: Any,
                                                  filename: str) -> None:
    reply = await import_(bot, fake, moderator, filename, b"entries: []\n")
    assert "is neither a `.yaml` file nor a `.zip`" in (reply.content or "") and fake.downloads == []


async def test_a_zip_with_a_dot_dot_name_is_refused_and_nothing_is_written(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path, tmp_path: Path) -> None:
    evil = zipped({"entries/model.yaml": entries(knowledge_folder), "../outside.yaml": b"entries: []\n"})
    reply = await import_(bot, fake, moderator, "knowledge.zip", evil)
    assert (reply.content or "").startswith("❌ Nothing changed: `../outside.yaml`: `..`")
    assert not (tmp_path / "outside.yaml").exists() and "view" not in reply.kwargs


async def test_a_zip_bomb_is_refused_without_unpacking_it(bot: ParleyBot, fake: FakeDiscord, moderator: Any) -> None:
    bomb = zipped({"entries/model.yaml": b"#" * 50_000_000})  # 50 MB of one byte packs into ~50 kB
    assert len(bomb) < MAX_UPLOAD_BYTES
    reply = await import_(bot, fake, moderator, "knowledge.zip", bomb)
    assert "unpacks to over 100× its packed size (a zip bomb?)" in (reply.content or "")


async def test_a_symlink_in_a_zip_is_refused(bot: ParleyBot, fake: FakeDiscord, moderator: Any,
                                             knowledge_folder: Path) -> None:
    link = zipped({"entries/model.yaml": b"/etc/passwd"}, modes={"entries/model.yaml": stat.S_IFLNK | 0o777})
    reply = await import_(bot, fake, moderator, "knowledge.zip", link)
    assert "`entries/model.yaml` is a symbolic link" in (reply.content or "")
    assert not (knowledge_folder / MODEL).is_symlink()


async def test_a_zip_of_the_folder_itself_is_read_as_its_files(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    """Zipping the folder (knowledge/…) rather than its contents is the usual way to make one; macOS's
    __MACOSX entries are skipped."""
    data = zipped({"knowledge/entries/model.yaml": retitled(entries(knowledge_folder), "Zipped"),
                   "knowledge/sides.yaml": (knowledge_folder / "sides.yaml").read_bytes(),  # unchanged
                   "__MACOSX/knowledge/entries/._model.yaml": b"\x00\x05\x16\x07"})
    preview = await import_(bot, fake, moderator, "knowledge.zip", data)
    assert "; it replaces `entries/model.yaml`.\n" in (preview.content or "")
    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Cancel")
    assert "view" in preview.kwargs


async def test_a_broken_edit_on_disk_is_fixed_by_importing_the_file(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    good = entries(knowledge_folder)
    break_status(knowledge_folder)
    assert not (await bot.parley.live.reload("watch")).ok  # rejected: the last good version stays live

    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb export", file="model.yaml")
    exported = last(fake, "followup.send").kwargs["file"].fp.read()
    assert exported == good  # the live version's file, not the broken one on disk

    preview = await import_(bot, fake, moderator, "model.yaml", retitled(exported, "Fixed from Discord"))
    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")
    assert bot.parley.knowledge.entry("nato-enlargement").title == "Fixed from Discord"  # type: ignore[union-attr]


async def test_an_import_that_changes_nothing_has_nothing_to_apply(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    reply = await import_(bot, fake, moderator, "model.yaml", entries(knowledge_folder))
    assert "is the same as the knowledge folder" in (reply.content or "") and "view" not in reply.kwargs


async def test_only_moderators_may_import(bot: ParleyBot, fake: FakeDiscord, knowledge_folder: Path) -> None:
    member = fake.member(roles=[fake.role("Regulars")])
    await run_command(bot, fake.interaction(client=bot, user=member), "kb import",
                      file=fake.attachment("model.yaml", retitled(entries(knowledge_folder), "Nope")))
    assert "Only moderators" in (fake.outbox[-1].content or "") and fake.downloads == []


# --- the buttons --------------------------------------------------------------------------------------------------

async def test_someone_else_pressing_apply_is_told_so_and_nothing_changes(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    on_disk = entries(knowledge_folder)
    preview = await import_(bot, fake, moderator, "model.yaml", retitled(on_disk, "Someone else's"))
    other_moderator = fake.member(manage_guild=True)

    await press(bot, fake.interaction(client=bot, user=fake.member()), preview, "Apply")  # not a moderator
    await press(bot, fake.interaction(client=bot, user=other_moderator), preview, "Apply")
    await press(bot, fake.interaction(client=bot, user=fake.member()), preview, "Cancel")

    refusals = fake.outbox[-3:]
    assert [(s.via, s.ephemeral) for s in refusals] == [("response.send_message", True)] * 3
    assert all("Only the moderator who made this preview" in (s.content or "") for s in refusals)
    assert entries(knowledge_folder) == on_disk
    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Cancel")  # still theirs to use
    assert (last(fake).content or "").startswith("Cancelled: the import of `model.yaml` was not applied")
    assert entries(knowledge_folder) == on_disk


async def test_a_moderator_who_lost_the_role_cannot_apply(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    on_disk = entries(knowledge_folder)
    preview = await import_(bot, fake, moderator, "model.yaml", retitled(on_disk, "Too late"))
    moderator.roles = []  # the role was taken away while the preview was open

    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")

    refusal = last(fake)
    assert refusal.via == "response.send_message" and refusal.ephemeral
    assert "You are no longer one, so nothing was applied" in (refusal.content or "")
    assert entries(knowledge_folder) == on_disk
    preview.kwargs["view"].stop()


async def test_a_preview_loses_its_buttons_when_it_expires(bot: ParleyBot, fake: FakeDiscord, moderator: Any,
                                                           knowledge_folder: Path) -> None:
    preview = await import_(bot, fake, moderator, "model.yaml", retitled(entries(knowledge_folder), "Expiring"))
    view = preview.kwargs["view"]
    await view.on_timeout()
    expired = last(fake)
    assert expired.via == "edit_original_response" and expired.kwargs["view"] is None
    assert (expired.content or "").endswith("*This preview expired; nothing was applied.*")
    view.stop()


async def test_a_failure_while_applying_is_one_line_not_a_failed_interaction(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    preview = await import_(bot, fake, moderator, "model.yaml", retitled(entries(knowledge_folder), "Doomed"))

    def full_disk(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("bot.knowledge.edits.write_files", full_disk)
    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")
    assert (last(fake).content or "").startswith("❌ The import of `model.yaml` could not be written ([Errno 28]")
    assert bot.parley.knowledge.entry("nato-enlargement").title != "Doomed"  # type: ignore[union-attr]


async def test_a_bug_while_applying_is_one_line_and_logged(bot: ParleyBot, fake: FakeDiscord, moderator: Any,
                                                           knowledge_folder: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    preview = await import_(bot, fake, moderator, "model.yaml", retitled(entries(knowledge_folder), "Buggy"))

    def bug(*args: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("bot.knowledge.edits.ensure_base", bug)
    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")
    told = last(fake)
    assert told.via == "followup.send" and told.ephemeral and "Something went wrong on my side" in (told.content or "")


async def test_two_concurrent_imports_the_second_is_asked_again_and_nothing_is_lost(
        bot: ParleyBot, fake: FakeDiscord, knowledge_folder: Path) -> None:
    first, second = fake.member(manage_guild=True), fake.member(manage_guild=True)
    start = bot.parley.knowledge.version
    preview_a = await import_(bot, fake, first, "model.yaml", retitled(entries(knowledge_folder), "First's title"))
    preview_b = await import_(bot, fake, second, "extra.yaml", EXTRA_ENTRY.encode())

    await press(bot, fake.interaction(client=bot, user=first), preview_a, "Apply")
    after_a = bot.parley.knowledge.version
    await press(bot, fake.interaction(client=bot, user=second), preview_b, "Apply")

    again = last(fake)
    assert again.via == "edit_original_response" and isinstance(again.kwargs["view"], discord.ui.View)
    text = again.content or ""
    assert text.startswith(f"⚠️ The knowledge changed since this preview (it was made on version `{start}`; "
                           f"`{after_a}` is live now): nothing was applied.")
    assert f"Version `{after_a}` →" in text and "• Added (1): `extra-entry`" in text
    assert not (knowledge_folder / "extra.yaml").exists()  # the second edit was not written on a stale preview

    await press(bot, fake.interaction(client=bot, user=second), again, "Apply")

    assert (last(fake).content or "").startswith("✅ **Applied** the import of `extra.yaml`")
    live = bot.parley.knowledge
    assert live.entry("extra-entry") is not None
    assert live.entry("nato-enlargement").title == "First's title"  # type: ignore[union-attr]  # kept
    whos = [(r.trigger, r.who) for r in await bot.parley.store.reloads(2)]
    assert whos == [("import", f"{second.name} ({second.id})"), ("import", f"{first.name} ({first.id})")]


async def test_an_edit_on_disk_after_the_preview_makes_it_stale_too(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    preview = await import_(bot, fake, moderator, "extra.yaml", EXTRA_ENTRY.encode())
    sides = knowledge_folder / "sides.yaml"
    edit(sides, sides.read_text(encoding="utf-8") + "# the operator's comment\n")  # not reloaded yet

    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")

    assert "changed since this preview" in (last(fake).content or "")
    assert sides.read_text(encoding="utf-8").endswith("# the operator's comment\n")
    last(fake).kwargs["view"].stop()


# --- history, rollback --------------------------------------------------------------------------------------------

async def test_history_shows_imports_and_edits_on_disk_as_such(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path) -> None:
    preview = await import_(bot, fake, moderator, "model.yaml", retitled(entries(knowledge_folder), "Imported"))
    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")
    edit(knowledge_folder / "entries" / "extra.yaml", EXTRA_ENTRY)
    await bot.parley.live.poll()

    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb history")

    text = last(fake, "followup.send").content or ""
    lines = text.splitlines()
    assert lines[0] == f"**Knowledge history** (newest first; live: `{bot.parley.knowledge.version}`)"
    assert "**edit on disk** (picked up by the watcher)" in lines[1] and "added 1 (extra-entry)" in lines[1]
    assert f"**import** by {moderator.name} ({moderator.id})" in lines[2]
    assert "model.yaml: changed 1 (nato-enlargement)" in lines[2]
    assert "**start**" in lines[3]


async def test_rollback_after_a_restart_restores_the_stored_files(
        tmp_path: Path, knowledge_folder: Path, fake: FakeDiscord, moderator: Any) -> None:
    original = entries(knowledge_folder)
    settings = edit_settings(tmp_path, knowledge_folder)
    async with running_bot(settings, fake) as bot:
        first = bot.parley.knowledge.version
        preview = await import_(bot, fake, moderator, "model.yaml", retitled(original, "Regretted"))
        await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")
        regretted = bot.parley.knowledge.version

    async with running_bot(settings, fake) as bot:  # a restart: only the store remembers the first version
        assert bot.parley.knowledge.version == regretted
        choices = await autocomplete(bot, fake.interaction(client=bot, user=moderator), "kb rollback", "version", "")
        assert [c.value for c in choices] == [regretted, first] and "(live)" in choices[0].name

        await run_command(bot, fake.interaction(client=bot, user=moderator), "kb rollback", version=first[:6])
        preview = last(fake, "followup.send")
        assert f"Preview: rollback to version `{first}`" in (preview.content or "")
        assert "• Changed (1): `nato-enlargement` (title)" in (preview.content or "")
        await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")

        assert (last(fake).content or "").startswith(f"✅ **Applied** the rollback to version `{first}`")
        assert bot.parley.knowledge.version == first and entries(knowledge_folder) == original
        (record, *_) = await bot.parley.store.reloads()
        assert (record.trigger, record.version, record.previous) == ("rollback", first, regretted)


async def test_suggestions_are_for_moderators_only(bot: ParleyBot, fake: FakeDiscord) -> None:
    """discord.py runs no checks for autocomplete: who edited what must not leak to members."""
    member = fake.member(roles=[fake.role("Regulars")])
    assert await autocomplete(bot, fake.interaction(client=bot, user=member), "kb rollback", "version", "") == []
    assert await autocomplete(bot, fake.interaction(client=bot, user=member), "kb export", "file", "") == []


async def test_without_a_log_channel_an_import_is_posted_where_edits_on_disk_are(
        bot: ParleyBot, fake: FakeDiscord, moderator: Any, knowledge_folder: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    updates = fake.text_channel()
    fake.guild.public_updates_channel = updates
    monkeypatch.setattr(ParleyBot, "guilds", property(lambda self: [fake.guild]))
    preview = await import_(bot, fake, moderator, "model.yaml", retitled(entries(knowledge_folder), "Told"))
    await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")
    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb reload")  # unchanged: not news

    (told,) = fake.texts("channel.send")
    assert told.startswith(f"📝 Knowledge changed: **import** by {moderator.name} ({moderator.id})")


async def test_rollback_to_an_unknown_or_the_live_version_says_so(bot: ParleyBot, fake: FakeDiscord,
                                                                  moderator: Any) -> None:
    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb rollback", version="0123456789ab")
    assert (last(fake).content or "").startswith("❌ No stored version `0123456789ab`")
    live = bot.parley.knowledge.version
    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb rollback", version=live)
    assert last(fake).content == f"Version `{live}` is already live: nothing to roll back."


async def test_a_start_after_a_git_pull_shows_in_the_history(tmp_path: Path, knowledge_folder: Path,
                                                             fake: FakeDiscord, moderator: Any) -> None:
    settings = edit_settings(tmp_path, knowledge_folder)
    async with running_bot(settings, fake) as bot:
        before = bot.parley.knowledge.version
    edit(knowledge_folder / MODEL, retitled(entries(knowledge_folder), "Pulled").decode())  # while stopped
    async with running_bot(settings, fake) as bot:
        (record, *_) = await bot.parley.store.reloads()
        assert (record.trigger, record.previous) == ("start", before)
        assert record.what == "edited on disk while Parley was stopped: changed 1 (nato-enlargement)"


# --- the moderators' log channel ----------------------------------------------------------------------------------

async def test_an_applied_change_is_posted_to_the_mod_log_channel(tmp_path: Path, knowledge_folder: Path,
                                                                  fake: FakeDiscord, moderator: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    channel = fake.text_channel()
    settings = edit_settings(tmp_path, knowledge_folder, mod_log_channel=channel.id)
    async with running_bot(settings, fake) as bot:
        monkeypatch.setattr(bot, "get_channel", lambda cid: channel if cid == channel.id else None)
        before = bot.parley.knowledge.version
        preview = await import_(bot, fake, moderator, "model.yaml", retitled(entries(knowledge_folder), "Logged"))
        await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")
        edit(knowledge_folder / "entries" / "extra.yaml", EXTRA_ENTRY)
        await bot.parley.live.poll()

    posted = fake.texts("channel.send")
    assert posted[0].startswith(f"📝 Knowledge changed: **import** by {moderator.name} ({moderator.id}), version "
                                f"`{before}` → `")
    assert "model.yaml: changed 1 (nato-enlargement)" in posted[0]
    assert posted[1].startswith("✅ An edit on disk was picked up") and "added 1 (extra-entry)" in posted[1]


# --- the README's walk-through is what the code prints -------------------------------------------------------------

def _normalised(text: str) -> str:
    """Text as the README quotes it: version ids, line numbers and the summary's figures vary with the knowledge."""
    text = " ".join(re.sub(r"(?m)^> ?", "", text).split())
    text = re.sub(r"\b[0-9a-f]{12}\b", "<version>", text)
    text = re.sub(r"\.yaml:\d+:", ".yaml:<line>:", text)
    return re.sub(r"\d+ entries \([^)]*\), \d+ sides, \d+ paragraphs in \d+ files", "<summary>", text)


async def test_the_readme_from_discord_replies_are_the_code_s(tmp_path: Path, fake: FakeDiscord,
                                                               moderator: Any) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", folder)
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = _normalised(readme[readme.index("### From Discord"):readme.index("## How the code is laid out")])
    async with running_bot(edit_settings(tmp_path, folder), fake) as bot:
        await run_command(bot, fake.interaction(client=bot, user=moderator), "kb export", file="diplomacy.yaml")
        exported = last(fake, "followup.send")
        data = exported.kwargs["file"].fp.read()
        misquoted = data.replace(b'quote: "German foreign minister Heiko Mass"',
                                 b'quote: "German foreign minister Heiko Maas"', 1)
        rejected = await import_(bot, fake, moderator, "diplomacy.yaml", misquoted)
        aliased = data.replace(b"aliases: [Heiko Mass, Mass]", b"aliases: [Heiko Mass, Heiko Mas, Mass]", 1)
        assert aliased != data, "the README's edit no longer applies to the bundled knowledge"
        preview = await import_(bot, fake, moderator, "diplomacy.yaml", aliased)
        await press(bot, fake.interaction(client=bot, user=moderator), preview, "Apply")
        applied = last(fake)
    for reply in (exported, rejected, preview, applied):
        assert _normalised(reply.content or "") in section, reply.content
