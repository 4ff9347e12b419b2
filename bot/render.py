"""Render an Answer as Discord markdown, and split it into messages Discord accepts.

Plain functions: the CLI prints what Discord would post, so a moderator's preview is the real thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.core.mentions import defuse
from bot.knowledge.schema import Status

if TYPE_CHECKING:
    from bot.core.answer import Answer, Flag
    from bot.knowledge.schema import Entry, Knowledge

DISCORD_LIMIT = 2000
FLAG_ICONS = {Status.CONTESTED: "⚠️", Status.OPINION: "💬", Status.INACCURATE: "❌", Status.GARBLED: "✏️"}
COMPACT_FLAGS = 3  # past this many flags, list them one line each (the details are a /source away)
FOOTER = "-# Parley takes no side. See an entry's quote and sources with `/source <id>`."


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut (names, labels, examples)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cite(ids: list[str]) -> str:
    return " ".join(f"`[{i}]`" for i in ids)


def render(answer: Answer, knowledge: Knowledge) -> str:
    blocks: list[str] = []
    if answer.notice:
        blocks.append(f"*{answer.notice}*")
    lead = answer.lead + (f" {cite(answer.lead_cites)}" if answer.lead_cites else "")
    blocks.append(lead)
    if answer.points:
        blocks.append("\n".join(f"• {p.text} {cite(p.cites)}".rstrip() for p in answer.points))
    compact = len(answer.flags) > COMPACT_FLAGS
    # A position a flag below shows word for word is not repeated here: the flag gives it with the others.
    in_flags = set() if compact else {(f.id, p.says) for f in answer.flags for p in f.positions}
    positions = [p for p in answer.positions if not any((c, p.says) in in_flags for c in p.cites)]
    if positions:
        lines = ["**How each side puts it**"]
        lines += [f"• **{knowledge.side_name(p.side)}:** {p.says} {cite(p.cites)}".rstrip() for p in positions]
        blocks.append("\n".join(lines))
    if answer.flags:
        blocks.extend(_flags(answer.flags, compact))
    if answer.in_scope:
        blocks.append(FOOTER)
    return defuse("\n\n".join(b for b in blocks if b.strip()))


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
    sources = [*(entry.correction.sources if entry.correction else []), *entry.sources]
    if sources:
        lines.append("**Sources**")
        # <url> keeps Discord from unfurling a preview for every source.
        lines += [f"• {s.cite()}" + (f" <{s.url}>" if s.url else "") for s in sources]
    return defuse("\n".join(lines))


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
    text = render(result, knowledge)
    return {
        "question": result.question,
        "mode": result.mode,
        "in_scope": result.in_scope,
        "text": text,
        "messages": split(text),
        "citations": [c.model_dump(mode="json") for c in result.citations(knowledge)],
        "flags": [{"id": f.id, "status": f.status.value,
                   "positions": [{"side": p.side, "says": p.says} for p in f.positions]} for f in result.flags],
    }
