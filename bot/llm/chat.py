"""The messages a model reads, in an order a provider's prompt cache can reuse.

1. the system prompt with the whole knowledge in it — byte-identical for every question on one knowledge
   snapshot, so the provider can cache this long prefix and bill it at the cached rate;
2. the conversation so far (bounded by ``Conversation``);
3. the question, its kind and the entries retrieval chose — the only part that changes every time;
4. on a retry after the guard rejected a reply: that reply and the reasons.
Anything question-specific placed before the knowledge would break the cache for every question.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from bot.knowledge.schema import Entry, Knowledge

if TYPE_CHECKING:
    from bot.core.conversation import Conversation
    from bot.core.understand import Understanding
    from bot.llm.prompts import Prompt

Message = dict[str, str]
_SYSTEM_CACHE: OrderedDict[tuple[str, str], str] = OrderedDict()
_CACHE_SIZE = 4  # a reload swaps in a new snapshot; the previous one may still answer in-flight questions


def article_line(knowledge: Knowledge) -> str:
    a = knowledge.article
    return f"“{a.title}” by {a.author} ({a.dateline}, {a.date})"


def knowledge_context(knowledge: Knowledge) -> str:
    """The whole knowledge as plain text, in the knowledge's own order (stable for a given snapshot).

    Sources and URLs are left out on purpose: answers carry no links, and /source shows them."""
    a = knowledge.article
    lines = [f"ARTICLE: {article_line(knowledge)}"]
    if a.date_note:
        lines.append(f"Date: {a.date_note}")
    lines += [f"¶{p.n} {p.text}" for p in a.paragraphs]
    lines += ["", "SIDES (id: the name to attribute a view to):"]
    for side in knowledge.sides:
        ally = f" (part of {side.part_of})" if side.part_of else ""
        lines.append(f"{side.id}: {side.name}{ally}")
    lines += ["", "ENTRIES (flagged statuses: contested, opinion, inaccurate):"]
    for entry in knowledge.entries:
        lines += ["", *_entry_lines(entry)]
    return "\n".join(lines)


def _entry_lines(entry: Entry) -> list[str]:
    where = [entry.status.value]
    if entry.paragraph and not entry.after_article:
        where.append(f"¶{entry.paragraph}")
    if entry.after_article:
        where.append(f"after the article ({entry.when or 'later'})")
    if entry.held_by:
        where.append("held by " + ", ".join(entry.held_by))
    lines = [f"[{entry.id}] {' · '.join(where)}", f"title: {entry.title}", f"claim: {entry.claim}"]
    lines += [f"position ({p.side}): {p.says}" for p in entry.positions]
    if entry.correction:
        lines.append(f"correction (what the record says): {entry.correction.says}")
    if entry.related:
        lines.append("related: " + ", ".join(entry.related))
    return lines


def system_message(prompt: Prompt, knowledge: Knowledge) -> str:
    """Built once per (prompt, knowledge snapshot): the prefix is long, and rebuilding it for every
    question would cost time on the event loop for nothing."""
    key = (prompt.version, knowledge.digest)
    if knowledge.digest and key in _SYSTEM_CACHE:
        _SYSTEM_CACHE.move_to_end(key)
        return _SYSTEM_CACHE[key]
    text = prompt.system.render(article=article_line(knowledge), knowledge=knowledge_context(knowledge))
    if knowledge.digest:  # an unnamed (hand-built) knowledge has no stable key to cache under
        _SYSTEM_CACHE[key] = text
        while len(_SYSTEM_CACHE) > _CACHE_SIZE:
            _SYSTEM_CACHE.popitem(last=False)
    return text


def history(conversation: Conversation | None) -> list[Message]:
    messages: list[Message] = []
    for turn in conversation.turns if conversation else ():
        messages += [{"role": "user", "content": turn.question}, {"role": "assistant", "content": turn.answer}]
    return messages


def question_message(prompt: Prompt, ctx: Understanding) -> Message:
    entries = " ".join(f"[{e.id}]" for e in ctx.entries) or "none"
    return {"role": "user", "content": prompt.question.render(
        kind=ctx.kind.value, entries=entries, sides=", ".join(ctx.sides) or "none", question=ctx.question)}


def retry_messages(prompt: Prompt, rejected: str, reasons: list[str]) -> list[Message]:
    listed = "\n".join(f"- {reason}" for reason in reasons)
    return [{"role": "assistant", "content": rejected},
            {"role": "user", "content": prompt.retry.render(reasons=listed)}]


def build(prompt: Prompt, knowledge: Knowledge, ctx: Understanding, conversation: Conversation | None,
          rejected: tuple[str, list[str]] | None = None) -> list[Message]:
    messages = [{"role": "system", "content": system_message(prompt, knowledge)}]
    messages += history(conversation)
    messages.append(question_message(prompt, ctx))
    if rejected:
        messages += retry_messages(prompt, *rejected)
    return messages
