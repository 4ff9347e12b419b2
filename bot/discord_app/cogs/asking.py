"""Asking: ``/ask``, ``/sides``, a mention of Parley, a reply to one of its answers, and follow-ups in its
threads. Every answer comes from ``Parley.ask`` (the engine guards it); this cog only decides whether to
answer, then posts what it was given.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import re
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.answer import Kind
from bot.core.conversation import Conversation
from bot.core.question import clean
from bot.discord_app import checks as gates
from bot.discord_app import posting
from bot.discord_app.replies import describe, slow_down
from bot.errors import BadQuestion
from bot.service import Reply
from bot.store import Where

if TYPE_CHECKING:
    from bot.discord_app.app import ParleyBot

log = logging.getLogger("parley.discord")

Asked = Literal["mention", "reply", "thread"]  # how a message asked Parley
HINT = "Follow-ups here keep the conversation going: mention me or reply to an answer"
UNREADABLE = "I can't read that message: reply with the @mention on (or mention me), or use `/ask`."


class Asking(commands.Cog):
    def __init__(self, bot: ParleyBot) -> None:
        self.bot = bot
        # Discord's own box stops at the limit, so a member never types 600 characters to be told to start
        # over. The limit is a setting, so it is set here, on this instance's copies of the commands (a
        # string option's max_value is sent as its max_length).
        # discord.py (2.7) has no public way to change an option's bounds after the decorator ran: the
        # bounds of `Range[str, 1, N]` are copied into the private `Command._params` when the class is
        # defined (before any settings exist), `Command.parameters` hands out read-only wrappers, and its own
        # `describe`/`rename`/`choices` decorators write `_params` the same way. Building the commands at run
        # time instead would lose the cog's class-level commands, checks and cooldowns.
        limit = bot.settings.max_question_chars
        for command, option in ((self.ask, "question"), (self.sides, "topic")):
            params = command._params  # noqa: SLF001 (no public setter: see above)
            params[option] = dataclasses.replace(params[option], min_value=1, max_value=limit)

    @property
    def hint(self) -> str:
        return HINT + (", or just ask." if self.bot.settings.message_content else ".")

    # --- slash commands

    @app_commands.command(name="ask", description="Ask Parley about the article “NATO vs Russia, How will It Ends?”")
    @app_commands.describe(question="Your question, e.g. What does Russia say about NATO expansion?")
    @app_commands.guild_only()
    @gates.question_cooldown()
    @gates.in_allowed_channel()  # checks run bottom-up: a refused channel must not cost a question
    async def ask(self, interaction: discord.Interaction, question: str) -> None:
        await self._answer_interaction(interaction, question, None)

    @app_commands.command(name="sides", description="Each side's position on a topic, in its own words")
    @app_commands.describe(topic="A topic from the article, e.g. NATO expansion, Crimea, the Skripal poisoning")
    @app_commands.guild_only()
    @gates.question_cooldown()
    @gates.in_allowed_channel()
    async def sides(self, interaction: discord.Interaction, topic: str) -> None:
        await self._answer_interaction(interaction, topic, Kind.SIDES)

    async def _answer_interaction(self, interaction: discord.Interaction, text: str, kind: Kind | None) -> None:
        try:  # a bad question is told privately, before anything public (the deferral) happens
            clean(text, self.bot.settings.max_question_chars)
        except BadQuestion as exc:
            await interaction.response.send_message(str(exc), ephemeral=True)
            return
        await interaction.response.defer(thinking=True)  # Discord allows 3 s; a model may take longer
        channel = interaction.channel
        conversation = await self._conversation(channel)
        where = where_of(interaction.guild_id, channel, interaction.user.id, None)
        reply = await self.bot.parley.ask(text, conversation=conversation, where=where, kind=kind)

        async def send(part: str) -> discord.Message:
            return await interaction.followup.send(part, wait=True)

        messages = await posting.post_parts(send, send, reply.parts)
        await self._after_posting(reply, messages, channel, conversation, interaction.app_permissions)

    # --- mentions, replies and thread follow-ups

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if message.author.bot or message.guild is None or me is None:
            return
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return  # a pin, a thread rename, a member joining: Discord's notices, never questions
        if not gates.channel_allowed(self.bot.settings, message.channel):
            return  # checked first: it is free, and finding the trigger may ask the store
        asked = await self._how_asked(message, me)
        if asked is None:
            return
        if (await self.bot.get_context(message)).valid:
            return  # a text command (the owner's `@Parley sync`), not a question
        try:
            await self._answer_message(message, asked, me)
        except Exception as exc:
            await self._say(message, describe(exc, f"answering message {message.id} by {message.author.id}"))

    async def _how_asked(self, message: discord.Message, me: discord.ClientUser) -> Asked | None:
        ref = message.reference
        # A forward also carries a reference to the answer, with the text elsewhere: it asks nothing.
        if ref is not None and ref.type is discord.MessageReferenceType.default and ref.message_id is not None:
            resolved = ref.resolved
            if isinstance(resolved, discord.Message):
                if resolved.author.id == me.id:
                    return "reply"
            elif await self.bot.parley.store.answer_for_message(ref.message_id) is not None:
                return "reply"  # not in the cache, but the store knows it was one of our answers
        # After replies: a reply pings its author by default, so most replies to Parley mention it too.
        if any(u.id == me.id for u in message.mentions) or any(_is_mine(r, me.id) for r in message.role_mentions):
            return "mention"
        channel = message.channel
        if (self.bot.settings.message_content and isinstance(channel, discord.Thread)
                and channel.owner_id == me.id):
            return "thread"
        return None

    async def _answer_message(self, message: discord.Message, asked: Asked, me: discord.ClientUser) -> None:
        settings = self.bot.settings
        mentioned = any(u.id == me.id for u in message.mentions)
        if asked == "thread" and not any(ch.isalnum() for ch in message.content):
            return  # a picture, a 👍 or a sticker in the thread is conversation, not a question
        # Every reply below is a public post this member caused — an answer, "I can't read that message", a
        # bad question's note — so each counts against their cooldown, and a burst over it gets one
        # "you're asking quickly", then silence.
        retry_after = self.bot.cooldowns.hit(message.author.id)
        if retry_after is not None:
            if self.bot.cooldowns.first_refusal(message.author.id, retry_after):
                await self._say(message, slow_down(retry_after))
            return
        if not message.content and not settings.message_content and not mentioned:
            await self._say(message, UNREADABLE)  # Discord withheld the text: the reply's mention was switched off
            return
        text = self._question_of(message, me)
        try:
            clean(text, settings.max_question_chars)
        except BadQuestion as exc:
            await self._say(message, str(exc))
            return
        channel = message.channel
        replied_to = message.reference.message_id if asked == "reply" and message.reference else None
        conversation = await self._conversation(channel, replied_to)
        where = where_of(message.guild.id if message.guild else None, channel, message.author.id, message.id)
        async with typing_indicator(channel):
            reply = await self.bot.parley.ask(text, conversation=conversation, where=where)
        messages = await posting.post_parts(posting.replying_to(message), channel.send, reply.parts)
        permissions = channel.permissions_for(message.guild.me) if message.guild else discord.Permissions.none()
        await self._after_posting(reply, messages, channel, conversation, permissions)

    def _question_of(self, message: discord.Message, me: discord.ClientUser) -> str:
        """The message without Parley's own mention; the whole message if nothing else is left, so that the
        engine's "I only saw a mention" reply applies."""
        mine = {f"<@{me.id}>", f"<@!{me.id}>"} | {f"<@&{r.id}>" for r in message.role_mentions if _is_mine(r, me.id)}
        stripped = re.sub("|".join(map(re.escape, mine)), " ", message.content).strip()
        return stripped if any(ch.isalnum() for ch in stripped) else message.content

    async def _say(self, message: discord.Message, line: str) -> None:
        try:
            await posting.replying_to(message)(line)
        except discord.HTTPException:
            log.warning("could not reply to message %s: %s", message.id, line, exc_info=True)

    # --- shared

    async def _conversation(self, channel: object, replied_to: int | None = None) -> Conversation:
        """A thread's ongoing conversation; elsewhere a new one (it moves into the thread it opens), which
        continues from the answer replied to, if any."""
        if isinstance(channel, discord.Thread):
            return await self.bot.parley.conversation(channel.id)
        if replied_to is not None:
            return await self.bot.parley.conversation_after(replied_to)
        return self.bot.parley.new_conversation()

    async def _after_posting(self, reply: Reply, messages: list[discord.Message], channel: object,
                             conversation: Conversation, permissions: discord.Permissions) -> None:
        parley = self.bot.parley
        if reply.answer_id is not None:
            await parley.store.record_posts(reply.answer_id, [m.id for m in messages])
        await posting.add_votes(messages[-1], permissions)
        if self.bot.settings.thread_answers and posting.can_open_thread(channel, permissions):
            assert isinstance(channel, discord.TextChannel)  # can_open_thread said so
            thread = await posting.open_thread(channel, messages[0], reply, self.hint)
            if thread is not None:
                await parley.open_thread(reply, thread.id, conversation)


def _is_mine(role: discord.Role, bot_id: int) -> bool:
    """Members often pick the bot's own role from the @ list; it means the bot."""
    return role.tags is not None and role.tags.bot_id == bot_id


def where_of(guild_id: int | None, channel: object, user_id: int, message_id: int | None) -> Where:
    if isinstance(channel, discord.Thread):
        return Where(guild_id=guild_id, channel_id=channel.parent_id, thread_id=channel.id, user_id=user_id,
                     message_id=message_id)
    return Where(guild_id=guild_id, channel_id=getattr(channel, "id", None), user_id=user_id, message_id=message_id)


@contextlib.asynccontextmanager
async def typing_indicator(channel: discord.abc.Messageable) -> AsyncIterator[None]:
    """"Parley is typing…" while it answers; cosmetic, so a refusal to show it is not an error."""
    indicator = channel.typing()
    try:
        await indicator.__aenter__()
        shown = True
    except discord.HTTPException:
        shown = False
    try:
        yield
    finally:
        if shown:
            await indicator.__aexit__(None, None, None)


async def setup(bot: ParleyBot) -> None:
    await bot.add_cog(Asking(bot))
