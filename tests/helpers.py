"""Fake Discord objects for the bot's tests, in the manner of python-discord's ``tests/helpers.py``.

Every fake is a ``MagicMock`` with ``spec_set`` taken from the real discord.py class, so reading or setting
an attribute the real object lacks fails the test (``message.contents`` is an AttributeError, as it would be
in production), ``isinstance(fake, discord.Thread)`` holds, and the real class's coroutine methods are
``AsyncMock``s. Values the code reads (ids, content, permissions) are real values, not mocks.

``FakeDiscord`` builds a small world — a guild, its channels and members — and keeps an ``outbox`` of every
message Parley sends through any of them (channel sends, replies, interaction responses and follow-ups, thread
posts, edits), in order, with the keyword arguments of each call, so tests can assert on content, order,
``ephemeral`` and ``allowed_mentions``.

Attachments are real ``discord.Attachment`` objects, built by discord.py itself from the payload Discord sends
with a slash command (``attachment()`` makes one; ``run_command`` puts it in the interaction's resolved data),
and downloaded through a fake CDN that records every download. Views sent with a message are registered in the
bot's view store as discord.py does, and ``press`` dispatches a button press through that store.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from unittest import mock

import discord
from discord.ext import commands
from discord.http import HTTPClient
from discord.state import ConnectionState

if TYPE_CHECKING:
    from bot.core.engine import Model
    from bot.discord_app.app import ParleyBot
    from bot.settings import Settings

BOT_ID = 900_000_000_000_000_001
_ids = itertools.count(1_000_000_000_000_000_000)


def snowflake() -> int:
    return next(_ids)


@dataclass
class Sent:
    via: str  # "followup.send", "reply" (a send with a reference), "channel.send", "response.send_message", …
    content: str | None
    kwargs: dict[str, Any]
    message: Any = None  # the fake message it created, if any

    @property
    def ephemeral(self) -> bool:
        return bool(self.kwargs.get("ephemeral"))


def permissions(**allowed: bool) -> discord.Permissions:
    """What Parley may do in a channel; by default everything it asks for in the README."""
    base = dict(view_channel=True, send_messages=True, send_messages_in_threads=True, create_public_threads=True,
                embed_links=True, read_message_history=True, add_reactions=True)
    return discord.Permissions(**(base | allowed))


@dataclass(frozen=True)
class Upload:
    """A file a member attached to a slash command: the payload Discord sends for it (its declared ``size``
    included), and the bytes Discord's CDN serves for its URL."""

    payload: dict[str, Any]
    data: bytes

    @property
    def id(self) -> str:
        return str(self.payload["id"])


