"""The messages a model reads: a stable prefix, then what this question needs, within a token budget.

1. the system prompt: the rules, the article's paragraphs and the sides — byte-identical for every question
   on one knowledge snapshot, so a provider's prompt cache (or llama.cpp's prefix cache) reads it once;
2. the conversation so far (bounded by ``Conversation``);
3. the question with the entries chosen for it and the related entries they point to, as many as fit
   ``PARLEY_CONTEXT_TOKENS`` — the request is bounded by the question, not by the size of the knowledge;
4. on a correction after the guard rejected a reply: that reply and the reasons.
Where the whole knowledge fits the budget with room to spare, every entry goes into the prefix instead
(``Plan.whole``): a cached prefix is billed at a fraction, and every question then sees everything.
Anything question-specific placed before the prefix's end would break the cache for every question.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.knowledge.schema import Entry, Knowledge
from bot.llm.correction import restated

if TYPE_CHECKING:
    from bot.core.conversation import Conversation
    from bot.core.understand import Understanding
    from bot.llm.prompts import Prompt

Message = dict[str, str]
_PLANS: OrderedDict[tuple[str, str, int], Plan] = OrderedDict()
_CACHE_SIZE = 4  # a reload swaps in a new snapshot; the previous one may still answer in-flight questions
CHARS_PER_TOKEN = 3.8  # Qwen2.5's tokenizer reads this knowledge at 4.0–4.35 characters a token: a little high
MESSAGE_OVERHEAD = 6  # the chat template's role markers around each message
# Kept free beside a whole-knowledge prefix: a thread's history (PARLEY_HISTORY_TOKENS) and the question.
WHOLE_RESERVE = 2000
DEFAULT_BUDGET = 6000
MIN_ENTRY_TOKENS = 25  # no entry is shorter: an id, a status, a title and a claim


def count(text: str) -> int:
    """Tokens, estimated without a tokenizer: slightly high rather than low, so a request fits its budget."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def count_messages(messages: list[Message]) -> int:
    return sum(count(m["content"]) + MESSAGE_OVERHEAD for m in messages)


def article_line(knowledge: Knowledge) -> str:
    a = knowledge.article
    return f"“{a.title}” by {a.author} ({a.dateline}, {a.date})"


def stable_context(knowledge: Knowledge, entries: bool = False) -> str:
    """The article and the sides (and, for a whole-knowledge prefix, every entry), in the knowledge's own
    order. Sources and URLs are left out on purpose: answers carry no links, and /source shows them."""
    a = knowledge.article
    lines = [f"ARTICLE: {article_line(knowledge)}"]
    if a.date_note:
        lines.append(f"Date: {a.date_note}")
    lines += [f"¶{p.n} {p.text}" for p in a.paragraphs]
    lines += ["", "SIDES (id: the name to attribute a view to):"]
    for side in knowledge.sides:
        ally = f" (part of {side.part_of})" if side.part_of else ""
        lines.append(f"{side.id}: {side.name}{ally}")
    if entries:
        lines += ["", ENTRIES_HEADING]
        for entry in knowledge.entries:
            lines += ["", *entry_lines(entry)]
    return "\n".join(lines)


ENTRIES_HEADING = "ENTRIES (flagged statuses: contested, opinion, inaccurate, garbled):"
# A sentence ends at . ! ? (or one followed by a closing quote) before a capital or an opening quote;
# "U.S. officials" or "3.5 km" do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<![A-Z]\.)[”\"’)]?\s+(?=[A-Z“\"‘(])")


