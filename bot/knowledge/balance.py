"""How evenly the knowledge gives each party its say: words per camp, and the entries that fall short.

``balance(knowledge)`` is a pure function of a loaded ``Knowledge``; it reads nothing and prints nothing.

The rule
--------
Sides fall into three camps:

- ``nato`` — "NATO and its members": the side ``nato`` and every side with ``part_of: nato`` (UK, US,
  Germany);
- ``russia`` — "the Russian government": the side ``russia``;
- ``others`` — every other side that is not ``neutral`` (Ukraine, Georgia, the EU, the author, critics…).

Neutral sides (the documented record, historians) are not parties: their words are not counted.

For every ``contested`` entry, the *parties* are the non-neutral sides that hold the claim (``held_by``)
or give a position. A contested entry is balanced when:

1. every party has a position of its own, or one of its members does (the UK's answers for NATO, as the
   guard lets a UK view stand as NATO's; NATO's does not answer for Germany, nor the EU's for Georgia):
   a side that holds a claim is never left without its say;
2. at least two camps give a position (a dispute inside one camp is not a dispute the entry shows);
3. no camp with a position has more than twice the words of another camp with a position
   (``MAX_RATIO``). Only camps that take part are compared, so a Georgia–Russia entry compares Georgia's
   camp with Russia's and does not require NATO to speak.

Every position of every entry, contested or not, must also say who said it (``speaker``): attribution is
owed to every side alike.

Words are counted in a position's ``says`` (letters and digits; "NATO's" is one word).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.knowledge.schema import Entry, Knowledge, Status

NATO, RUSSIA, OTHERS = "nato", "russia", "others"
CAMPS = (NATO, RUSSIA, OTHERS)
CAMP_NAMES = {NATO: "NATO and its members", RUSSIA: "the Russian government", OTHERS: "others"}
MAX_RATIO = 2.0
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class EntryBalance:
    id: str
    words: Mapping[str, int]  # camp -> words of its positions (every camp, 0 when silent)
    voices: Mapping[str, int]  # camp -> number of positions
    parties: tuple[str, ...]  # the non-neutral sides that hold the claim or give a position


@dataclass(frozen=True)
class BalanceReport:
    entries: list[EntryBalance] = field(default_factory=list)
    total: Mapping[str, int] = field(default_factory=dict)  # camp -> words over all contested entries
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.warnings

    def table(self) -> str:
        """One line per contested entry: words (and positions) per camp."""
        head = f"{'entry':32} " + " ".join(f"{c:>12}" for c in CAMPS)
        lines = [head]
        for e in self.entries:
            lines.append(f"{e.id:32} " + " ".join(f"{e.words[c]:>8} ({e.voices[c]})" for c in CAMPS))
        lines.append(f"{'total':32} " + " ".join(f"{self.total.get(c, 0):>12}" for c in CAMPS))
        return "\n".join(lines)


def camp_of(side_id: str, knowledge: Knowledge) -> str | None:
    """The camp a side speaks for, or None for a neutral side (not a party)."""
    side = knowledge.sides_by_id.get(side_id)
    if side is None or side.neutral:
        return None
    if side.id == NATO or side.part_of == NATO:
        return NATO
    if side.id == RUSSIA:
        return RUSSIA
    return OTHERS


def balance(knowledge: Knowledge) -> BalanceReport:
    """Words per camp for each contested entry and in total, with a warning for each breach of the rule
    in this module's docstring."""
    warnings: list[str] = []
    rows: list[EntryBalance] = []
    total = dict.fromkeys(CAMPS, 0)
    for entry in knowledge.entries:
        warnings += [f"{entry.id}: positions[{i}] ({p.side}) has no speaker"
                     for i, p in enumerate(entry.positions) if not p.speaker]
        if entry.status is not Status.CONTESTED:
            continue
        row = _entry_balance(entry, knowledge)
        rows.append(row)
        for camp in CAMPS:
            total[camp] += row.words[camp]
        warnings += _entry_warnings(entry, row, knowledge)
    return BalanceReport(entries=rows, total=total, warnings=warnings)


def _entry_balance(entry: Entry, knowledge: Knowledge) -> EntryBalance:
    words = dict.fromkeys(CAMPS, 0)
    voices = dict.fromkeys(CAMPS, 0)
    for pos in entry.positions:
        camp = camp_of(pos.side, knowledge)
        if camp is not None:
            words[camp] += word_count(pos.says)
            voices[camp] += 1
    sides = [*entry.held_by, *(p.side for p in entry.positions)]
    parties = tuple(dict.fromkeys(s for s in sides if camp_of(s, knowledge) is not None))
    return EntryBalance(id=entry.id, words=words, voices=voices, parties=parties)


def _entry_warnings(entry: Entry, row: EntryBalance, knowledge: Knowledge) -> list[str]:
    out: list[str] = []
    speakers = {p.side for p in entry.positions}
    for side in row.parties:
        members = {s.id for s in knowledge.sides if s.part_of == side}
        if not speakers & {side, *members}:
            out.append(f"{entry.id}: {side} is a party but the entry gives it no position")
    speaking = [c for c in CAMPS if row.voices[c]]
    if len(speaking) < 2:
        out.append(f"{entry.id}: only {', '.join(CAMP_NAMES[c] for c in speaking) or 'no party'} gives a "
                   "position; a contested entry needs the other party's")
        return out
    most = max(speaking, key=lambda c: row.words[c])
    least = min(speaking, key=lambda c: row.words[c])
    if row.words[most] > MAX_RATIO * row.words[least]:
        out.append(f"{entry.id}: {row.words[most]} words for {CAMP_NAMES[most]} against "
                   f"{row.words[least]} for {CAMP_NAMES[least]} (more than {MAX_RATIO:g}×)")
    return out
