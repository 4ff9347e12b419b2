"""What changed between two knowledge snapshots, as a moderator reviews it before pressing Apply.

Entries are compared by id: added, removed, changed (any field), and among the changes the status moves
and the new flags (an entry that is flagged now and was not, or is new and flagged). Balance warnings
point at edits that can tip answers toward one side while every rule of the loader still holds: what the
balance rule (``bot.knowledge.balance``, the one ``check`` reports) warns about after the edit and did not
before, and what only a comparison can see — a flag taken off, a flagged claim removed, a side's position
dropped from a flagged entry. Pure functions of two ``Knowledge`` values; no Discord, no files.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.balance import balance
from bot.knowledge.schema import Entry, Knowledge, Status


@dataclass(frozen=True)
class StatusMove:
    id: str
    old: Status
    new: Status


@dataclass(frozen=True)
class Change:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    statuses: tuple[StatusMove, ...] = ()
    new_flags: tuple[tuple[str, Status], ...] = ()
    warnings: tuple[str, ...] = ()
    other: tuple[str, ...] = ()  # the article or the sides changed
    fields: tuple[tuple[str, ...], ...] = ()  # for each of ``changed``, the fields that changed

    def fields_of(self, entry_id: str) -> tuple[str, ...]:
        return dict(zip(self.changed, self.fields, strict=True)).get(entry_id, ())

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.other)

    def brief(self) -> str:
        """One line for the history: counts, then the ids, then the status moves."""
        if self.empty:
            return "no change to the entries"
        parts = []
        for label, ids in (("added", self.added), ("changed", self.changed), ("removed", self.removed)):
            if ids:
                parts.append(f"{label} {_ids(ids, 4)}")
        parts += [f"{m.id} {m.old} → {m.new}" for m in self.statuses[:3]]
        parts += list(self.other)
        return "; ".join(parts)


def diff(old: Knowledge, new: Knowledge) -> Change:
    before, after = old.by_id, new.by_id
    added = tuple(e.id for e in new.entries if e.id not in before)
    removed = tuple(e.id for e in old.entries if e.id not in after)
    changed = tuple(e.id for e in new.entries if e.id in before and before[e.id] != e)
    statuses = tuple(StatusMove(i, before[i].status, after[i].status) for i in changed
                     if before[i].status is not after[i].status)
    new_flags = tuple((e.id, e.status) for e in new.entries
                      if e.flagged and (e.id not in before or not before[e.id].flagged))
    fields = tuple(tuple(name for name in Entry.model_fields if getattr(before[i], name) != getattr(after[i], name))
                   for i in changed)
    other = []
    if old.article != new.article:
        other.append("the article changed")
    if old.sides != new.sides:
        other.append("the sides changed")
    return Change(added, removed, changed, statuses, new_flags, tuple(_warnings(old, new, changed, removed)),
                  tuple(other), fields)


def _warnings(old: Knowledge, new: Knowledge, changed: tuple[str, ...], removed: tuple[str, ...]) -> list[str]:
    out = []
    for entry_id in removed:
        entry = old.by_id[entry_id]
        if entry.flagged:
            out.append(f"`{entry_id}` was flagged ({entry.status}) and is removed: answers no longer flag that claim")
    for entry_id in changed:
        was, now = old.by_id[entry_id], new.by_id[entry_id]
        if was.flagged and not now.flagged:
            out.append(f"`{entry_id}` is no longer flagged ({was.status} → {now.status}): answers will state it "
                       "without the competing positions")
        dropped = sorted({p.side for p in was.positions} - {p.side for p in now.positions})
        if now.flagged and dropped:
            out.append(f"`{entry_id}` no longer gives the position of {_names(new, dropped)}")
    before = set(balance(old).warnings)
    for warning in balance(new).warnings:
        if warning not in before:
            entry_id, _, rest = warning.partition(": ")
            out.append(f"`{entry_id}`: {rest}" if rest else warning)
    return out


def _names(knowledge: Knowledge, side_ids: list[str]) -> str:
    return ", ".join(knowledge.side_name(s) for s in side_ids)


def _ids(ids: tuple[str, ...], limit: int) -> str:
    shown = ", ".join(ids[:limit])
    return f"{len(ids)} ({shown}{', …' if len(ids) > limit else ''})"
