"""The guard's reasons, rewritten as what a small model can do about them.

The guard (``bot.core.guard``, ``bot.core.support``) says what is wrong in its own terms: "the lead says
what the entries it cites do not hold (in Parley's own voice): police, nick". A 1.5B model does not act on
that; it rewords the same sentence again. So each reason it can act on is restated with the fix: which
words were not found, which of the entries given hold them (cite those), or else which numbered sentence to
copy instead; which entries give a side a position. Reasons this module does not know pass through as they
are. Nothing here judges a reply: the guard checks the corrected reply exactly as it checked the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.support import stem, tokens
from bot.knowledge.schema import Entry

_UNHELD = re.compile(r"^(?P<where>.+?) says what the entries it cites do not hold "
                     r"\((?P<voice>in Parley's own voice|in the words of (?P<side>[^)]+))\): (?P<words>.+)$")
_WRONG_SIDE = re.compile(r"^attributes a position to '(?P<side>[^']+)' that the entries it cites")
_NO_VIEW = re.compile(r"^(?P<where>.+?) attributes words to (?P<side>.+?), which the entries it cites give no view$")
_DEED = re.compile(r"^(?P<where>.+?) says in Parley's own voice that (?P<side>\S+) “(?P<deed>[^”]+)”")
_QUOTE = re.compile(r"^(?P<where>.+?) quotes words the entries it cites do not hold")
_VERDICT = re.compile(r"^(?P<where>.+?) gives a verdict")


def _field(where: str) -> str:
    """Where the guard found it, as the reply's field: "the lead" -> lead_cites, "point 2" -> point 2's cites."""
    return "lead_cites" if where == "the lead" else f"the cites of {where}"


def _words_of(entry: Entry) -> frozenset[str]:
    texts = [entry.title, entry.claim, entry.correction.says if entry.correction else "",
             *(p.says for p in entry.positions)]
    return frozenset(stem(w) for t in texts for w in tokens(t))


def _voices(entry: Entry, side: str) -> bool:
    return side in entry.held_by or any(p.side == side for p in entry.positions)


def _ids(entries: Sequence[Entry]) -> str:
    return ", ".join(e.id for e in entries)


def restate(reason: str, given: Sequence[Entry]) -> str:
    """One guard reason, with what to do about it in terms of the entries ``given`` with the question."""
    m = _UNHELD.match(reason)
    if m:
        words = [w.strip() for w in m["words"].split(",") if w.strip()]
        holding = [e for e in given if any(stem(w) in _words_of(e) for w in words)]
        text = f"{m['where'].capitalize()} uses words that are not in the entries it cites: {', '.join(words)}."
        if m["side"]:
            text += (f" A clause that says {m['side']} says something may only use {m['side']}'s own words"
                     f" (its \"position ({m['side']})\" line): copy that line, or drop the attribution and copy"
                     " a numbered claim sentence instead.")
        elif holding:
            text += (f" Entries given with the question that have some of them: {_ids(holding)}. Add the one you"
                     f" used to {_field(m['where'])}, or copy a numbered sentence of a cited entry instead.")
        else:
            text += " No entry given has them: remove them, and copy a numbered sentence of a cited entry instead."
        return text + " Do not reword the entries."
    m = _WRONG_SIDE.match(reason) or _NO_VIEW.match(reason)
    if m:
        side = m["side"]
        voicing = [e for e in given if _voices(e, side)]
        fix = (f"only these entries give {side} a view: {_ids(voicing)}; cite one of them for it"
               if voicing else f"no entry given gives {side} a view: leave {side} out")
        need = f"an entry with a \"position ({side})\" line or \"held by {side}\""
        return f"{reason}. A side's position needs {need}: {fix}."
    m = _DEED.match(reason)
    if m:
        return (f"{reason}. Copy the numbered sentence of a cited entry that says what {m['side']} did, word for"
                f" word, or add the entry that says it to {_field(m['where'])}.")
    m = _QUOTE.match(reason)
    if m:
        return f"{reason}. Words in quotation marks must be copied exactly from an entry; otherwise drop the marks."
    m = _VERDICT.match(reason)
    if m:
        fix = ("Make the lead \"I don't give verdicts or take sides; here is what each side says.\" and give each"
               " side's view in the positions" if m["where"] == "the lead" else
               f"Leave {m['where']} out, or copy an entry's sentence instead")
        return f"{reason}. Never say who is right. {fix}."
    return reason


def restated(reasons: Sequence[str], given: Sequence[Entry]) -> list[str]:
    return [restate(r, given) for r in reasons]
