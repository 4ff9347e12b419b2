"""Compose the offline answer: the knowledge's own words, shaped by what the question asks for.

It is the answer when no model is configured, and the fallback, with a notice, whenever the model is
unavailable or its reply fails the guard.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.core.answer import Answer, Kind, Point, SideView
from bot.core.understand import Understanding
from bot.knowledge.schema import Entry, Knowledge, Status

MAX_CLAIMS_LISTED = 25  # every flagged claim of the article today (23), a line each


_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?]”))\s+(?=[A-Z“])")


def _about(entry: Entry, brief: bool = False) -> str:
    """The entry's claim as a statement of an answer, placed in the article (¶) or after it.
    ``brief``: its first sentence only (a summary has a line per claim; the rest is a question away) — two
    for an inaccurate entry, whose second sentence says what the record says instead."""
    text = entry.claim
    if brief:
        keep = 2 if entry.status in (Status.INACCURATE, Status.GARBLED) else 1
        text = " ".join(_SENTENCE_END.split(text)[:keep])
    if entry.paragraph and not entry.after_article:
        body, stop = (text[:-1], text[-1]) if text[-1] in ".!?" else (text, "")
        text = f"{body} (¶{entry.paragraph}){stop}"
    if entry.after_article:
        text = f"After the article ({entry.when or 'later'}): {text}"
    return text


def compose_offline(ctx: Understanding, knowledge: Knowledge) -> Answer:
    base = {"question": ctx.question, "kind": ctx.kind, "in_scope": ctx.in_scope, "sides_focus": ctx.sides,
            "knowledge_version": knowledge.version}
    article = knowledge.article
    if not ctx.in_scope:
        return Answer(**base, lead=(
            f"That's outside what I can answer from my knowledge. I discuss the article “{article.title}” by "
            f"{article.author} ({article.dateline}, {article.date}): the claims it makes, each side's position "
            "on them, what the record says, and what happened after. Try `/claims`, or ask e.g. "
            "“What does Russia say about NATO expansion?”"))
    entries = ctx.entries
    if ctx.kind is Kind.SUMMARY:
        lead = (f"“{article.title}” by {article.author} ({article.dateline}, {article.date}), paragraph by "
                "paragraph as the knowledge records it:")
        return Answer(**base, lead=lead, points=_summary_points(entries, knowledge))
    if ctx.kind is Kind.CLAIMS:
        shown = entries[:MAX_CLAIMS_LISTED]
        more = len(entries) - len(shown)
        kinds = {e.status for e in entries}
        label = f" as {next(iter(kinds)).label.lower()}" if len(kinds) == 1 else ""  # "…claims as contested"
        lead = f"The knowledge flags {len(entries)} of the article's claims{label}" + (
            f"; the first {len(shown)} are below (`/claims` lists them all)." if more else ":")
        points = [Point(text=f"{e.title} — {e.status.label.lower()}" + (f" (¶{e.paragraph})" if e.paragraph else ""),
                        cites=[e.id]) for e in shown]
        return Answer(**base, lead=lead, points=points)
    if ctx.kind is Kind.INJECTION and not entries:
        return Answer(**base, lead=(
            "I don't take instructions from questions, and I don't take sides: I present each side's position "
            "as my knowledge records it and flag what is contested. Ask about any claim of the article, e.g. "
            "“What does Russia say about NATO expansion?”"))
    if ctx.sides_listed:
        voices = Counter(p.side for e in knowledge.entries for p in e.positions)
        names = [knowledge.side_name(side) for side, _ in voices.most_common()]
        lead = (f"The knowledge gives the positions of {len(names)} sides: {', '.join(names)}. Here is where the "
                "main ones meet in the article's central disputes:")
        return Answer(**base, lead=lead, points=[Point(text=_about(e), cites=[e.id]) for e in entries],
                      positions=_positions(entries, []))
    if ctx.kind is Kind.VERDICT:
        lead = ("I don't give verdicts or take sides. Here is how each side puts it, with what is disputed "
                "flagged, so you can weigh it yourself.")
        return Answer(**base, lead=lead, points=[Point(text=_about(e), cites=[e.id]) for e in entries],
                      positions=_positions(entries, ctx.sides))
    if ctx.sources:
        # "source?": where what was just said comes from — the entries' own sources, listed by render
        titles = " and ".join(f"“{e.title}”" for e in entries)
        their = "its" if len(entries) == 1 else "their"
        return Answer(**base, lead=f"That comes from {titles} in the knowledge; {their} sources are below.",
                      lead_cites=[e.id for e in entries], sources=[e.id for e in entries],
                      points=[Point(text=_about(e), cites=[e.id]) for e in entries] if ctx.evidence else [])
    top, rest = entries[0], entries[1:]
    lead = _about(top)
    positions = _positions(entries, ctx.sides)
    # "and what does NATO say?", "what's Moscow's side of the story?": a side's view asked of what the top
    # entry says in another's words leads with that side's position, framed, not with the other's words
    asks_view = ctx.kind is Kind.FOLLOW_UP or (ctx.kind is Kind.SIDES and len(ctx.sides) == 1
                                               and ctx.sides[0] not in entries[0].held_by)
    voiced = _voiced(entries, ctx.sides, knowledge) if asks_view and ctx.side_leads else None
    if voiced is not None:
        # "and what does NATO say?": the conversation goes on with NATO's view, not the last answer again.
        # The lead frames it; the view itself is shown under NATO's name, first (flags put the focus first).
        top, lead = voiced
        rest = [top, *(e for e in entries if e is not top)]
    if ctx.kind is Kind.INJECTION:
        lead = "I don't take instructions from questions, and I don't take sides. On the question itself: " + lead
    return Answer(**base, lead=lead, lead_cites=[top.id],
                  points=[Point(text=_about(e), cites=[e.id]) for e in rest], positions=positions)


def _voiced(entries: list[Entry], sides: list[str], knowledge: Knowledge) -> tuple[Entry, str] | None:
    """The first entry that gives a side the question focuses on a position, and a lead that frames it in
    Parley's words (the side's own words stay under its name, where the guard holds them to that side)."""
    for side in sides:
        for entry in entries:
            if any(pos.side == side for pos in entry.positions):
                name = knowledge.side_name(side)
                return entry, (f"{name} on {_lower_first(entry.title)}: its position is shown first below, with "
                               "what the knowledge records.")
    return None


# First words of a title that read in lower case inside a sentence ("Relations at their lowest point");
# any other first word is a name and stays ("NATO's expulsion…", "Alexei Navalny's poisoning").
_COMMON_FIRST = frozenset("the a an relations what who how why when where which".split())


def _lower_first(title: str) -> str:
    """'The 2008 Russia–Georgia war' reads 'the 2008 Russia–Georgia war' inside a sentence; names stay."""
    first, _, rest = title.partition(" ")
    return f"{first.lower()} {rest}" if first.lower() in _COMMON_FIRST else title


def _summary_points(entries: list[Entry], knowledge: Knowledge) -> list[Point]:
    """A line per gist, each citing every flagged claim of its paragraph too: a summary carries every flag
    of what it summarises (a paragraph summed up by a position still holds its disputes and errors)."""
    flagged: dict[int, list[str]] = {}
    for entry in knowledge.entries:
        if entry.paragraph is not None and entry.flagged and not entry.after_article:
            flagged.setdefault(entry.paragraph, []).append(entry.id)
    points: list[Point] = []
    given: set[str] = set()
    for entry in entries:
        extra = [i for i in flagged.get(entry.paragraph or 0, []) if i != entry.id and i not in given]
        given.update([entry.id, *extra])
        points.append(Point(text=_about(entry, brief=True), cites=[entry.id, *extra]))
    return points


def _positions(entries: list[Entry], focus: list[str]) -> list[SideView]:
    """Positions of unflagged entries, focused sides first. A flagged entry carries its positions in its
    flag; only the side the question asks about is repeated here, so the answer leads with what was asked."""
    views: list[SideView] = []
    for entry in entries:
        for pos in entry.positions:
            if not entry.flagged or pos.side in focus:
                views.append(SideView(side=pos.side, says=pos.says, cites=[entry.id]))
    order = {side: i for i, side in enumerate(focus)}
    return sorted(views, key=lambda v: order.get(v.side, len(order)))
