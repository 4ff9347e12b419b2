"""Moderators' /kb commands, feedback reactions, and the reading commands (/claims, /source, /about)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import discord
import pytest

from bot.discord_app.app import ParleyBot
from bot.discord_app.cogs.moderation import balance_lines
from bot.discord_app.cogs.reading import Pages
from bot.render import DISCORD_LIMIT
from bot.settings import Settings
from bot.store import Where
from tests.helpers import BOT_ID, FakeDiscord, autocomplete, run_command, running_bot, settle
from tests.test_live import break_status, retitle

QUESTION = "What does Russia say about NATO expansion?"
MODERATORS = 1_111_111_111_111_111_111  # the moderator role's id, as PARLEY_MODERATOR_ROLE holds it


def admin_settings(tmp_path: Path, knowledge_folder: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(knowledge_dir=knowledge_folder, db_path=tmp_path / "parley.sqlite3",
                                  knowledge_poll_seconds=0, moderator_role=str(MODERATORS))
    return Settings(_env_file=None, **(values | overrides))


@pytest.fixture
def fake() -> FakeDiscord:
    return FakeDiscord()


@pytest.fixture
async def bot(tmp_path: Path, knowledge_folder: Path, fake: FakeDiscord):
    async with running_bot(admin_settings(tmp_path, knowledge_folder), fake) as running:
        yield running


@pytest.fixture(autouse=True)
def _no_mentions_anywhere(fake: FakeDiscord):
    yield
    assert [s for s in fake.outbox if "allowed_mentions" in s.kwargs] == []


# --- who may use /kb ------------------------------------------------------------------------------------------

async def test_a_member_without_the_role_or_manage_server_is_refused(bot: ParleyBot, fake: FakeDiscord,
                                                                     knowledge_folder: Path) -> None:
    retitle(knowledge_folder, "Edited")
    member = fake.member(roles=[fake.role("Regulars")])
    for sub in ("reload", "check", "gaps"):
        await run_command(bot, fake.interaction(client=bot, user=member), f"kb {sub}")
    assert [(s.via, s.ephemeral) for s in fake.outbox] == [("response.send_message", True)] * 3
    assert all("Only moderators (the <@&1111111111111111111> role or the Manage Server permission)"
               in (s.content or "") for s in fake.outbox)
    assert bot.parley.knowledge.entry("nato-enlargement").title != "Edited"  # type: ignore[union-attr]


def moderators_role(fake: FakeDiscord, name: str = "Moderators") -> Any:
    role = fake.role(name)
    role.id = MODERATORS
    return role


@pytest.mark.parametrize("who", ["role id", "manage server"])
async def test_a_moderator_may_reload(bot: ParleyBot, fake: FakeDiscord, knowledge_folder: Path, who: str) -> None:
    member = {"role id": lambda: fake.member(roles=[moderators_role(fake, "Mods")]),
              "manage server": lambda: fake.member(manage_guild=True)}[who]()
    retitle(knowledge_folder, "Edited")

    await run_command(bot, fake.interaction(client=bot, user=member), "kb reload")

    assert [s.via for s in fake.outbox] == ["response.defer", "followup.send"]
    assert fake.outbox[0].kwargs == {"ephemeral": True, "thinking": True}
    assert fake.outbox[1].ephemeral and "✅ Reloaded" in (fake.outbox[1].content or "")
    assert bot.parley.knowledge.entry("nato-enlargement").title == "Edited"  # type: ignore[union-attr]


@pytest.mark.parametrize("impostor", ["Moderators", str(MODERATORS)])
async def test_a_role_named_like_the_moderators_or_their_id_is_not_theirs(
        bot: ParleyBot, fake: FakeDiscord, knowledge_folder: Path, impostor: str) -> None:
    """Anyone with Manage Roles can create a role called "Moderators", or called by the role's id."""
    retitle(knowledge_folder, "Edited by an impostor")
    member = fake.member(roles=[fake.role(impostor)])
    await run_command(bot, fake.interaction(client=bot, user=member), "kb reload")
    assert "Only moderators" in (fake.outbox[-1].content or "")
    assert bot.parley.knowledge.entry("nato-enlargement").title != "Edited by an impostor"  # type: ignore[union-attr]


async def test_kb_is_hidden_from_members_by_default_only_when_no_role_is_configured(
        tmp_path: Path, knowledge_folder: Path, fake: FakeDiscord) -> None:
    async with running_bot(admin_settings(tmp_path, knowledge_folder, moderator_role=None), fake) as bot:
        kb = bot.tree.get_command("kb")
        assert kb is not None and kb.default_permissions == discord.Permissions(manage_guild=True)
        await run_command(bot, fake.interaction(client=bot, user=fake.member()), "kb check")
        assert "Only moderators (the Manage Server permission)" in (fake.outbox[0].content or "")
    async with running_bot(admin_settings(tmp_path, knowledge_folder), fake) as bot:
        kb = bot.tree.get_command("kb")
        assert kb is not None and kb.default_permissions is None  # the role must be able to see it


