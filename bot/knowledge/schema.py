"""The knowledge model: the article, the sides, and the entries moderators curate.

These types are the contract between the YAML files in ``knowledge/`` and everything else. Field-level
rules live here (pydantic); rules that span entries (unique ids, known sides, verbatim quotes, alias
collisions) live in ``bot.knowledge.loader``, which knows file names and line numbers to report them with.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Status(StrEnum):
    """The status vocabulary of DESIGN.md: a contract shared by the CLI's JSON and the bot's flags."""

    FACT = "fact"
    POSITION = "position"
    CONTESTED = "contested"
    OPINION = "opinion"
    INACCURATE = "inaccurate"
    GARBLED = "garbled"

    @property
    def flagged(self) -> bool:
        return self in FLAGGED

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


FLAGGED = frozenset({Status.CONTESTED, Status.OPINION, Status.INACCURATE, Status.GARBLED})
STATUS_LABELS = {
    Status.FACT: "Documented fact",
    Status.POSITION: "One party's position",
    Status.CONTESTED: "Contested",
    Status.OPINION: "The author's opinion",
    Status.INACCURATE: "Inaccurate in the article",
    Status.GARBLED: "Garbled in the article",
}


class _Strict(BaseModel):
    # Unknown keys are almost always typos by a moderator ("postions:"); reject them loudly.
    model_config = ConfigDict(extra="forbid", frozen=True)


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    parts = value.split("-")
    ok = 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4
    ok = ok and all(len(p) == 2 for p in parts[1:])
    if not ok:
        raise ValueError("must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    return value


class Source(_Strict):
    # Title and date are left out when the record does not give them: a title rebuilt from a web address,
    # or a guessed year, would be a citation nobody can check.
    publication: Text
    title: Text | None = None
    date: Text | None = Field(default=None, description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD) of the "
                              "publication; left out when unknown")
    url: str | None = None

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return _iso_date(value)

    def cite(self) -> str:
        title = f", “{self.title}”" if self.title else ""
        return f"{self.publication}{title}, {self.date or 'undated'}"


class Position(_Strict):
    """What one side says, in that side's own terms. ``says`` stands on its own (it is what answers quote);
    ``speaker`` and ``date`` record who said it and when, for every side alike, wherever the record knows."""

    side: Id
    says: Text
    speaker: Text | None = Field(default=None, description="Who said it, e.g. 'Sergei Lavrov, Russian "
                                 "foreign minister', or the institution when no one person is recorded")
    date: Text | None = Field(default=None, description="When it was said: ISO date (YYYY, YYYY-MM or "
                              "YYYY-MM-DD); left out when unknown")

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return _iso_date(value)


class Correction(_Strict):
    """What the documented record says where the article is wrong."""

    says: Text
    sources: list[Source] = Field(min_length=1)


class Side(_Strict):
    id: Id
    name: Text = Field(description="How answers attribute it, e.g. 'The Russian government'")
    short: Text = Field(description="A short label, e.g. 'Russia'")
    aliases: list[Text] = Field(default_factory=list)
    part_of: Id | None = Field(default=None, description="e.g. the UK speaks for itself but is a NATO ally")
    neutral: bool = Field(default=False, description="Not a party (the record, historians, the UN): its "
                          "positions read as fact, so they are held to the bot's own no-verdict rule")


class Paragraph(_Strict):
    n: int = Field(ge=1)
    text: Text
    gist: list[Id] = Field(default_factory=list, description="The entries that sum the paragraph up, for "
                           "a summary of the article (each must cite this paragraph)")


class Article(_Strict):
    title: Text
    author: Text
    date: Text
    date_note: str | None = None
    dateline: Text
    byline: str | None = None
    paragraphs: list[Paragraph] = Field(min_length=1)

    def paragraph(self, n: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.n == n), None)


class Entry(_Strict):
    id: Id
    status: Status
    title: Text = Field(description="A short neutral label, shown in lists and flags")
    claim: Text = Field(description="The claim in neutral words a member of either side would accept")
    paragraph: int | None = Field(default=None, ge=1)
    quote: str | None = Field(default=None, description="Verbatim words of that paragraph")
    held_by: list[Id] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    correction: Correction | None = Field(default=None, validate_default=True)
    sources: list[Source] = Field(default_factory=list)
    aliases: list[Text] = Field(default_factory=list)
    after_article: bool = Field(default=False, description="Context from after the article was written")
    when: str | None = Field(default=None, description="When the event happened, for context entries")
    related: list[Id] = Field(default_factory=list)

    @field_validator("correction")
    @classmethod
    def _garbled_needs_correction(cls, value: Correction | None, info: ValidationInfo) -> Correction | None:
        # The same rule bot.loader applies to inaccurate entries: the clear wording is what answers give.
        # Checked here so that the loader needs no change; reported at the entry as `<id>.correction`.
        if value is None and info.data.get("status") is Status.GARBLED:
            raise ValueError("a garbled entry needs a correction (the clear wording) with a source")
        return value

    @property
    def flagged(self) -> bool:
        return self.status.flagged


class Knowledge(BaseModel):
    """A validated, immutable snapshot of all knowledge files; swapped whole on reload."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    article: Article
    sides: list[Side]
    entries: list[Entry]
    files: tuple[str, ...] = ()
    digest: str = ""

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def sides_by_id(self) -> dict[str, Side]:
        return {s.id: s for s in self.sides}

    @cached_property
    def urls(self) -> frozenset[str]:
        """Every source link the knowledge holds: the only links an answer may carry."""
        return frozenset(s.url for e in self.entries
                         for s in [*e.sources, *(e.correction.sources if e.correction else [])] if s.url)

    @property
    def version(self) -> str:
        """A short content hash: what the bot logs and stores with each answer."""
        return self.digest[:12]

    def entry(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)

    def side_name(self, side_id: str) -> str:
        side = self.sides_by_id.get(side_id)
        return side.name if side else side_id

    def flagged(self) -> list[Entry]:
        return [e for e in self.entries if e.flagged]

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for entry in self.entries:
            counts[entry.status.value] += 1
        return counts

    def summary(self) -> str:
        by_status = ", ".join(f"{n} {status}" for status, n in self.counts().items())
        return (
            f"{len(self.entries)} entries ({by_status}), {len(self.sides)} sides, "
            f"{len(self.article.paragraphs)} paragraphs in {len(self.files)} files; version {self.version}"
        )


def digest_of(chunks: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(chunk)
    return h.hexdigest()
