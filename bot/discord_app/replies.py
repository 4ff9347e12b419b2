"""Turn any exception on the Discord edge into one short line for the member, and a log line for us.

Parley's own errors and discord.py's check failures carry a message meant for a person; anything else is
a bug or an outage: the member gets a generic line (never a traceback), the log gets the traceback.
"""

from __future__ import annotations

import logging
import math

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import ParleyError

log = logging.getLogger("parley.discord")

SOMETHING_WENT_WRONG = ("Something went wrong on my side, so I couldn't finish that. It has been logged; "
                        "please try again.")
INCOMPLETE = "⚠️ The rest of this answer could not be posted. Please ask again."


def unwrap(error: BaseException) -> BaseException:
    """The error a command raised, not discord.py's wrapper around it."""
    while isinstance(error, app_commands.CommandInvokeError | commands.CommandInvokeError
                     | commands.HybridCommandError) and error.original is not None:
        error = error.original
    return error


def slow_down(retry_after: float) -> str:
    """The cooldown line, the same wherever the member asked."""
    return f"You're asking quickly. Please wait {math.ceil(retry_after)} s and ask again."


def explain(error: BaseException) -> str | None:
    """The line to show a member, or None when the error is unexpected (log it with its traceback)."""
    error = unwrap(error)
    if isinstance(error, app_commands.CommandOnCooldown | commands.CommandOnCooldown):
        return slow_down(error.retry_after)
    if isinstance(error, app_commands.NoPrivateMessage | commands.NoPrivateMessage):
        return "Parley answers in servers, not in direct messages."
    if isinstance(error, app_commands.BotMissingPermissions | commands.BotMissingPermissions):
        missing = ", ".join(p.replace("_", " ") for p in error.missing_permissions)
        return f"I'm missing a permission here: {missing}."
    if isinstance(error, commands.NotOwner):
        return "Only the bot's owner can do that."
    if isinstance(error, app_commands.CheckFailure | commands.CheckFailure | commands.UserInputError):
        # Parley's own checks (NotHere, NotModerator) carry a sentence; discord.py's default ones don't.
        text = str(error)
        return text if text and not text.startswith("The check functions") else "You can't use that here."
    if isinstance(error, ParleyError):
        return str(error)
    return None


def describe(error: BaseException, where: str) -> str:
    """Explain ``error`` for a member, logging it: a warning for the expected, the traceback for the rest."""
    line = explain(error)
    original = unwrap(error)
    if line is None:
        log.error("%s failed", where, exc_info=(type(original), original, original.__traceback__))
        return SOMETHING_WENT_WRONG
    log.info("%s: %s", where, line)
    return line


async def tell(interaction: discord.Interaction, text: str) -> None:
    """One ephemeral line, whether or not the interaction was answered or deferred already."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException:  # the interaction expired, or Discord is down: the log is all we have
        log.warning("could not tell %s: %s", interaction.user, text, exc_info=True)