@dataclass
class FakeDiscord:
    outbox: list[Sent] = field(default_factory=list)
    threads: list[Any] = field(default_factory=list)  # every thread Parley opened, in order
    downloads: list[str] = field(default_factory=list)  # every attachment URL Parley downloaded
    bot_user: Any = None
    guild: Any = None
    me: Any = None
    state: Any = None
    cdn: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # What discord.py hands an Attachment: the connection state, whose HTTP client downloads from the CDN.
        # (spec, not spec_set: ConnectionState sets ``http`` in __init__, so the class does not list it.)
        self.state = mock.MagicMock(spec=ConnectionState)
        self.state.http = mock.MagicMock(spec_set=HTTPClient)

        async def get_from_cdn(url: str) -> bytes:
            self.downloads.append(url)
            if url not in self.cdn:
                raise AssertionError(f"no such attachment on the fake CDN: {url}")
            return self.cdn[url]

        self.state.http.get_from_cdn.side_effect = get_from_cdn
        self.bot_user = mock.MagicMock(spec_set=discord.ClientUser)
        self.bot_user.id = BOT_ID
        self.bot_user.bot = True
        self.bot_user.name = "Parley"
        self.guild = mock.MagicMock(spec_set=discord.Guild)
        self.guild.id = snowflake()
        self.guild.name = "Test server"
        self.guild.public_updates_channel = None
        self.me = self.member(BOT_ID, bot=True)
        self.guild.me = self.me

    # --- people and roles

    def role(self, name: str = "Moderators", *, bot_id: int | None = None) -> Any:
        role = mock.MagicMock(spec_set=discord.Role)
        role.id = snowflake()
        role.name = name
        role.tags = None
        if bot_id is not None:
            role.tags = mock.MagicMock(spec_set=discord.RoleTags)
            role.tags.bot_id = bot_id
        return role

    def member(self, user_id: int | None = None, *, roles: list[Any] | None = None, manage_guild: bool = False,
               bot: bool = False) -> Any:
        member = mock.MagicMock(spec_set=discord.Member)
        member.id = user_id or snowflake()
        member.name = f"member{member.id % 1000}"
        member.bot = bot
        member.roles = roles or []
        member.guild = self.guild
        member.guild_permissions = discord.Permissions(manage_guild=manage_guild)
        member.mention = f"<@{member.id}>"
        return member

    # --- places

    def _messageable(self, fake: Any, via: str) -> None:
        async def send(content: str | None = None, **kwargs: Any) -> Any:
            message = self.message(content or "", author=self.me, channel=fake)
            self.outbox.append(Sent("reply" if kwargs.get("reference") else via, content, kwargs, message))
            return message

        fake.send.side_effect = send
        fake.typing.return_value = mock.MagicMock()  # an async context manager: "Parley is typing…"

    def text_channel(self, *, perms: discord.Permissions | None = None) -> Any:
        channel = mock.MagicMock(spec_set=discord.TextChannel)
        channel.id = snowflake()
        channel.name = "general"
        channel.guild = self.guild
        channel.permissions_for.return_value = perms or permissions()
        self._messageable(channel, "channel.send")

        async def create_thread(*, name: str, message: Any = None, **kwargs: Any) -> Any:
            thread = self.thread(channel, thread_id=message.id if message is not None else None)
            thread.name = name
            self.threads.append(thread)
            return thread

        channel.create_thread.side_effect = create_thread
        return channel

    def thread(self, parent: Any, *, owner_id: int = BOT_ID, thread_id: int | None = None,
               perms: discord.Permissions | None = None) -> Any:
        thread = mock.MagicMock(spec_set=discord.Thread)
        thread.id = thread_id or snowflake()
        thread.name = "a thread"
        thread.guild = self.guild
        thread.parent_id = parent.id
        thread.parent = parent
        thread.owner_id = owner_id
        thread.permissions_for.return_value = perms or permissions(create_public_threads=False)
        self._messageable(thread, "thread.send")
        return thread

    # --- messages

    def message(self, content: str = "", *, author: Any = None, channel: Any = None, mentions: list[Any] | None = None,
                role_mentions: list[Any] | None = None, reference: Any = None,
                cls: type[discord.Message] = discord.Message) -> Any:
        message = mock.MagicMock(spec_set=cls)
        message.id = snowflake()
        message.content = content
        message.author = author or self.member()
        message.channel = channel or self.text_channel()
        message.guild = self.guild
        message.mentions = mentions or []
        message.role_mentions = role_mentions or []
        message.reference = reference
        message.webhook_id = None
        message.type = discord.MessageType.reply if reference is not None else discord.MessageType.default

        async def reply(content: str | None = None, **kwargs: Any) -> Any:
            answer = self.message(content or "", author=self.me, channel=message.channel)
            self.outbox.append(Sent("message.reply", content, kwargs, answer))
            return answer

        async def create_thread(*, name: str, **kwargs: Any) -> Any:
            if message.guild is None:  # what discord.py does for a message without guild info (a follow-up's)
                raise ValueError("This message does not have guild info attached.")
            thread = self.thread(message.channel, thread_id=message.id)  # as on Discord: the thread takes its id
            thread.name = name
            self.threads.append(thread)
            return thread

        message.reply.side_effect = reply
        message.to_reference.side_effect = lambda *, fail_if_not_exists=True: discord.MessageReference(
            message_id=message.id, channel_id=message.channel.id, guild_id=self.guild.id,
            fail_if_not_exists=fail_if_not_exists)
        message.create_thread.side_effect = create_thread
        return message

    def mention(self, text: str, *, channel: Any = None, author: Any = None, nickname: bool = False) -> Any:
        """A member's message that mentions Parley: ``<@BOT_ID> text``."""
        tag = f"<@!{BOT_ID}>" if nickname else f"<@{BOT_ID}>"
        return self.message(f"{tag} {text}".strip() if text else tag, channel=channel, author=author,
                            mentions=[self.bot_user])

    def reply_to(self, answer: Any, text: str, *, author: Any = None, cached: bool = True) -> Any:
        """A member's reply to one of Parley's messages (Discord's default: the mention of its author on)."""
        reference = mock.MagicMock(spec_set=discord.MessageReference)
        reference.message_id = answer.id
        reference.resolved = answer if cached else None
        reference.type = discord.MessageReferenceType.default
        return self.message(text, channel=answer.channel, author=author, reference=reference,
                            mentions=[self.bot_user])

    # --- attachments

    def attachment(self, filename: str, data: bytes, *, size: int | None = None,
                   content_type: str | None = None) -> Upload:
        """An attachment as Discord describes it; ``size`` is what Discord declares (the real size by default)."""
        attachment_id = snowflake()
        url = f"https://cdn.discordapp.com/ephemeral-attachments/{snowflake()}/{attachment_id}/{filename}"
        self.cdn[url] = data
        payload: dict[str, Any] = {"id": str(attachment_id), "filename": filename,
                                   "size": len(data) if size is None else size, "url": url,
                                   "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
                                   "ephemeral": True}
        if content_type:
            payload["content_type"] = content_type
        return Upload(payload, data)

    # --- interactions

    def interaction(self, *, user: Any = None, channel: Any = None, app_perms: discord.Permissions | None = None,
                    client: commands.Bot | None = None) -> Any:
        interaction = mock.MagicMock(spec_set=discord.Interaction)
        interaction.id = snowflake()
        interaction.user = user or self.member()
        interaction.channel = channel or self.text_channel()
        interaction.channel_id = interaction.channel.id
        interaction.guild = self.guild
        interaction.guild_id = self.guild.id
        interaction.app_permissions = app_perms or permissions()
        interaction.client = client
        interaction.command_failed = False
        interaction.type = discord.InteractionType.application_command
        interaction.message = None
        interaction._state = self.state  # what discord.py builds resolved attachments with
        original = self.message("", author=self.me, channel=interaction.channel, cls=discord.InteractionMessage)

        async def edit_original_response(**kwargs: Any) -> Any:
            self.outbox.append(Sent("edit_original_response", kwargs.get("content"), kwargs, original))
            view = kwargs.get("view")
            if view is not None and client is not None and not view.is_finished():
                client._connection.store_view(view, original.id)  # as discord.py does for an edit with a view
            return original

        interaction.edit_original_response.side_effect = edit_original_response
        interaction.response = self._response(interaction)
        interaction.followup = self._followup(interaction)
        return interaction

    def _response(self, interaction: Any) -> Any:
        response = mock.MagicMock(spec_set=discord.InteractionResponse)
        state = {"done": False}

        def answered(via: str) -> Any:
            async def respond(content: str | None = None, **kwargs: Any) -> None:
                if state["done"]:  # what Discord says to a second response: the code must use the follow-up
                    raise discord.InteractionResponded(interaction)
                state["done"] = True
                self.outbox.append(Sent(via, content, kwargs))
            return respond

        async def defer(**kwargs: Any) -> None:
            if state["done"]:
                raise discord.InteractionResponded(interaction)
            state["done"] = True
            self.outbox.append(Sent("response.defer", None, kwargs))

        response.is_done.side_effect = lambda: state["done"]
        response.defer.side_effect = defer
        response.send_message.side_effect = answered("response.send_message")
        response.edit_message.side_effect = answered("response.edit_message")
        response.autocomplete.side_effect = answered("response.autocomplete")
        return response

    def _followup(self, interaction: Any) -> Any:
        followup = mock.MagicMock(spec_set=discord.Webhook)

        async def send(content: str | None = None, **kwargs: Any) -> Any:
            if not interaction.response.is_done():  # Discord: a follow-up needs a response (or deferral) first
                raise AssertionError("followup.send before the interaction was responded to or deferred")
            # As discord.py builds it: the follow-up webhook knows only the interaction's id and token, so its
            # messages carry no guild and a partial channel (and cannot open a thread themselves).
            channel_id = getattr(interaction.channel, "id", None) or snowflake()
            partial = mock.MagicMock(spec_set=discord.PartialMessageable(state=None, id=channel_id))  # type: ignore[arg-type]
            partial.id, partial.guild_id, partial.guild = channel_id, None, None
            message = self.message(content or "", author=self.me, channel=partial, cls=discord.WebhookMessage)
            message.guild = None
            self.outbox.append(Sent("followup.send", content, kwargs, message))
            view = kwargs.get("view")
            if view is not None and interaction.client is not None and not view.is_finished():
                # As Webhook.send does: the view listens for presses (keyed by the message only when waited for).
                interaction.client._connection.store_view(view, message.id if kwargs.get("wait") else None)
            return message if kwargs.get("wait") else None

        followup.send.side_effect = send
        return followup

    # --- reading the outbox

    def texts(self, *vias: str) -> list[str]:
        return [s.content or "" for s in self.outbox if not vias or s.via in vias]

    def reaction(self, message_id: int, user_id: int, emoji: str, *, member: Any = None,
                 event: Literal["REACTION_ADD", "REACTION_REMOVE"] = "REACTION_ADD",
                 author_id: int = BOT_ID) -> discord.RawReactionActionEvent:
        """A real raw reaction event, as the gateway delivers it (an add names the message's author)."""
        data: Any = {"message_id": str(message_id), "channel_id": "1", "user_id": str(user_id),
                     "guild_id": str(self.guild.id), "emoji": {"name": emoji, "id": None},
                     "burst": False, "type": 0}
        if event == "REACTION_ADD":
            data["message_author_id"] = str(author_id)
        payload = discord.RawReactionActionEvent(data, discord.PartialEmoji(name=emoji), event)
        payload.member = member
        return payload