# --- what /kb does ----------------------------------------------------------------------------------------------

async def test_a_broken_edit_is_rejected_with_file_and_line_and_the_last_good_stays_live(
        bot: ParleyBot, fake: FakeDiscord, knowledge_folder: Path) -> None:
    live = bot.parley.knowledge
    break_status(knowledge_folder)
    moderator = fake.member(manage_guild=True)

    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb reload")
    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb check")

    reload_report, check_report = fake.texts("followup.send")
    assert reload_report.startswith("❌") and f"`{live.version}` stays live" in reload_report
    assert "knowledge/entries/model.yaml:8: nato-enlargement.status:" in reload_report
    assert "knowledge/entries/model.yaml:8" in check_report
    assert bot.parley.knowledge is live
    # and still answering from it
    reply = await bot.parley.ask(QUESTION, where=Where(source="cli"))
    assert reply.knowledge is live


async def test_a_long_problem_list_is_split_and_stays_private(bot: ParleyBot, fake: FakeDiscord,
                                                               knowledge_folder: Path) -> None:
    lines = "".join(f"  - id: Broken_{n}\n    status: nonsense\n" for n in range(60))
    (knowledge_folder / "entries" / "broken.yaml").write_text(f"entries:\n{lines}", encoding="utf-8")

    await run_command(bot, fake.interaction(client=bot, user=fake.member(manage_guild=True)), "kb reload")

    parts = [s for s in fake.outbox if s.via == "followup.send"]
    assert len(parts) >= 2 and all(s.ephemeral and len(s.content or "") <= DISCORD_LIMIT for s in parts)
    assert sum((s.content or "").count("knowledge/entries/broken.yaml:") for s in parts) >= 60


async def test_check_says_whether_the_files_differ_from_what_is_live(bot: ParleyBot, fake: FakeDiscord,
                                                                     knowledge_folder: Path) -> None:
    moderator = fake.member(manage_guild=True)
    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb check")
    retitle(knowledge_folder, "Edited")
    await run_command(bot, fake.interaction(client=bot, user=moderator), "kb check")
    same, different = fake.texts("followup.send")
    assert same.startswith("✅ The files are valid") and "/kb reload" not in same
    assert "differ from the live version" in different and "/kb reload" in different


async def test_check_reports_the_balance_rule(bot: ParleyBot, fake: FakeDiscord) -> None:
    await run_command(bot, fake.interaction(client=bot, user=fake.member(manage_guild=True)), "kb check")
    (report,) = fake.texts("followup.send")
    # The test knowledge's positions name no speaker: the rule warns, and the files are still valid.
    assert report.startswith("✅ The files are valid") and "⚠️ Balance:" in report and "has no speaker" in report
    assert balance_lines([]) == "\nBalance: every contested entry gives each party its say."


async def test_gaps_lists_the_most_asked_unanswered_questions(bot: ParleyBot, fake: FakeDiscord) -> None:
    for q in ["What about Taiwan?", "what about taiwan", "Who won the World Cup?", "*What* about __Taiwan__?"]:
        await bot.parley.ask(q, where=Where(user_id=1))
    await bot.parley.ask(QUESTION, where=Where(user_id=1))

    await run_command(bot, fake.interaction(client=bot, user=fake.member(manage_guild=True)), "kb gaps", limit=5)

    (report,) = fake.texts("followup.send")
    assert report.index("**3×**") < report.index("**1×** Who won the World Cup?")
    assert "\\*What\\* about \\_\\_Taiwan\\_\\_?" in report  # the latest wording, its markdown escaped
    assert "NATO" not in report and fake.outbox[-1].ephemeral


