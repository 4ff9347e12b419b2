"""Post a ``Reply`` to Discord: its parts in order, then the follow-up conveniences (thread, reactions).

Mentions are off by construction: the bot's ``allowed_mentions`` is ``AllowedMentions.none()`` and no call
here (or anywhere) overrides it, and the renderer has already defused every ping in the text.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

import discord

from bot.core.mentions import strip_mentions
from bot.discord_app.replies import INCOMPLETE
from bot.render import MAX_MESSAGES, clip
from bot.service import Reply

log = logging.getLogger("parley.discord")

VOTE_EMOJI = ("👍", "👎")
THREAD_NAME_LIMIT = 100  # Discord's limit on a thread's name


def replying_to(message: discord.Message) -> Callable[[str], Awaitable[discord.Message]]:
    """Send as a reply to ``message``, or as a plain message if it was deleted meanwhile (members do delete
    their questions while Parley answers; the answer is still worth posting)."""
    reference = message.to_reference(fail_if_not_exists=False)

    async def send(text: str) -> discord.Message:
        return await message.channel.send(text, reference=reference)

    return send


async def post_parts(first: Callable[[str], Awaitable[discord.Message]],
                     rest: Callable[[str], Awaitable[discord.Message]],
                     parts: Sequence[str]) -> list[discord.Message]:
    """Send ``parts[0]`` with ``first`` and the others with ``rest``, each awaited so the order holds.

    If the first part fails, the error propagates (the caller's error handler says so in one line). If a
    later one fails, the member is told in one line that the answer is incomplete, rather than left with
    half an answer that looks whole. Returns the messages the answer was posted as.

    At most ``MAX_MESSAGES`` are posted, whatever is handed in: ``render_parts`` already keeps to it, and this
    is the one place every answer goes out through, so no path can flood a channel."""
    if len(parts) > MAX_MESSAGES:
        log.warning("an answer of %d parts was cut to %d", len(parts), MAX_MESSAGES)
        parts = parts[:MAX_MESSAGES]
    messages = [await first(parts[0])]
    for n, part in enumerate(parts[1:], start=2):
        try:
            messages.append(await rest(part))
        except discord.HTTPException:
            log.warning("part %d of %d could not be posted", n, len(parts), exc_info=True)
            try:
                await rest(INCOMPLETE)
            except discord.HTTPException:
                log.warning("could not say the answer was incomplete either", exc_info=True)
            break
    return messages


async def add_votes(message: discord.Message, permissions: discord.Permissions) -> None:
    """Offer 👍/👎 under an answer when Parley may react there; feedback is optional, so failures are too."""
    if not (permissions.add_reactions and permissions.read_message_history):
        return
    for emoji in VOTE_EMOJI:
        try:
            await message.add_reaction(emoji)
        except discord.HTTPException:
            log.debug("could not add %s to message %s", emoji, message.id, exc_info=True)
            return


def can_open_thread(channel: object, permissions: discord.Permissions) -> bool:
    """Threads open from messages in text and announcement channels, given the permissions to use them."""
    return (isinstance(channel, discord.TextChannel)
            and permissions.create_public_threads and permissions.send_messages_in_threads)


def thread_name(reply: Reply) -> str:
    # Mentions are not rendered in a thread's name: "<@123> who is right?" would show as the raw syntax.
    name = strip_mentions(reply.answer.question) or "Parley"
    return clip(name, THREAD_NAME_LIMIT)


async def open_thread(channel: discord.TextChannel, message: discord.abc.Snowflake, reply: Reply,
                      hint: str) -> discord.Thread | None:
    """Open a thread from the answer's first message for follow-ups; None if Discord refuses.

    Through the channel, not ``message.create_thread``: a slash command's answer is a follow-up webhook's
    message, which discord.py gives no guild (it raises ValueError there)."""
    try:
        thread = await channel.create_thread(name=thread_name(reply), message=message)
    except (discord.HTTPException, ValueError):
        log.warning("could not open a thread from message %s", message.id, exc_info=True)
        return None
    try:
        await thread.send(hint)
    except discord.HTTPException:
        log.debug("could not post the follow-up hint in thread %s", thread.id, exc_info=True)
    return thread
