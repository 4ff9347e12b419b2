"""Asking on Discord: /ask, /sides, mentions, replies, threads — through the real bot, cogs and command tree,
with spec'd fakes for everything Discord would provide (see tests/helpers.py)."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import discord
import pytest
from ruamel.yaml import YAML

from bot.discord_app.app import ParleyBot
from bot.discord_app.checks import Cooldowns
from bot.discord_app.cogs.asking import UNREADABLE
from bot.discord_app.replies import INCOMPLETE, SOMETHING_WENT_WRONG
from bot.render import DISCORD_LIMIT
from bot.settings import Settings
from tests.conftest import MODEL_KNOWLEDGE_DIR
from tests.helpers import BOT_ID, FakeDiscord, permissions, run_command, running_bot, settle

QUESTION = "What does Russia say about NATO expansion?"


def discord_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(knowledge_dir=MODEL_KNOWLEDGE_DIR, db_path=tmp_path / "parley.sqlite3",
                                  knowledge_poll_seconds=0, cooldown_rate=100, cooldown_per=60)
    return Settings(_env_file=None, **(values | overrides))


@pytest.fixture
def fake() -> FakeDiscord:
    return FakeDiscord()


@pytest.fixture
async def bot(tmp_path: Path, fake: FakeDiscord):
    async with running_bot(discord_settings(tmp_path), fake) as running:
        yield running


@pytest.fixture(autouse=True)
def _no_mentions_anywhere(fake: FakeDiscord):
    """Whatever a test does, nothing Parley sends may override the bot's AllowedMentions.none()."""
    yield
    overrides = [s for s in fake.outbox if "allowed_mentions" in s.kwargs]
    assert overrides == [], f"sends that override allowed_mentions: {overrides}"