def command_data(name: str, **options: Any) -> dict[str, Any]:
    """The interaction payload Discord sends for ``/name option:value`` (``"kb reload"`` for a subcommand);
    an ``Upload`` is sent as Discord sends an attachment: its id as the value, its payload in ``resolved``."""
    kinds = {str: 3, int: 4, bool: 5, float: 10, Upload: 11}
    opts: list[dict[str, Any]] = [{"name": k, "type": kinds[type(v)], "value": v.id if isinstance(v, Upload) else v}
                                  for k, v in options.items()]
    parent, _, sub = name.partition(" ")
    if sub:
        opts = [{"name": sub, "type": 1, "options": opts}]
    data: dict[str, Any] = {"id": str(snowflake()), "type": 1, "name": parent, "options": opts}
    uploads = {v.id: v.payload for v in options.values() if isinstance(v, Upload)}
    if uploads:
        data["resolved"] = {"attachments": uploads}
    return data


async def run_command(bot: commands.Bot, interaction: Any, name: str, **options: Any) -> None:
    """Invoke a slash command the way discord.py does on INTERACTION_CREATE: the tree finds the command, runs
    its checks, converts the options, calls the callback, and routes any error to the error handlers."""
    interaction.data = command_data(name, **options)
    interaction.command, _ = bot.tree._get_app_command_options(interaction.data)  # what Interaction.command resolves
    await bot.tree._call(interaction)


