"""The guard: every answer, from the model or offline, is checked against the knowledge before it is posted.

``check`` lists what is wrong (a model reply with reasons is retried once with them, then replaced by the
offline answer). ``enforce`` makes true what code can guarantee whatever the composer did:
- the text is plain and normalised (``bot.core.markup``): what was checked is what is posted;
- a position under a side's name is the knowledge's own words for that side in the entries it cites (the
  model picks entries and sides; the curated text is rendered) — free text is only kept where the
  knowledge has no words of its own for the side, and then it has passed the support test as that side's;
- flags come from metadata: the flagged entries cited, and those the question is about (``Answer.about``);
- no ping is live.

The rules for Parley's own voice — grounded, attributed, no verdicts — are in ``bot.core.support``.
"""

from __future__ import annotations

import re

from bot.core import markup
from bot.core.answer import (
    CITES_MAX,
    LEAD_MAX,
    POINT_MAX,
    POINTS_MAX,
    POSITIONS_MAX,
    SAYS_MAX,
    Answer,
    Kind,
    SideView,
    flags_for,
)
from bot.core.mentions import PING, defuse
from bot.core.support import Grounds, problems, tokens
from bot.core.support import verdicts as _verdicts
from bot.knowledge.schema import Entry, Knowledge

URL = re.compile(r"https?://[^\s<>()\]]+", re.IGNORECASE)
# Answers that frame rather than state: their lead needs no citation.
FRAMING = {Kind.VERDICT, Kind.SUMMARY, Kind.CLAIMS, Kind.INJECTION, Kind.OUT_OF_SCOPE}
# Answers that list the article's claims: what they are about is the whole article, so their flags are the
# entries they list, not every flagged entry of the knowledge.
LISTS = {Kind.SUMMARY, Kind.CLAIMS}


def verdicts(text: str, knowledge: Knowledge | None = None) -> list[str]:
    """Clauses of ``text`` that rule in Parley's own voice or a neutral side's. Without the knowledge no
    side is known, so every clause reads as Parley's own (stricter, never laxer)."""
    return _verdicts(text, knowledge)


def voice(answer: Answer, knowledge: Knowledge | None = None) -> list[str]:
    """What reads as the bot's own voice: the lead, the points, and (given the knowledge) the positions of
    sides that are not parties — "**The documented record:** X is right" would be a verdict in all but name."""
    neutral = {s.id for s in knowledge.sides if s.neutral} if knowledge else set()
    return [answer.lead, *(p.text for p in answer.points), *(p.says for p in answer.positions if p.side in neutral)]


def texts(answer: Answer) -> list[str]:
    """Everything an answer writes, for the checks no text may fail (pings, links, scripts)."""
    return [answer.lead, *(p.text for p in answer.points), *(p.says for p in answer.positions)]


def flag_ids(answer: Answer) -> list[str]:
    """The entries whose flags the answer must carry: those it cites, then those the question is about."""
    about = [] if answer.kind in LISTS else answer.about
    return list(dict.fromkeys([*answer.cited_ids(), *about]))


def _holders(entry_ids: list[str], knowledge: Knowledge) -> set[str]:
    """The sides the cited entries give a view to, and the alliances they are part of: a UK view may stand
    as NATO's (``part_of``), but a NATO view is not Germany's own."""
    sides: set[str] = set()
    for entry in filter(None, map(knowledge.entry, entry_ids)):
        sides.update(p.side for p in entry.positions)
        sides.update(entry.held_by)
    for side in list(sides):
        found = knowledge.sides_by_id.get(side)
        if found and found.part_of:
            sides.add(found.part_of)
    return sides


def _entries(ids: list[str], knowledge: Knowledge) -> list[Entry]:
    return [e for e in map(knowledge.entry, ids) if e is not None]


def curated(view: SideView, knowledge: Knowledge) -> list[SideView]:
    """The knowledge's own words for ``view.side`` in the entries it cites, one view per entry."""
    return [SideView(side=view.side, says=p.says, cites=[e.id]) for e in _entries(list(view.cites), knowledge)
            for p in e.positions if p.side == view.side]


def _sizes(answer: Answer) -> list[str]:
    """The draft's bounds again, in code: an Answer may be built without the schema's validation."""
    reasons = []
    if len(answer.lead) > LEAD_MAX:
        reasons.append(f"the lead is longer than {LEAD_MAX} characters")
    if len(answer.points) > POINTS_MAX or any(len(p.text) > POINT_MAX for p in answer.points):
        reasons.append(f"more than {POINTS_MAX} points, or a point longer than {POINT_MAX} characters")
    if len(answer.positions) > POSITIONS_MAX or any(len(p.says) > SAYS_MAX for p in answer.positions):
        reasons.append(f"more than {POSITIONS_MAX} positions, or one longer than {SAYS_MAX} characters")
    cites = [answer.lead_cites, *(p.cites for p in answer.points), *(v.cites for v in answer.positions)]
    if any(len(c) > CITES_MAX for c in cites):
        reasons.append(f"a statement cites more than {CITES_MAX} entries")
    return reasons


