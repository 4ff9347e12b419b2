"""Reading the knowledge directly rather than asking: ``/claims``, ``/source ID``, ``/about``.

The same text on Discord (``bot.discord_app.cogs.reading``) and in the terminal (``chat`` and ``ask``
understand the same commands), so what an answer recommends — "Try `/claims`", "See an entry's quote and
sources with `/source <id>`" — works wherever the answer was read. No Discord here.
"""

from __future__ import annotations

import difflib

from bot.core.mentions import defuse
from bot.knowledge.schema import Entry, Knowledge, Status
from bot.render import FLAG_ICONS

ASK_ON_DISCORD = ("**Ask** with `/ask`, by mentioning me, or by replying to one of my answers; follow-ups in the "
                  "thread keep the conversation.")


def entry_id_of(typed: str) -> str:
    """An id as members type or copy it: ``[nato-enlargement]``, `` `nato-enlargement` ``, any case."""
    return typed.strip().strip("`[]").lower()


def find_entry(knowledge: Knowledge, typed: str) -> Entry | None:
    return knowledge.entry(entry_id_of(typed))


def no_such_entry(knowledge: Knowledge, typed: str, hint: str) -> str:
    """The reply to an id that is no entry's: the closest ids, and ``hint`` (where to find the right one)."""
    wanted = entry_id_of(typed)
    ids = [e.id for e in knowledge.entries]
    # the ids a word of them names ("skripal": every Skripal entry), else the ids spelt closest
    named = [i for i in ids if wanted and wanted in i.split("-")]
    close = named[:4] or difflib.get_close_matches(wanted, ids, n=3)
    also = f" Did you mean {', '.join(f'`{c}`' for c in close)}?" if close else ""
    return defuse(f"No entry has the id `{wanted[:80]}`.{also} {hint}")


def about_text(knowledge: Knowledge, how_to_ask: str = ASK_ON_DISCORD) -> str:
    """What Parley is, the article it discusses, and how to read its flags; ``how_to_ask`` for where it is read."""
    article = knowledge.article
    legend = "\n".join(f"{icon} **{status.label}** — " + {
        Status.CONTESTED: "the parties dispute it; each side's position follows.",
        Status.OPINION: "the author's own view, with the views that answer it.",
        Status.INACCURATE: "the article says it, the documented record says otherwise (given with a source).",
        Status.GARBLED: "the article's wording is off (grammar, order, a slip) but its meaning matches the record.",
    }[status] for status, icon in FLAG_ICONS.items())
    return defuse(
        f"**Parley** helps this server discuss one article: **“{article.title}”** by {article.author} "
        f"({article.dateline}, about {article.date}). It answers from a knowledge file curated by moderators, "
        "gives each side's position in that side's own terms, and takes no side itself.\n\n"
        f"{how_to_ask} `/sides` gives each side's position on a topic, `/claims` lists the "
        "flagged claims, `/source <id>` shows an entry with its quote and sources.\n\n"
        f"**Flags** mark what is not settled fact:\n{legend}\n"
        "Every statement cites an entry, like `[nato-enlargement]`. Anything marked *after the article* "
        "happened later, and is not what the article says.\n\n"
        "React 👍 or 👎 to an answer to tell the moderators how it did."
    )
