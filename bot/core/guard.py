"""The guard: every answer, from the model or offline, is checked against the knowledge before it is posted.

``check`` lists what is wrong (a model reply with reasons is retried once with them, then replaced);
``enforce`` makes what code can guarantee true whatever the composer did: flags recomputed from the cited
entries' status, and every ping defused.
"""

from __future__ import annotations

import re

from bot.core.answer import Answer, Kind, flags_for
from bot.core.mentions import PING, defuse
from bot.knowledge.schema import Knowledge

URL = re.compile(r"https?://[^\s<>()\]]+", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
ATTRIBUTION = re.compile(
    r"\b(?:says?|said|argues?|argued|claims?|claimed|accuses?|accused|according to|holds?|maintains?|"
    r"denies|denied|calls?|called|writes?|wrote|contends?|insists?|considers?|alleges?|alleged|asserts?|"
    r"states?|stated|charged|concluded|found|finds|views?|sees|believes|thinks|blames?|blamed|describes?|"
    r"described|regards?|in (?:the|its|their|his|her) (?:view|perspective|words)|for (?:russia|nato|the \w+))\b",
    re.IGNORECASE,
)
VERDICT = re.compile(
    r"\bI (?:think|believe|feel|support|agree|side|would say|personally|am (?:pro|for|on))\b"
    r"|\b(?:in my (?:opinion|view)|my (?:personal |own )?(?:view|opinion|verdict|position))\b"
    r"|\b(?:we|parley) (?:support|side with|believe|think)\b"
    r"|\b(?:is|was|are|were) (?:clearly |obviously |certainly |definitely )?(?:right|wrong|justified|"
    r"unjustified|correct|the aggressor|to blame|guilty|innocent|in the right|in the wrong|lying|liars)\b"
    r"|\b(?:made|makes|make) (?:perfect )?sense\b"
    r"|\b(?:the truth is|undeniabl[ey]|without (?:a )?doubt|clearly|obviously)\b"
    r"|\b(?:has|have|had) the (?:better|stronger|best) (?:argument|case)\b",
    re.IGNORECASE,
)
# Answers that frame rather than state: their lead needs no citation.
FRAMING = {Kind.VERDICT, Kind.SUMMARY, Kind.CLAIMS, Kind.INJECTION, Kind.OUT_OF_SCOPE}


def verdicts(text: str) -> list[str]:
    """Sentences that judge in the bot's own voice (quoted and attributed words are someone else's)."""
    if not VERDICT.search(text):
        return []  # the common case, in one pass: only a text with a verdict word needs its sentences read
    found = []
    for sentence in _SENTENCE.findall(_QUOTED.sub("“…”", text)):
        for match in VERDICT.finditer(sentence):
            cue = ATTRIBUTION.search(sentence, 0, match.start())
            if cue is None:
                found.append(sentence.strip())
                break
    return found


def voice(answer: Answer, knowledge: Knowledge | None = None) -> list[str]:
    """What reads as the bot's own voice: the lead, the points, and (given the knowledge) the positions of
    sides that are not parties — "**The documented record:** X is right" would be a verdict in all but name.
    A party's position is rendered under its name ("**The Russian government:** …"): it is checked for
    grounding instead."""
    neutral = {s.id for s in knowledge.sides if s.neutral} if knowledge else set()
    return [answer.lead, *(p.text for p in answer.points), *(p.says for p in answer.positions if p.side in neutral)]


def texts(answer: Answer) -> list[str]:
    """Everything an answer writes, for the checks no text may fail (pings, links)."""
    return [*voice(answer), *(p.says for p in answer.positions)]


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


def check(answer: Answer, knowledge: Knowledge) -> list[str]:
    reasons: list[str] = []
    for cid in answer.cited_ids():
        if knowledge.entry(cid) is None:
            reasons.append(f"cites an entry that does not exist: {cid!r}")
    for side in {p.side for p in answer.positions}:
        if side not in knowledge.sides_by_id:
            reasons.append(f"attributes a position to an unknown side: {side!r}")
    if answer.in_scope:
        for i, point in enumerate(answer.points):
            if not point.cites:
                reasons.append(f"point {i + 1} has no citation: {point.text[:60]!r}")
        for pos in answer.positions:
            if not pos.cites:
                reasons.append(f"the position of {pos.side!r} has no citation")
            elif pos.side in knowledge.sides_by_id and pos.side not in _holders(pos.cites, knowledge):
                reasons.append(f"attributes a position to {pos.side!r} that the entries it cites "
                               f"({', '.join(pos.cites)}) do not give to that side")
        if not answer.lead_cites and answer.kind not in FRAMING:
            reasons.append("the lead has no citation")
    for text in voice(answer, knowledge):
        for sentence in verdicts(text):
            reasons.append(f"gives a verdict in the bot's own voice: {sentence[:80]!r}")
    for text in texts(answer):
        if PING.search(text):
            reasons.append("contains a ping (@everyone, @here or a user/role mention)")
        for url in URL.findall(text):
            if url.rstrip(".,;") not in knowledge.urls:
                reasons.append(f"links to something the knowledge does not hold: {url[:80]}")
    return list(dict.fromkeys(reasons))


def enforce(answer: Answer, knowledge: Knowledge) -> Answer:
    """What code guarantees regardless of the composer: flags from metadata, no live pings."""
    cited = [cid for cid in answer.cited_ids() if knowledge.entry(cid) is not None]
    return answer.model_copy(update={
        "lead": defuse(answer.lead),
        "points": [p.model_copy(update={"text": defuse(p.text)}) for p in answer.points],
        "positions": [p.model_copy(update={"says": defuse(p.says)}) for p in answer.positions],
        "flags": flags_for(cited, knowledge, answer.sides_focus),
        "knowledge_version": knowledge.version,
    })