def _grounds(answer: Answer, cites: list[str], knowledge: Knowledge) -> Grounds:
    counts = {str(len(answer.cited_ids())), str(len(answer.about)), str(len(answer.points))}
    entries = _entries(cites, knowledge)
    paragraphs = {e.paragraph for e in entries if e.paragraph}
    article = [knowledge.article.title, *(p.text for p in knowledge.article.paragraphs if p.n in paragraphs)]
    return Grounds(entries, answer.question, tuple(article), frozenset(counts))


def check(answer: Answer, knowledge: Knowledge) -> list[str]:
    from_model = answer.mode == "llm"
    reasons = _unknown_references(answer, knowledge) + _form(answer, from_model=from_model)
    # An offline answer that draws on no entry is one of Parley's own fixed sentences (out of scope, "I don't
    # take instructions"): there is nothing of the knowledge's in it to hold it against.
    if answer.in_scope and (from_model or answer.cited_ids()):
        reasons += _grounding(answer, knowledge)
    reasons += _pings_and_links(answer, knowledge)
    return list(dict.fromkeys(reasons))


def _unknown_references(answer: Answer, knowledge: Knowledge) -> list[str]:
    """Entry ids and side ids that the knowledge does not hold."""
    reasons = [f"cites an entry that does not exist: {cid!r}"
               for cid in answer.cited_ids() if knowledge.entry(cid) is None]
    reasons += [f"attributes a position to an unknown side: {side!r}"
                for side in {p.side for p in answer.positions} if side not in knowledge.sides_by_id]
    return reasons


def _form(answer: Answer, *, from_model: bool) -> list[str]:
    """The shape of the text: a model's sizes and markup, and (from anyone) words that mix scripts."""
    reasons: list[str] = []
    if from_model:
        reasons += _sizes(answer)
        reasons += [f"uses markup ({kind}): Parley's text is plain, and its marks are its own"
                    for text in texts(answer) for kind in markup.found(text)]
    reasons += [f"mixes scripts in one word: {word!r}"
                for text in texts(answer) for word in markup.mixed_script_words(text)]
    return reasons


def _pings_and_links(answer: Answer, knowledge: Knowledge) -> list[str]:
    reasons: list[str] = []
    for text in texts(answer):
        if PING.search(text):
            reasons.append("contains a ping (@everyone, @here or a user/role mention)")
        reasons += [f"links to something the knowledge does not hold: {url[:80]}"
                    for url in URL.findall(text) if url.rstrip(".,;") not in knowledge.urls]
    return reasons


def _grounding(answer: Answer, knowledge: Knowledge) -> list[str]:
    """Citations present, every sentence in Parley's voice supported, every position the side's own."""
    reasons: list[str] = []
    for i, point in enumerate(answer.points):
        if not point.cites:
            reasons.append(f"point {i + 1} has no citation: {point.text[:60]!r}")
    if not answer.lead_cites and answer.kind not in FRAMING:
        reasons.append("the lead has no citation")
    reasons += problems(answer.lead, _grounds(answer, answer.lead_cites or answer.cited_ids(), knowledge),
                        knowledge, where="the lead")
    for i, point in enumerate(answer.points):
        reasons += problems(point.text, _grounds(answer, point.cites, knowledge), knowledge, where=f"point {i + 1}")
    seen: dict[str, str] = {}
    for pos in answer.positions:
        if not pos.cites:
            reasons.append(f"the position of {pos.side!r} has no citation")
            continue
        if pos.side not in knowledge.sides_by_id:
            continue
        if pos.side not in _holders(pos.cites, knowledge):
            reasons.append(f"attributes a position to {pos.side!r} that the entries it cites "
                           f"({', '.join(pos.cites)}) do not give to that side")
            continue
        words = " ".join(tokens(pos.says))
        other = seen.setdefault(words, pos.side)
        if other != pos.side and words:
            reasons.append(f"gives {other!r} and {pos.side!r} the same text: two sides never share one position")
        if not curated(pos, knowledge):  # no words of the knowledge's own to show: the text must be the side's
            reasons += problems(pos.says, _grounds(answer, pos.cites, knowledge), knowledge,
                                where=f"the position of {pos.side!r}", speaker=pos.side)
    return reasons


def enforce(answer: Answer, knowledge: Knowledge) -> Answer:
    """What code guarantees regardless of the composer: plain text, curated positions, flags from
    metadata, no live pings."""
    lead, points, positions = answer.lead, answer.points, answer.positions
    if answer.mode == "llm":
        lead = markup.plain(lead)
        points = [p.model_copy(update={"text": markup.plain(p.text)}) for p in points]
        shown: list[SideView] = []
        for pos in positions:
            shown += curated(pos, knowledge) or [pos.model_copy(update={"says": markup.plain(pos.says)})]
        positions = list({(p.side, p.says): p for p in shown}.values())
    flagged = [i for i in flag_ids(answer) if knowledge.entry(i) is not None]
    return answer.model_copy(update={
        "lead": defuse(lead),
        "points": [p.model_copy(update={"text": defuse(p.text)}) for p in points],
        "positions": [p.model_copy(update={"says": defuse(p.says)}) for p in positions],
        "flags": flags_for(flagged, knowledge, answer.sides_focus),
        "knowledge_version": knowledge.version,
    })