def rows(bot: ParleyBot, sql: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(bot.settings.db_path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


# --- /ask and /sides ------------------------------------------------------------------------------------------

async def test_ask_defers_at_once_then_answers_in_a_follow_up(bot: ParleyBot, fake: FakeDiscord) -> None:
    interaction = fake.interaction(client=bot)
    await run_command(bot, interaction, "ask", question=QUESTION)

    assert [s.via for s in fake.outbox] == ["response.defer", "followup.send", "thread.send"]
    defer, answer, hint = fake.outbox
    assert defer.kwargs == {"thinking": True}  # public: the answer is for the channel
    assert "`[nato-enlargement]`" in (answer.content or "") and "⚠️" in (answer.content or "")
    assert not answer.ephemeral and answer.kwargs["wait"] is True
    assert answer.message.add_reaction.await_args_list == [(("👍",),), (("👎",),)]

    (thread,) = fake.threads
    # Opened through the channel: a follow-up's message has no guild, and cannot open a thread itself.
    assert answer.message.guild is None
    interaction.channel.create_thread.assert_awaited_once_with(name=QUESTION, message=answer.message)
    answer.message.create_thread.assert_not_awaited()
    assert "Follow-ups here" in (hint.content or "")
    (answer_id, thread_id, user_id), = rows(bot, "SELECT id, thread_id, user_id FROM answers")
    assert thread_id == thread.id and user_id == interaction.user.id
    assert await bot.parley.store.answer_for_message(answer.message.id) == answer_id


async def test_sides_asks_for_each_sides_position(bot: ParleyBot, fake: FakeDiscord) -> None:
    await run_command(bot, fake.interaction(client=bot), "sides", topic="NATO expansion")
    answer = fake.outbox[1]
    assert answer.via == "followup.send"
    content = answer.content or ""
    assert "**NATO and its allies:**" in content and "**The Russian government:**" in content
    assert rows(bot, "SELECT kind FROM answers") == [("sides",)]


async def test_a_question_that_pings_is_answered_without_a_live_ping(bot: ParleyBot, fake: FakeDiscord) -> None:
    await run_command(bot, fake.interaction(client=bot), "ask", question=f"@everyone <@{BOT_ID}> {QUESTION}")
    assert all("@everyone" not in t and f"<@{BOT_ID}>" not in t for t in fake.texts())
    mentions = bot.allowed_mentions
    assert mentions is not None
    assert (mentions.everyone, mentions.users, mentions.roles, mentions.replied_user) == (False, False, False, False)


@pytest.mark.parametrize("question, says", [("   ", "Please ask a question"), (f"<@{BOT_ID}>", "only saw a mention"),
                                            ("x" * 501, "the limit is 500")])
async def test_a_bad_question_gets_a_short_private_reply_and_no_deferral(bot: ParleyBot, fake: FakeDiscord,
                                                                         question: str, says: str) -> None:
    await run_command(bot, fake.interaction(client=bot), "ask", question=question)
    (reply,) = fake.outbox
    assert reply.via == "response.send_message" and reply.ephemeral and says in (reply.content or "")
    assert rows(bot, "SELECT COUNT(*) FROM answers") == [(0,)]


async def test_an_exception_in_a_command_becomes_one_short_message(bot: ParleyBot, fake: FakeDiscord,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(bot.parley, "ask", broken)
    await run_command(bot, fake.interaction(client=bot), "ask", question=QUESTION)

    assert [s.via for s in fake.outbox] == ["response.defer", "followup.send"]
    assert fake.outbox[1].content == SOMETHING_WENT_WRONG and fake.outbox[1].ephemeral
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info and "the engine fell over" in str(record.exc_info[1])
    assert "Traceback" not in "".join(fake.texts())


# --- splitting and posting --------------------------------------------------------------------------------------

@pytest.fixture
def wordy_knowledge(tmp_path: Path) -> Path:
    """The test knowledge with every position written at length, so a claims answer runs past 2,000 characters."""
    folder = tmp_path / "wordy"
    shutil.copytree(MODEL_KNOWLEDGE_DIR, folder)
    yaml = YAML()
    path = folder / "entries" / "model.yaml"
    data = yaml.load(path)
    for entry in data["entries"]:
        for position in entry.get("positions", []):
            position["says"] += " It has set this out at length in statements, interviews and documents." * 6
    yaml.dump(data, path)
    return folder


async def test_a_long_answer_is_split_on_paragraphs_and_sent_in_order(tmp_path: Path, fake: FakeDiscord,
                                                                      wordy_knowledge: Path) -> None:
    async with running_bot(discord_settings(tmp_path, knowledge_dir=wordy_knowledge), fake) as bot:
        await run_command(bot, fake.interaction(client=bot), "ask", question="What are the contested claims?")
        ((text,),) = rows(bot, "SELECT text FROM answers")

    parts = fake.texts("followup.send")
    assert len(parts) >= 2 and all(len(p) <= DISCORD_LIMIT for p in parts)
    assert "\n\n".join(parts) == text  # nothing lost, nothing reordered
    assert all(p.strip() and not p.startswith("\n") for p in parts)


async def test_a_send_failing_mid_answer_says_so_in_one_line(tmp_path: Path, fake: FakeDiscord,
                                                            wordy_knowledge: Path) -> None:
    async with running_bot(discord_settings(tmp_path, knowledge_dir=wordy_knowledge), fake) as bot:
        interaction = fake.interaction(client=bot)
        sends = 0
        real_send = interaction.followup.send.side_effect

        async def flaky(content: str | None = None, **kwargs: Any) -> Any:
            nonlocal sends
            sends += 1
            if sends == 2:
                raise discord.HTTPException(_response(500), "Discord had a bad moment")
            return await real_send(content, **kwargs)

        interaction.followup.send.side_effect = flaky
        await run_command(bot, interaction, "ask", question="What are the contested claims?")

    texts = fake.texts("followup.send")
    assert len(texts) == 2 and texts[1] == INCOMPLETE  # the first part, then one line: never a silent half


def _response(status: int) -> Any:
    response = type("Response", (), {"status": status, "reason": "error"})()
    return response


async def test_no_thread_or_reactions_without_the_permissions(bot: ParleyBot, fake: FakeDiscord) -> None:
    interaction = fake.interaction(client=bot, app_perms=permissions(create_public_threads=False, add_reactions=False))
    await run_command(bot, interaction, "ask", question=QUESTION)
    answer = fake.outbox[1]
    interaction.channel.create_thread.assert_not_awaited()
    answer.message.add_reaction.assert_not_awaited()
    assert [s.via for s in fake.outbox] == ["response.defer", "followup.send"]


async def test_a_failing_store_does_not_stop_answers(tmp_path: Path, fake: FakeDiscord) -> None:
    data = tmp_path / "data"
    data.mkdir()
    async with running_bot(discord_settings(tmp_path, db_path=data / "parley.sqlite3"), fake) as bot:
        shutil.rmtree(data)
        await run_command(bot, fake.interaction(client=bot), "ask", question=QUESTION)
        message = fake.mention(QUESTION)
        await bot.get_cog("Asking").on_message(message)  # type: ignore[union-attr]
    answers = [s for s in fake.outbox if s.via in ("followup.send", "reply")]
    assert len(answers) == 2 and all("`[nato-enlargement]`" in (s.content or "") for s in answers)
    assert not bot.parley.store.healthy


# --- mentions, replies, threads ----------------------------------------------------------------------------------

async def test_a_mention_is_answered_and_opens_a_thread(bot: ParleyBot, fake: FakeDiscord) -> None:
    message = fake.mention(QUESTION, nickname=True)
    bot.dispatch("message", message)  # as the gateway would: the cog's listener and the command processor both run
    await settle()

    assert [s.via for s in fake.outbox] == ["reply", "thread.send"]
    answer = fake.outbox[0]
    assert "`[nato-enlargement]`" in (answer.content or "")
    reference = answer.kwargs["reference"]
    assert reference.message_id == message.id and reference.fail_if_not_exists is False  # posted even if deleted
    message.channel.typing.assert_called_once()
    assert len(fake.threads) == 1
    assert rows(bot, "SELECT message_id, question FROM answers") == [(message.id, QUESTION)]


async def test_a_mention_of_the_bots_role_counts_as_a_mention(bot: ParleyBot, fake: FakeDiscord) -> None:
    role = fake.role("Parley", bot_id=BOT_ID)
    message = fake.message(f"<@&{role.id}> {QUESTION}", role_mentions=[role])
    await bot.get_cog("Asking").on_message(message)  # type: ignore[union-attr]
    assert fake.outbox[0].via == "reply"
    assert rows(bot, "SELECT question FROM answers") == [(QUESTION,)]


@pytest.mark.parametrize("cached", [True, False])
async def test_a_reply_to_an_answer_is_answered(bot: ParleyBot, fake: FakeDiscord, cached: bool) -> None:
    await bot.get_cog("Asking").on_message(fake.mention(QUESTION))  # type: ignore[union-attr]
    answer = fake.outbox[0].message
    reply = fake.reply_to(answer, "What about the Skripal poisoning?", cached=cached)
    reply.mentions = []  # the reply's own ping switched off: Parley still knows it was its answer
    await bot.get_cog("Asking").on_message(reply)  # type: ignore[union-attr]

    answered = [s for s in fake.outbox if s.via == "reply"]
    assert len(answered) == 2 and "skripal" in (answered[1].content or "").lower()


async def test_a_reply_continues_from_the_answer_it_replies_to(bot: ParleyBot, fake: FakeDiscord) -> None:
    await bot.get_cog("Asking").on_message(fake.mention(QUESTION))  # type: ignore[union-attr]
    await bot.get_cog("Asking").on_message(  # type: ignore[union-attr]
        fake.reply_to(fake.outbox[0].message, f"<@{BOT_ID}> And what does the other side say?"))
    assert rows(bot, "SELECT kind FROM answers ORDER BY id") == [("sides",), ("follow_up",)]


async def test_pinning_or_forwarding_an_answer_is_not_a_question(bot: ParleyBot, fake: FakeDiscord) -> None:
    await bot.get_cog("Asking").on_message(fake.mention(QUESTION))  # type: ignore[union-attr]
    answer = fake.outbox[0].message
    pinned = fake.reply_to(answer, "", cached=False)  # Discord's "pinned a message" notice points at the answer
    pinned.type, pinned.mentions = discord.MessageType.pins_add, []
    forwarded = fake.reply_to(answer, "", cached=False)  # a forward: a reference, the text in a snapshot
    forwarded.type, forwarded.mentions = discord.MessageType.default, []
    forwarded.reference.type = discord.MessageReferenceType.forward
    for message in (pinned, forwarded):
        await bot.get_cog("Asking").on_message(message)  # type: ignore[union-attr]
    assert len(fake.outbox) == 2, [s.via for s in fake.outbox]  # the first answer and its thread hint only


async def test_a_message_that_is_not_for_parley_is_left_alone(bot: ParleyBot, fake: FakeDiscord) -> None:
    other = fake.message("Hello everyone, what does Russia say?")
    by_a_bot = fake.mention(QUESTION, author=fake.member(bot=True))
    owner_command = fake.mention("sync")  # the owner's text command, not a question
    for message in (other, by_a_bot, owner_command):
        await bot.get_cog("Asking").on_message(message)  # type: ignore[union-attr]
    assert fake.outbox == []


async def test_a_mention_with_no_question_gets_a_short_reply(bot: ParleyBot, fake: FakeDiscord) -> None:
    await bot.get_cog("Asking").on_message(fake.mention(""))  # type: ignore[union-attr]
    (reply,) = fake.outbox
    assert reply.via == "reply" and "only saw a mention" in (reply.content or "")


async def test_a_reply_discord_withheld_the_text_of_is_explained(bot: ParleyBot, fake: FakeDiscord) -> None:
    await bot.get_cog("Asking").on_message(fake.mention(QUESTION))  # type: ignore[union-attr]
    reply = fake.reply_to(fake.outbox[0].message, "")  # no Message Content intent, ping off: Discord sends ""
    reply.mentions = []
    await bot.get_cog("Asking").on_message(reply)  # type: ignore[union-attr]
    assert "can't read that message" in (fake.outbox[-1].content or "")
    # With the ping on, Discord sends the text: an empty one is a picture or a sticker, not a withheld text.
    picture = fake.reply_to(fake.outbox[0].message, "")
    await bot.get_cog("Asking").on_message(picture)  # type: ignore[union-attr]
    assert "Please ask a question" in (fake.outbox[-1].content or "")


async def test_an_exception_while_answering_a_mention_becomes_one_short_reply(
        bot: ParleyBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(bot.parley, "ask", broken)
    await bot.get_cog("Asking").on_message(fake.mention(QUESTION))  # type: ignore[union-attr]
    assert [(s.via, s.content) for s in fake.outbox] == [("reply", SOMETHING_WENT_WRONG)]
    assert any(r.exc_info for r in caplog.records if r.levelno == logging.ERROR)


async def test_a_follow_up_in_the_thread_uses_the_history_even_after_a_restart(tmp_path: Path,
                                                                                fake: FakeDiscord) -> None:
    settings = discord_settings(tmp_path)
    async with running_bot(settings, fake) as bot:
        await run_command(bot, fake.interaction(client=bot), "ask", question=QUESTION)
        (thread,) = fake.threads
        await bot.get_cog("Asking").on_message(  # type: ignore[union-attr]
            fake.mention("And what does the other side say?", channel=thread))
    async with running_bot(settings, fake) as restarted:
        await restarted.get_cog("Asking").on_message(  # type: ignore[union-attr]
            fake.mention("What about the other side?", channel=thread))
        kinds = rows(restarted, "SELECT kind, thread_id, channel_id FROM answers ORDER BY id")
    assert kinds == [("sides", thread.id, thread.parent_id), ("follow_up", thread.id, thread.parent_id),
                     ("follow_up", thread.id, thread.parent_id)]
    assert len(fake.threads) == 1  # follow-ups stay in the thread


async def test_with_message_content_any_message_in_parleys_thread_is_a_follow_up(tmp_path: Path,
                                                                                  fake: FakeDiscord) -> None:
    async with running_bot(discord_settings(tmp_path, message_content=True), fake) as bot:
        assert bot.intents.message_content
        await run_command(bot, fake.interaction(client=bot), "ask", question=QUESTION)
        (thread,) = fake.threads
        assert "or just ask" in fake.texts("thread.send")[0]
        await bot.get_cog("Asking").on_message(  # type: ignore[union-attr]
            fake.message("and the other side?", channel=thread))
        someone_elses = fake.thread(fake.text_channel(), owner_id=12345)
        await bot.get_cog("Asking").on_message(  # type: ignore[union-attr]
            fake.message("and the other side?", channel=someone_elses))
        told = len(fake.outbox)
        chatty = fake.member()
        for chatter in ("👍", "", "!!"):  # a reaction typed out, a picture, a sticker: conversation, not questions
            await bot.get_cog("Asking").on_message(  # type: ignore[union-attr]
                fake.message(chatter, channel=thread, author=chatty))
        assert len(fake.outbox) == told and bot.cooldowns.remaining(chatty.id) == bot.settings.cooldown_rate
        assert rows(bot, "SELECT kind FROM answers ORDER BY id") == [("sides",), ("follow_up",)]


async def test_without_message_content_plain_thread_messages_are_left_alone(bot: ParleyBot,
                                                                            fake: FakeDiscord) -> None:
    assert not bot.intents.message_content
    await run_command(bot, fake.interaction(client=bot), "ask", question=QUESTION)
    (thread,) = fake.threads
    await bot.get_cog("Asking").on_message(fake.message("and the other side?", channel=thread))  # type: ignore[union-attr]
    assert rows(bot, "SELECT COUNT(*) FROM answers") == [(1,)]


# --- cooldown and allow-list ----------------------------------------------------------------------------------

async def test_the_cooldown_is_per_member_and_shared_by_every_way_of_asking(tmp_path: Path,
                                                                            fake: FakeDiscord) -> None:
    async with running_bot(discord_settings(tmp_path, cooldown_rate=2, cooldown_per=60), fake) as bot:
        member, other = fake.member(), fake.member()
        await run_command(bot, fake.interaction(client=bot, user=member), "ask", question=QUESTION)
        await bot.get_cog("Asking").on_message(fake.mention(QUESTION, author=member))  # type: ignore[union-attr]
        fake.outbox.clear()

        await run_command(bot, fake.interaction(client=bot, user=member), "sides", topic="Crimea")
        (refused,) = fake.outbox
        assert refused.via == "response.send_message" and refused.ephemeral
        assert "asking quickly" in (refused.content or "")
        await bot.get_cog("Asking").on_message(fake.mention(QUESTION, author=member))  # type: ignore[union-attr]
        assert "asking quickly" in (fake.outbox[-1].content or "")
        told = len(fake.outbox)
        for _ in range(3):  # a burst of mentions while waiting: told once, in public, not once each
            await bot.get_cog("Asking").on_message(fake.mention(QUESTION, author=member))  # type: ignore[union-attr]
        assert len(fake.outbox) == told

        fake.outbox.clear()
        await run_command(bot, fake.interaction(client=bot, user=other), "ask", question=QUESTION)
        assert fake.outbox[1].via == "followup.send"
        assert rows(bot, "SELECT COUNT(*) FROM answers") == [(3,)]


async def test_every_post_a_member_causes_counts_and_a_burst_gets_one_refusal_then_silence(
        tmp_path: Path, fake: FakeDiscord) -> None:
    """/source posts in the channel, and so does "I can't read that message": both count against the member's
    cooldown, checked before anything is posted. Ten of each in a row under a 1-per-window limit are one post
    and one "you're asking quickly" (public for mentions and replies, private for slash commands)."""
    async with running_bot(discord_settings(tmp_path, cooldown_rate=1, cooldown_per=3600), fake) as bot:
        sourcing, replying = fake.member(), fake.member()
        for _ in range(10):
            await run_command(bot, fake.interaction(client=bot, user=sourcing), "source", id="nato-enlargement")
        public = [s for s in fake.outbox if not s.ephemeral]
        assert len(public) == 1 and "Bucharest Summit Declaration" in (public[0].content or "")
        refusals = [s for s in fake.outbox if s.ephemeral]
        assert len(refusals) == 9 and all("asking quickly" in (s.content or "") for s in refusals)
        await run_command(bot, fake.interaction(client=bot, user=sourcing), "ask", question=QUESTION)
        assert "asking quickly" in (fake.outbox[-1].content or "")  # one cooldown for every way of posting

        fake.outbox.clear()
        answer = await fake.text_channel().send("an answer of Parley's")
        for _ in range(20):
            unreadable = fake.reply_to(answer, "", author=replying)  # the reply's mention switched off
            unreadable.mentions = []
            await bot.get_cog("Asking").on_message(unreadable)  # type: ignore[union-attr]
        assert [s.content for s in fake.outbox if s.via != "channel.send"] == [
            UNREADABLE, "You're asking quickly. Please wait 3600 s and ask again."]


async def test_a_typo_in_source_is_answered_privately_and_costs_nothing(tmp_path: Path, fake: FakeDiscord) -> None:
    async with running_bot(discord_settings(tmp_path, cooldown_rate=1, cooldown_per=3600), fake) as bot:
        member = fake.member()
        await run_command(bot, fake.interaction(client=bot, user=member), "source", id="nato-enlargment")
        assert fake.outbox[-1].ephemeral and "Did you mean" in (fake.outbox[-1].content or "")
        assert bot.cooldowns.remaining(member.id) == 1


async def test_the_allow_list_counts_threads_as_their_channel(tmp_path: Path, fake: FakeDiscord) -> None:
    allowed, elsewhere = fake.text_channel(), fake.text_channel()
    async with running_bot(discord_settings(tmp_path, allowed_channels=[allowed.id]), fake) as bot:
        member = fake.member()
        await run_command(bot, fake.interaction(client=bot, channel=elsewhere, user=member), "ask", question=QUESTION)
        assert bot.cooldowns.remaining(member.id) == bot.settings.cooldown_rate  # a refusal costs nothing
        (refused,) = fake.outbox
        assert refused.ephemeral and f"<#{allowed.id}>" in (refused.content or "")

        await bot.get_cog("Asking").on_message(fake.mention(QUESTION, channel=elsewhere))  # type: ignore[union-attr]
        assert len(fake.outbox) == 1  # a mention elsewhere is not Parley's to answer

        fake.outbox.clear()
        await run_command(bot, fake.interaction(client=bot, channel=fake.thread(allowed)), "ask", question=QUESTION)
        await bot.get_cog("Asking").on_message(fake.mention(QUESTION, channel=allowed))  # type: ignore[union-attr]
        assert [s.via for s in fake.outbox][:2] == ["response.defer", "followup.send"]
        assert rows(bot, "SELECT COUNT(*) FROM answers") == [(2,)]


def test_cooldowns_recharge_after_the_window_and_forget_idle_members() -> None:
    now = [1000.0]
    cooldowns = Cooldowns(rate=2, per=60, clock=lambda: now[0])
    assert cooldowns.hit(1) is None and cooldowns.hit(1) is None
    assert cooldowns.hit(1) == pytest.approx(60) and cooldowns.remaining(1) == 0
    now[0] += 61
    assert cooldowns.remaining(1) == 2 and cooldowns.hit(1) is None

    cooldowns.PRUNE_AT = 3
    for user in (2, 3, 4):
        cooldowns.hit(user)
    now[0] += 61
    cooldowns.hit(5)  # past PRUNE_AT: the recharged buckets are dropped, not kept forever
    assert cooldowns.tracked == 1


async def test_an_asked_threads_name_has_no_mention_syntax(bot: ParleyBot, fake: FakeDiscord) -> None:
    interaction = fake.interaction(client=bot)
    await run_command(bot, interaction, "ask", question=f"<@{BOT_ID}> and @everyone: {QUESTION}")
    (name,) = [c.kwargs["name"] for c in interaction.channel.create_thread.await_args_list]
    assert name == f"and : {QUESTION}"


def test_a_thread_is_named_after_the_question_without_mention_syntax() -> None:
    from types import SimpleNamespace

    from bot.discord_app.posting import THREAD_NAME_LIMIT, thread_name

    def named(question: str) -> str:
        return thread_name(SimpleNamespace(answer=SimpleNamespace(question=question)))  # type: ignore[arg-type]

    assert named(f"<@{BOT_ID}>  who is right?  <#42>") == "who is right?"  # mention syntax shows raw in names
    assert named("<@1>") == "Parley"
    long = named("why " * 50)
    assert len(long) == THREAD_NAME_LIMIT and long.endswith("…")
