"""Render an Answer as Discord markdown, and split it into messages Discord accepts.

Plain functions: the CLI prints what Discord would post, so a moderator's preview is the real thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.core import markup
from bot.core.mentions import defuse
from bot.knowledge.schema import Status

if TYPE_CHECKING:
    from bot.core.answer import Answer, Flag
    from bot.knowledge.schema import Entry, Knowledge

DISCORD_LIMIT = 2000
FLAG_ICONS = {Status.CONTESTED: "⚠️", Status.OPINION: "💬", Status.INACCURATE: "❌", Status.GARBLED: "✏️"}
COMPACT_FLAGS = 3  # past this many flags, list them one line each (the details are a /source away)
FOOTER = "-# Parley takes no side. See an entry's quote and sources with `/source <id>`."
MAX_MESSAGES = 4  # one answer never posts more; what does not fit is a `/source <id>` away
CUT = "-# Cut to fit {n} messages: the rest is a `/source <id>` away ({ids})."


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut (names, labels, examples)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cite(ids: list[str]) -> str:
    return " ".join(f"`[{i}]`" for i in ids)


def render(answer: Answer, knowledge: Knowledge, *, compact: bool | None = None, cut: bool = False) -> str:
    """``compact``: flags one line each (default: past ``COMPACT_FLAGS`` of them); ``cut``: say that parts
    were left out to keep to ``MAX_MESSAGES`` (``render_parts`` decides)."""
    # A model's text is plain: whatever markup reached this far is removed before anything sees it (the
    # guard refuses drafts with markup; this keeps Parley's marks its own even if one got through).
    own = markup.plain if answer.mode == "llm" else str
    blocks: list[str] = []
    if answer.notice:
        blocks.append(f"*{answer.notice}*")
    lead = own(answer.lead) + (f" {cite(answer.lead_cites)}" if answer.lead_cites else "")
    blocks.append(lead)
    if answer.points:
        blocks.append("\n".join(f"• {own(p.text)} {cite(p.cites)}".rstrip() for p in answer.points))
    for entry in filter(None, map(knowledge.entry, answer.sources)):
        blocks.append("\n".join([f"**Sources of {entry.title}** {cite([entry.id])}", *_source_lines(entry)]))
    compact = len(answer.flags) > COMPACT_FLAGS if compact is None else compact
    # A position a flag below shows word for word is not repeated here: the flag gives it with the others.
    in_flags = set() if compact else {(f.id, p.says) for f in answer.flags for p in f.positions}
    positions = [p for p in answer.positions if not any((c, p.says) in in_flags for c in p.cites)]
    if positions:
        lines = ["**How each side puts it**"]
        lines += [f"• **{knowledge.side_name(p.side)}:** {own(p.says)} {cite(p.cites)}".rstrip() for p in positions]
        blocks.append("\n".join(lines))
    if answer.flags:
        blocks.extend(_flags(answer.flags, compact))
    if cut:
        ids = " ".join(f"`{i}`" for i in [*answer.cited_ids(), *(f.id for f in answer.flags)][:6])
        blocks.append(CUT.format(n=MAX_MESSAGES, ids=ids))
    elif answer.in_scope:
        blocks.append(FOOTER)
    return defuse("\n\n".join(b for b in blocks if b.strip()))


def render_parts(answer: Answer, knowledge: Knowledge) -> tuple[str, list[str]]:
    """The answer as posted: its text and its messages, at most ``MAX_MESSAGES`` of them.

    A long answer loses its positions, then its points, from the end (each is a `/source` away), and then
    lists its flags one line each — the flags themselves are never what is left out. Whatever still does
    not fit is cut, with a line saying so."""
    text = render(answer, knowledge)
    parts = split(text)
    trimmed, compact = answer, None
    while len(parts) > MAX_MESSAGES:
        if trimmed.positions:
            trimmed = trimmed.model_copy(update={"positions": trimmed.positions[:-1]})
        elif len(trimmed.points) > 1:
            trimmed = trimmed.model_copy(update={"points": trimmed.points[:-1]})
        elif compact is None:
            compact = True
        else:
            break
        text = render(trimmed, knowledge, compact=compact, cut=True)
        parts = split(text)
    if len(parts) > MAX_MESSAGES:
        note = CUT.format(n=MAX_MESSAGES, ids=" ".join(f"`{i}`" for i in answer.cited_ids()[:6]))
        last = parts[MAX_MESSAGES - 1]
        room = DISCORD_LIMIT - len(note) - 2
        parts = [*parts[:MAX_MESSAGES - 1], (last if len(last) <= room else clip(last, room)) + "\n\n" + note]
        text = "\n\n".join(parts)
    return text, parts


def _flags(flags: list[Flag], compact: bool) -> list[str]:
    if compact:
        lines = ["**Flagged claims**"]
        lines += [f"{FLAG_ICONS[f.status]} **{f.status.label}:** {f.title} `[{f.id}]`" for f in flags]
        return ["\n".join(lines)]
    blocks = []
    for flag in flags:
        lines = [f"{FLAG_ICONS[flag.status]} **{flag.status.label}:** {flag.title} `[{flag.id}]`"]
        if flag.correction:
            lines.append(f"> **The record:** {flag.correction}")
        lines += [f"> **{p.side}:** {p.says}" for p in flag.positions]
        blocks.append("\n".join(lines))
    return blocks


def split(text: str, limit: int = DISCORD_LIMIT) -> list[str]:
    """Split on paragraph boundaries, then lines, then words; every part is at most ``limit`` characters."""
    parts: list[str] = []
    current = ""
    for para in _pieces(text, limit):
        joined = f"{current}\n\n{para}" if current else para
        if len(joined) <= limit:
            current = joined
        else:
            if current:
                parts.append(current)
            current = para
    if current:
        parts.append(current)
    return parts or [""]


def _pieces(text: str, limit: int) -> list[str]:
    out: list[str] = []
    for para in text.split("\n\n"):
        if len(para) <= limit:
            out.append(para)
            continue
        for line in para.split("\n"):
            while len(line) > limit:
                cut = line.rfind(" ", 0, limit)
                cut = cut if cut > limit // 2 else limit
                out.append(line[:cut])
                line = line[cut:].lstrip()
            out.append(line)
    return [p for p in out if p.strip()]


def render_entry(entry: Entry, knowledge: Knowledge) -> str:
    """What ``/source <id>`` shows: the entry with its quote, paragraph, positions and sources."""
    icon = FLAG_ICONS.get(entry.status, "📄")
    lines = [f"{icon} **{entry.title}** `[{entry.id}]` · {entry.status.label}"]
    if entry.after_article:
        lines.append(f"*Context from after the article ({entry.when or 'later'}); not what the article says.*")
    lines.append(entry.claim)
    if entry.paragraph:
        quote = f" “{entry.quote}”" if entry.quote else ""
        lines.append(f"> **The article, ¶{entry.paragraph}:**{quote}")
    if entry.positions:
        lines.append("**Positions**")
        lines += [f"• **{knowledge.side_name(p.side)}:** {p.says}" for p in entry.positions]
    if entry.correction:
        lines.append(f"**The record:** {entry.correction.says}")
    sourced = _source_lines(entry)
    if sourced:
        lines.append("**Sources**")
        lines += sourced
    return defuse("\n".join(lines))


def _source_lines(entry: Entry) -> list[str]:
    sources = [*(entry.correction.sources if entry.correction else []), *entry.sources]
    # <url> keeps Discord from unfurling a preview for every source.
    return [f"• {s.cite()}" + (f" <{s.url}>" if s.url else "") for s in sources]


def render_claims(knowledge: Knowledge, per_page: int = 10) -> list[str]:
    """The flagged claims, one line each, in pages (``/claims``); each page fits one message."""
    flagged = knowledge.flagged()
    if not flagged:
        return ["The knowledge flags no claims."]
    lines = [f"{FLAG_ICONS[e.status]} **{e.status.label}:** {e.title} `[{e.id}]`"
             + (" *(after the article)*" if e.after_article else "") for e in flagged]
    pages = []
    total = (len(lines) + per_page - 1) // per_page
    for n in range(total):
        chunk = lines[n * per_page:(n + 1) * per_page]
        head = f"**Flagged claims** ({len(flagged)}) — page {n + 1}/{total}"
        pages.append(split(defuse("\n".join([head, *chunk]) + "\n\n" + FOOTER))[0])
    return pages


def as_json(result: Answer, knowledge: Knowledge) -> dict[str, Any]:
    """The CLI's ``ask --json`` object: a contract (DESIGN.md), so exactly these keys."""
    text, parts = render_parts(result, knowledge)
    return {
        "question": result.question,
        "mode": result.mode,
        "in_scope": result.in_scope,
        "text": text,
        "messages": parts,
        "citations": [c.model_dump(mode="json") for c in result.citations(knowledge)],
        "flags": [{"id": f.id, "status": f.status.value,
                   "positions": [{"side": p.side, "says": p.says} for p in f.positions]} for f in result.flags],
    }
