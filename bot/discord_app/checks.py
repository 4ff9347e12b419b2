"""Who may ask where, and how often: the channel allow-list, the per-user cooldown, and the moderator check.

Each is a plain function of settings and Discord objects, wrapped as an ``app_commands.check`` for the
slash commands; the mention/reply path calls the same functions, so both ways of asking obey one rule.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import discord
from discord import app_commands

from bot.settings import Settings

T = TypeVar("T")


class NotHere(app_commands.CheckFailure):
    """A channel outside ``PARLEY_ALLOWED_CHANNELS``."""

    def __init__(self, allowed: list[int]) -> None:
        where = ", ".join(f"<#{c}>" for c in allowed[:5]) + (" …" if len(allowed) > 5 else "")
        super().__init__(f"I answer in {where}. Ask me there (threads count as their channel).")


class NotModerator(app_commands.CheckFailure):
    def __init__(self, role: int | None) -> None:
        who = f"the <@&{role}> role or " if role else ""  # shown as the role's name; mentions never ping
        super().__init__(f"Only moderators ({who}the Manage Server permission) can use `/kb`.")


def channel_ids(channel: Any) -> set[int]:
    """A channel's id, plus its parent's for a thread: threads count as the channel they are in."""
    ids = {channel.id} if getattr(channel, "id", None) else set()
    if isinstance(channel, discord.Thread) and channel.parent_id:
        ids.add(channel.parent_id)
    return ids


def channel_allowed(settings: Settings, channel: Any) -> bool:
    return not settings.allowed_channels or bool(channel_ids(channel) & set(settings.allowed_channels))


def is_moderator(settings: Settings, member: discord.Member | discord.User) -> bool:
    """Manage Server, or the configured moderator role — by id only: a name can be copied by anyone allowed to
    create roles."""
    if not isinstance(member, discord.Member):  # a user outside a guild has no roles to check
        return False
    if member.guild_permissions.manage_guild:
        return True
    role = settings.moderator_role
    return role is not None and any(r.id == role for r in member.roles)


class Cooldowns:
    """At most ``rate`` questions per ``per`` seconds per member, shared by /ask, /sides and mentions."""

    PRUNE_AT = 5000  # members tracked before fully recharged buckets are dropped

    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.per = per
        self._clock = clock
        self._buckets: dict[int, app_commands.Cooldown] = {}
        self._told_until: dict[int, float] = {}

    def hit(self, user_id: int) -> float | None:
        """Count one question; the seconds to wait if it is one too many, else None."""
        now = self._clock()
        if len(self._buckets) >= self.PRUNE_AT:
            self._buckets = {u: b for u, b in self._buckets.items() if b.get_tokens(now) < b.rate}
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(self.rate, self.per))
        return bucket.update_rate_limit(now)

    def first_refusal(self, user_id: int, retry_after: float) -> bool:
        """Whether to tell the member they are over the limit: once per wait, so a burst of mentions gets one
        public line, not one each (slash commands are told privately every time)."""
        now = self._clock()
        if self._told_until.get(user_id, 0.0) > now:
            return False
        if len(self._told_until) >= self.PRUNE_AT:
            self._told_until = {u: t for u, t in self._told_until.items() if t > now}
        self._told_until[user_id] = now + retry_after
        return True

    def remaining(self, user_id: int) -> int:
        """Questions the member may still ask in the current window."""
        bucket = self._buckets.get(user_id)
        return self.rate if bucket is None else bucket.get_tokens(self._clock())

    @property
    def tracked(self) -> int:
        """Members whose questions are being counted (idle ones are dropped past ``PRUNE_AT``)."""
        return len(self._buckets)

    def cooldown(self, user_id: int) -> app_commands.Cooldown:
        return self._buckets.get(user_id) or app_commands.Cooldown(self.rate, self.per)


class Gated(Protocol):
    """What the checks need of the bot (``ParleyBot`` has it); a protocol, so checks don't import the bot."""

    settings: Settings
    cooldowns: Cooldowns


def _bot(interaction: discord.Interaction) -> Gated:
    return interaction.client  # type: ignore[return-value]  # only ParleyBot loads these cogs


def in_allowed_channel() -> Callable[[T], T]:
    def predicate(interaction: discord.Interaction) -> bool:
        settings = _bot(interaction).settings
        if not channel_allowed(settings, interaction.channel):
            raise NotHere(settings.allowed_channels)
        return True

    return app_commands.check(predicate)


def question_cooldown() -> Callable[[T], T]:
    def predicate(interaction: discord.Interaction) -> bool:
        cooldowns = _bot(interaction).cooldowns
        retry_after = cooldowns.hit(interaction.user.id)
        if retry_after is not None:
            raise app_commands.CommandOnCooldown(cooldowns.cooldown(interaction.user.id), retry_after)
        return True

    return app_commands.check(predicate)


def moderators_only() -> Callable[[T], T]:
    """Enforced on every call, whatever the server's command permissions say."""
    def predicate(interaction: discord.Interaction) -> bool:
        settings = _bot(interaction).settings
        if not is_moderator(settings, interaction.user):
            raise NotModerator(settings.moderator_role)
        return True

    return app_commands.check(predicate)
