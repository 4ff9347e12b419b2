"""The Answer: one type that flows from composing (offline or model) through the guard to the renderers.

``Draft`` is the part a model writes; its field descriptions become the JSON schema the model sees.
Flags are never part of a draft: code derives them from the cited entries' status (``flags_for``), so a
model that forgets a flag, or is talked into dropping one, cannot remove it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.knowledge.schema import Entry, Knowledge, Status


class Kind(StrEnum):
    """What a question asks for; the composer handles each deliberately."""

    CLAIM = "claim"  # a claim or event
    SIDES = "sides"  # one side's view, or all sides
    VERDICT = "verdict"  # asks the bot to judge: answered with positions, never a verdict
    SUMMARY = "summary"  # what the article is about
    CLAIMS = "claims"  # the contested / flagged claims
    FOLLOW_UP = "follow_up"  # leans on the previous turn
    INJECTION = "injection"  # tries to change the rules: treated as a question, never obeyed
    OUT_OF_SCOPE = "out_of_scope"


class Point(BaseModel):
    text: str = Field(description="One statement, grounded in the cited entries, attributed where it is a view")
    cites: list[str] = Field(description="Ids of the knowledge entries this statement comes from (at least one)")


class SideView(BaseModel):
    side: str = Field(description="The side's id from the knowledge (e.g. 'russia', 'nato', 'author')")
    says: str = Field(description="That side's position in its own terms, attributed ('Russia says…')")
    cites: list[str] = Field(description="Ids of the entries this position comes from")


# Bounds on what a model may write, in the schema it is given and in the validation of its reply: a draft
# past them is invalid output, like broken JSON. (Curated claims and positions run to ~500 characters.) The
# offline composer's Points and SideViews are the knowledge's own words and are not bounded here.
LEAD_MAX = 700
POINT_MAX = 600
SAYS_MAX = 700
POINTS_MAX = 40  # a list of the flagged claims has one point per claim (23 in the article today)
POSITIONS_MAX = 8
CITES_MAX = 6
_Cites = Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=CITES_MAX)]


class DraftPoint(Point):
    text: str = Field(max_length=POINT_MAX,
                      description="One statement, grounded in the cited entries, attributed where it is a view")
    cites: _Cites = Field(description="Ids of the knowledge entries this statement comes from (at least one)")


class DraftSideView(SideView):
    side: str = Field(max_length=64, description="The side's id from the knowledge (e.g. 'russia', 'nato')")
    says: str = Field(max_length=SAYS_MAX, description="That side's position in its own terms, attributed "
                      "('Russia says…'); Parley shows the knowledge's own words for the side where it has them")
    cites: _Cites = Field(description="Ids of the entries this position comes from")


class Draft(BaseModel):
    """What the model returns. Everything in it must come from the entries given in the prompt.

    Whether the question is in scope is not the model's call: Parley decided that before asking (the
    ``Understanding``), and a model is only asked about questions the knowledge covers."""

    model_config = ConfigDict(title="ParleyDraft")

    lead: str = Field(max_length=LEAD_MAX,
                      description="A direct, neutral one- or two-sentence answer; no opinion of your own")
    lead_cites: _Cites = Field(description="Ids of the entries the lead comes from")
    points: list[DraftPoint] = Field(max_length=POINTS_MAX,
                                     description="Supporting statements, each citing entry ids")
    positions: list[DraftSideView] = Field(max_length=POSITIONS_MAX,
                                      description="Each side's position where the topic has sides")


class FlagPosition(BaseModel):
    side: str  # the side's display name, so the JSON and the text attribute the same way
    says: str


class Flag(BaseModel):
    id: str
    status: Status
    title: str
    positions: list[FlagPosition]
    correction: str | None = None
    after_article: bool = False


class Citation(BaseModel):
    id: str
    status: Status


class Usage(BaseModel):
    input_tokens: int = 0
    cached_tokens: int = 0
    output_tokens: int = 0
    calls: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            cached_tokens=self.cached_tokens + other.cached_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            calls=self.calls + other.calls,
        )


class Answer(BaseModel):
    question: str
    kind: Kind
    in_scope: bool
    lead: str
    lead_cites: list[str] = Field(default_factory=list)
    points: list[Point] = Field(default_factory=list)
    positions: list[SideView] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    mode: Literal["offline", "llm"] = "offline"
    notice: str | None = None  # e.g. why a model answer fell back to the knowledge alone
    knowledge_version: str = ""
    prompt_version: str | None = None
    usage: Usage | None = None
    sides_focus: list[str] = Field(default_factory=list)
    # The entries the question is about (retrieval's), cited or not: their flags are shown whatever the
    # composer cites, so a draft about the Skripal poisoning that cites only a neighbour still carries its ⚠️.
    about: list[str] = Field(default_factory=list)
    # Entries whose sources the answer lists ("source?" after an answer): the record's, never a model's.
    sources: list[str] = Field(default_factory=list)

    def cited_ids(self) -> list[str]:
        seen: dict[str, None] = dict.fromkeys(self.lead_cites)
        for cites in [*(p.cites for p in self.points), *(p.cites for p in self.positions)]:
            for cid in cites:
                seen.setdefault(cid, None)
        return list(seen)

    def citations(self, knowledge: Knowledge) -> list[Citation]:
        return [Citation(id=e.id, status=e.status) for e in map(knowledge.entry, self.cited_ids()) if e]


def flag_for(entry: Entry, knowledge: Knowledge, focus: list[str] | None = None) -> Flag:
    """``focus``: the sides the question asks about, whose positions come first ("What does Russia say…")."""
    order = {side: i for i, side in enumerate(focus or [])}
    positions = sorted(entry.positions, key=lambda p: order.get(p.side, len(order)))
    return Flag(
        id=entry.id,
        status=entry.status,
        title=entry.title,
        positions=[FlagPosition(side=knowledge.side_name(p.side), says=p.says) for p in positions],
        correction=entry.correction.says if entry.correction else None,
        after_article=entry.after_article,
    )


def flags_for(ids: list[str], knowledge: Knowledge, focus: list[str] | None = None) -> list[Flag]:
    """The flags every answer citing ``ids`` must carry, in citation order: derived from status, by code."""
    entries = (knowledge.entry(i) for i in ids)
    return [flag_for(e, knowledge, focus) for e in entries if e is not None and e.flagged]