def sentences(text: str) -> list[str]:
    """``text`` as its sentences, for lines a model can copy whole."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.append(text[start:m.start() + len(m.group().rstrip())].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def entry_lines(entry: Entry) -> list[str]:
    where = [entry.status.value]
    if entry.paragraph and not entry.after_article:
        where.append(f"¶{entry.paragraph}")
    if entry.after_article:
        where.append(f"after the article ({entry.when or 'later'})")
    if entry.held_by:
        where.append("held by " + ", ".join(entry.held_by))
    # The claim and the correction one sentence a line: a small model copies a whole line far more reliably
    # than it rewords a paragraph into words the guard finds in the entry (``bot.core.support``).
    lines = [f"[{entry.id}] {' · '.join(where)}", f"title: {entry.title}", "claim:"]
    lines += [f"  {n}. {s}" for n, s in enumerate(sentences(entry.claim), 1)]
    lines += [f"position ({p.side}): {p.says}" for p in entry.positions]
    if entry.correction:
        lines.append("correction (what the record says):")
        lines += [f"  {n}. {s}" for n, s in enumerate(sentences(entry.correction.says), 1)]
    if entry.related:
        lines.append("related: " + ", ".join(entry.related))
    return lines


@dataclass(frozen=True)
class Plan:
    """How one knowledge snapshot is sent under one budget: its system message, and whether every entry is
    in it."""

    system: str
    whole: bool
    # Each entry's text and its cost in tokens, made once per snapshot: most questions ask about the same few.
    blocks: dict[str, tuple[str, int]] = field(default_factory=dict)

    @property
    def tokens(self) -> int:
        return count(self.system) + MESSAGE_OVERHEAD

    def block(self, entry: Entry) -> tuple[str, int]:
        found = self.blocks.get(entry.id)
        if found is None:
            text = "\n".join(entry_lines(entry))
            found = self.blocks[entry.id] = (text, count(text) + 1)
        return found


def plan(prompt: Prompt, knowledge: Knowledge, budget: int = DEFAULT_BUDGET) -> Plan:
    """Built once per (prompt, knowledge snapshot, budget): the prefix is long, and rebuilding it for every
    question would cost time on the event loop for nothing."""
    key = (prompt.version, knowledge.digest, budget)
    if knowledge.digest and key in _PLANS:
        _PLANS.move_to_end(key)
        return _PLANS[key]
    article = article_line(knowledge)
    found = Plan(prompt.system.render(article=article, knowledge=stable_context(knowledge, entries=False)), False)
    # Cheap test first: the entries' text alone already exceeds the budget for any large knowledge.
    if sum(len(e.claim) + len(e.title) for e in knowledge.entries) / CHARS_PER_TOKEN < budget:
        whole = Plan(prompt.system.render(article=article, knowledge=stable_context(knowledge, entries=True)), True)
        if whole.tokens + WHOLE_RESERVE <= budget:
            found = whole
    if knowledge.digest:  # an unnamed (hand-built) knowledge has no stable key to cache under
        _PLANS[key] = found
        while len(_PLANS) > _CACHE_SIZE:
            _PLANS.popitem(last=False)
    return found


def system_message(prompt: Prompt, knowledge: Knowledge, budget: int = DEFAULT_BUDGET) -> str:
    return plan(prompt, knowledge, budget).system


def history(conversation: Conversation | None) -> list[Message]:
    messages: list[Message] = []
    for turn in conversation.turns if conversation else ():
        messages += [{"role": "user", "content": turn.question}, {"role": "assistant", "content": turn.answer}]
    return messages


def candidates(ctx: Understanding, knowledge: Knowledge) -> list[Entry]:
    """The entries chosen for the question, then the related entries they point to, each once."""
    chosen = {e.id: e for e in ctx.entries}
    related: dict[str, Entry] = {}
    for entry in ctx.entries:
        for rid in entry.related:
            found = knowledge.entry(rid)
            if found is not None and rid not in chosen:
                related.setdefault(rid, found)
    return [*chosen.values(), *related.values()]


def select(plan: Plan, entries: list[Entry], room: int, chosen: frozenset[str] = frozenset()) -> list[Entry]:
    """As many entries as fit ``room`` tokens, in order; the first always (a question needs one to cite).
    An entry in ``chosen`` also costs its id on the question's "chosen" line."""
    picked: list[Entry] = []
    for entry in entries:
        if picked and room < MIN_ENTRY_TOKENS:
            break  # nothing more fits: don't walk the rest of a large knowledge's list
        cost = plan.block(entry)[1] + (count(f"[{entry.id}] ") if entry.id in chosen else 0)
        if picked and cost > room:
            continue  # a shorter one further down may still fit
        picked.append(entry)
        room -= cost
    return picked


def question_message(prompt: Prompt, ctx: Understanding, given: list[Entry], whole: bool = False,
                     plan: Plan | None = None) -> Message:
    chosen_ids = {e.id for e in ctx.entries}
    chosen = " ".join(f"[{e.id}]" for e in given if e.id in chosen_ids) or "none"
    left_out = 0 if whole else len(chosen_ids - {e.id for e in given})
    if left_out:  # a list question ("which claims…") must not present the entries shown as all there are
        chosen += f" (and {left_out} more not shown for length)"
    if whole:
        entries = "The entries are in the knowledge above; cite only their ids."
    else:
        texts = (plan.block(e)[0] if plan else "\n".join(entry_lines(e)) for e in given)
        entries = "\n\n".join([ENTRIES_HEADING, *texts])
    return {"role": "user", "content": prompt.question.render(
        kind=ctx.kind.value, chosen=chosen, entries=entries, sides=", ".join(ctx.sides) or "none",
        question=ctx.question)}


def retry_messages(prompt: Prompt, rejected: str, reasons: list[str],
                   given: list[Entry] | None = None) -> list[Message]:
    """The rejected reply, then the reasons — restated, given the entries of the request, as what to do."""
    told = restated(reasons, given) if given is not None else reasons
    listed = "\n".join(f"- {reason}" for reason in told)
    return [{"role": "assistant", "content": rejected},
            {"role": "user", "content": prompt.retry.render(reasons=listed)}]


@dataclass(frozen=True)
class Built:
    """One request's messages, the entries it gives the model (the only ids a reply may cite), and its size
    in estimated tokens, of which ``prefix_tokens`` are the stable prefix every question shares."""

    messages: list[Message]
    ids: list[str]
    tokens: int
    prefix_tokens: int
    whole: bool


def build(prompt: Prompt, knowledge: Knowledge, ctx: Understanding, conversation: Conversation | None,
          rejected: tuple[str, list[str]] | None = None, budget: int = DEFAULT_BUDGET) -> Built:
    p = plan(prompt, knowledge, budget)
    messages = [{"role": "system", "content": p.system}, *history(conversation)]
    # The correction names entries to cite: first from every candidate (to size the request), then, once the
    # entries that fit are chosen, only from those (the shorter text still fits).
    after = retry_messages(prompt, *rejected, candidates(ctx, knowledge)) if rejected else []
    if p.whole:
        given = list(knowledge.entries)
        question = question_message(prompt, ctx, candidates(ctx, knowledge), whole=True)
        ids = [e.id for e in given]
    else:
        # What the question message costs with no entries in it, then the entries that fit what is left.
        bare = question_message(prompt, ctx, [])
        room = budget - count_messages([*messages, bare, *after])
        given = select(p, candidates(ctx, knowledge), room, frozenset(e.id for e in ctx.entries))
        question = question_message(prompt, ctx, given, plan=p)
        while len(given) > 1 and count_messages([*messages, question, *after]) > budget:
            given.pop()  # estimates of parts round differently from the whole: the whole decides
            question = question_message(prompt, ctx, given, plan=p)
        ids = [e.id for e in given]
        if rejected:
            after = retry_messages(prompt, *rejected, given)
    messages += [question, *after]
    return Built(messages, ids, count_messages(messages), p.tokens, p.whole)