async def test_an_edit_the_watcher_picks_up_is_told_to_the_moderators_channel(
        bot: ParleyBot, fake: FakeDiscord, knowledge_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mods = fake.text_channel()
    fake.guild.public_updates_channel = mods
    fake.guild.name = "Test server"
    monkeypatch.setattr(ParleyBot, "guilds", property(lambda self: [fake.guild]))

    break_status(knowledge_folder)
    await bot.parley.live.poll()
    retitle(knowledge_folder, "Fixed")
    await bot.parley.live.poll()  # still broken: the status is wrong, so nothing new is live
    fix = knowledge_folder / "entries" / "model.yaml"
    fix.write_text(fix.read_text(encoding="utf-8").replace("status: disputed", "status: contested", 1), "utf-8")
    await bot.parley.live.poll()

    told = fake.texts("channel.send")
    assert told[0].startswith("❌") and "knowledge/entries/model.yaml:8" in told[0]
    assert told[-1].startswith("✅ An edit on disk was picked up")


# --- feedback ---------------------------------------------------------------------------------------------------

async def test_reactions_on_an_answer_are_recorded_and_removed(bot: ParleyBot, fake: FakeDiscord) -> None:
    await run_command(bot, fake.interaction(client=bot), "ask", question=QUESTION)
    message = fake.outbox[1].message
    answer_id = await bot.parley.store.answer_for_message(message.id)
    assert answer_id is not None
    member = fake.member()

    bot.dispatch("raw_reaction_add", fake.reaction(message.id, member.id, "👍🏽", member=member))
    bot.dispatch("raw_reaction_add", fake.reaction(message.id, 55, "👎"))
    bot.dispatch("raw_reaction_add", fake.reaction(message.id, 56, "🎉"))  # not a vote
    bot.dispatch("raw_reaction_add", fake.reaction(message.id, BOT_ID, "👍"))  # Parley's own
    bot.dispatch("raw_reaction_add", fake.reaction(message.id, 57, "👍", member=fake.member(bot=True)))
    await settle()
    assert await bot.parley.store.feedback_for(answer_id) == (1, 1)

    bot.dispatch("raw_reaction_remove", fake.reaction(message.id, member.id, "👍", event="REACTION_REMOVE"))
    await settle()
    assert await bot.parley.store.feedback_for(answer_id) == (0, 1)


async def test_votes_on_other_peoples_messages_do_not_reach_the_store(bot: ParleyBot, fake: FakeDiscord,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Every 👍 in the server arrives as an event: only those on Parley's own messages cost a store query."""
    feedback = mock.AsyncMock(return_value=None)
    monkeypatch.setattr(bot.parley.store, "feedback", feedback)
    bot.dispatch("raw_reaction_add", fake.reaction(12345, 55, "👍", author_id=777))
    await settle()
    feedback.assert_not_awaited()
    bot.dispatch("raw_reaction_add", fake.reaction(12345, 55, "👍"))  # on one of Parley's messages
    await settle()
    feedback.assert_awaited_once()


# --- reading ----------------------------------------------------------------------------------------------------

async def test_claims_lists_the_flagged_claims_privately(bot: ParleyBot, fake: FakeDiscord) -> None:
    await run_command(bot, fake.interaction(client=bot), "claims")
    (page,) = fake.outbox
    assert page.ephemeral and "page 1/1" in (page.content or "")
    assert all(f"`[{e.id}]`" in (page.content or "") for e in bot.parley.knowledge.flagged())


async def test_claim_pages_turn_with_buttons_for_the_member_who_asked(bot: ParleyBot, fake: FakeDiscord) -> None:
    member, other = fake.member(), fake.member()
    view = Pages(["page one", "page two", "page three"], member.id)
    assert view.previous.disabled and not view.next.disabled

    turn = fake.interaction(client=bot, user=member)
    await view.next.callback(turn)
    assert fake.outbox[-1].via == "response.edit_message" and fake.outbox[-1].content == "page two"
    assert await view.interaction_check(fake.interaction(client=bot, user=other)) is False

    for _ in range(3):
        await view.next.callback(fake.interaction(client=bot, user=member))
    assert fake.outbox[-1].content == "page three" and view.next.disabled and not view.previous.disabled
    view.stop()


async def test_claim_pages_lose_their_buttons_when_they_time_out(bot: ParleyBot, fake: FakeDiscord) -> None:
    origin = fake.interaction(client=bot)
    view = Pages(["page one", "page two"], origin.user.id, origin=origin)
    await view.on_timeout()
    origin.edit_original_response.assert_awaited_once_with(view=None)
    view.stop()


async def test_source_shows_an_entry_with_its_quote_and_sources(bot: ParleyBot, fake: FakeDiscord) -> None:
    await run_command(bot, fake.interaction(client=bot), "source", id="nato-enlargement")
    (shown,) = fake.outbox
    assert not shown.ephemeral
    assert "¶3" in (shown.content or "") and "Bucharest Summit Declaration" in (shown.content or "")

    fake.outbox.clear()
    await run_command(bot, fake.interaction(client=bot), "source", id="nato-enlargment")
    (unknown,) = fake.outbox
    assert unknown.ephemeral and "Did you mean `nato-enlargement`" in (unknown.content or "")


async def test_source_autocompletes_ids_and_titles(bot: ParleyBot, fake: FakeDiscord) -> None:
    by_id = await autocomplete(bot, fake.interaction(client=bot), "source", "id", "nato")
    by_title = await autocomplete(bot, fake.interaction(client=bot), "source", "id", "misspelt")
    assert [c.value for c in by_id][:2] == ["nato-enlargement", "nato-expels-eight"]
    assert [c.value for c in by_title] == ["maas-name-misspelled"]
    assert all(len(c.name) <= 100 for c in by_id)


async def test_about_explains_parley_the_article_and_the_flags(bot: ParleyBot, fake: FakeDiscord) -> None:
    await run_command(bot, fake.interaction(client=bot), "about")
    (about,) = fake.outbox
    text = about.content or ""
    assert about.ephemeral and "NATO vs Russia, How will It Ends?" in text and "Erlangga Pratama" in text
    assert all(icon in text for icon in ("⚠️", "💬", "❌")) and len(text) <= DISCORD_LIMIT
