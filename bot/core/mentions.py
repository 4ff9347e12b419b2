"""Discord's mention and ping syntax, in one place: how to find it, and how to make it harmless.

Parley never lets a ping notify anyone: the bot sends with ``AllowedMentions.none()``, and every text it
renders is also defused here, so even a send that forgot the setting could not ping.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"
# Everything Discord turns into a mention (users, roles, channels, custom emoji) and the mass pings: what a
# question is searched without, and what a stored question is normalised without.
MENTION = re.compile(r"<@[!&]?\d+>|<#\d+>|<a?:\w+:\d+>|@everyone|@here", re.IGNORECASE)
# What would notify someone if sent live: mass pings and user/role mentions.
PING = re.compile(r"@everyone|@here|<@[!&]?\d+>", re.IGNORECASE)
_PINGS = re.compile(r"@(everyone|here)|<@([!&]?\d+)>", re.IGNORECASE)


def defuse(text: str) -> str:
    """Break every mass ping and mention so it can never notify, even if sent without AllowedMentions."""
    return _PINGS.sub(lambda m: f"@{ZWSP}{m.group(1)}" if m.group(1) else f"<@{ZWSP}{m.group(2)}>", text)


def strip_mentions(text: str) -> str:
    """``text`` with every mention replaced by a space and the spacing tidied (thread names, previews)."""
    return " ".join(MENTION.sub(" ", text).split())
