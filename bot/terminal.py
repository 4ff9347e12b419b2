"""The slash commands of the terminal: ``chat`` and ``ask`` understand what Discord does.

Answers recommend commands — "Try `/claims`", "See an entry's quote and sources with `/source <id>`" — so
wherever an answer can be read, those commands work: ``/claims``, ``/source ID``, ``/sides TOPIC`` and
``/about`` as on Discord, plus ``/help`` (and, in ``chat``, ``/new`` and ``/quit``). A line that starts
with ``/`` but names no command is told so, never searched as a question.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.answer import Kind
from bot.knowledge.schema import Knowledge
from bot.reading import about_text, find_entry, no_such_entry
from bot.render import render_claims, render_entry

ASK_IN_THE_TERMINAL = ("**Ask** by typing a question; in `./dev chat`, follow-ups keep the conversation (`/new` "
                       "starts over).")
HELP = """\
Type a question about the article, or one of:
  /claims          the flagged claims (contested, the author's opinion, inaccurate, garbled)
  /source ID       one entry with its quote and sources, e.g. /source nato-enlargement
  /sides TOPIC     each side's position on a topic, e.g. /sides Crimea
  /about           what Parley is, and how to read its flags
  /help            this list"""
CHAT_ONLY = """
  /new             start a new conversation
  /quit            leave (or Ctrl-D)"""


@dataclass(frozen=True)
class Command:
    """What a line asks for: ``text`` to print, or else ``question`` to answer (as ``kind``, if given)."""

    text: str | None = None
    question: str = ""
    kind: Kind | None = None
    refused: bool = False  # the text says why the line asks for nothing (`ask` exits 2 on it; chat goes on)


def command(line: str, knowledge: Knowledge, *, chat: bool) -> Command:
    """What ``line`` asks for: a command's text, or the question to answer (the line itself, or the topic of
    ``/sides``). ``/new`` and ``/quit`` are the chat loop's own."""
    stripped = line.strip()
    if not stripped.startswith("/"):
        return Command(question=line)
    name, _, arg = stripped.partition(" ")
    name, arg = name.lower(), arg.strip()
    if name == "/claims":
        return Command("\n\n".join(render_claims(knowledge)))
    if name == "/source":
        if not arg:
            return Command("Which entry? Give its id, e.g. `/source nato-enlargement` (`/claims` lists the flagged "
                           "ones).", refused=True)
        entry = find_entry(knowledge, arg)
        if entry is None:
            return Command(no_such_entry(knowledge, arg, "See `/claims`, or the ids cited in answers."), refused=True)
        return Command(render_entry(entry, knowledge))
    if name == "/sides":
        if not arg:
            return Command("Which topic? e.g. `/sides NATO expansion`.", refused=True)
        return Command(question=arg, kind=Kind.SIDES)
    if name == "/about":
        return Command(about_text(knowledge, ASK_IN_THE_TERMINAL))
    if name == "/help":
        return Command(HELP + (CHAT_ONLY if chat else ""))
    return Command(f"There is no `{name[:40]}` command here. /help lists the ones there are.", refused=True)