async def autocomplete(bot: commands.Bot, interaction: Any, name: str, option: str, typed: str) -> list[Any]:
    interaction.type = discord.InteractionType.autocomplete
    opts: list[dict[str, Any]] = [{"name": option, "type": 3, "value": typed, "focused": True}]
    parent, _, sub = name.partition(" ")
    if sub:
        opts = [{"name": sub, "type": 1, "options": opts}]
    interaction.data = {"id": str(snowflake()), "type": 1, "name": parent, "options": opts}
    await bot.tree._call(interaction)
    return interaction.response.autocomplete.call_args.args[0]


async def press(bot: commands.Bot, interaction: Any, sent: Sent, label: str) -> None:
    """Press the button labelled ``label`` under the message ``sent`` posted, as discord.py handles the
    INTERACTION_CREATE for it: the bot's view store finds the view, which runs ``interaction_check`` and then
    the button's callback."""
    view = sent.kwargs["view"]
    button = next(item for item in view.children if isinstance(item, discord.ui.Button) and item.label == label)
    assert button.custom_id is not None
    interaction.type = discord.InteractionType.component
    interaction.data = {"component_type": 2, "custom_id": button.custom_id}
    interaction.command = None
    interaction.message = sent.message
    bot._connection._view_store.dispatch_view(2, button.custom_id, interaction)
    await settle()


async def settle() -> None:
    """Let the event handlers discord.py scheduled (``bot.dispatch``) run to completion."""
    for _ in range(100):
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()
                   and t.get_name().startswith(("discord.py:", "discord-ui-view-dispatch-"))]
        if not pending:
            return
        await asyncio.gather(*pending)


@asynccontextmanager
async def running_bot(settings: Settings, fake: FakeDiscord, model: Model | None = None) -> AsyncIterator[ParleyBot]:
    """The real ``ParleyBot`` — its setup_hook, cogs, command tree and error handlers — logged in as
    ``fake.bot_user`` but never connected: events and interactions are handed to it by the test."""
    from bot.discord_app.app import ParleyBot

    bot = ParleyBot(settings, model_factory=lambda _: model)
    async with bot:
        await bot.setup_hook()
        bot._connection.user = fake.bot_user
        yield bot
