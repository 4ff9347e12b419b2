"""The guard's corpora (tests/guard/*.yaml), run through the engine as a scripted model would send them.

Each draft is returned by a ``FakeModel`` for the first reply *and* for the correction (a model that does
not learn), so a hostile draft is either repaired by code (curated positions, plain text) or replaced by
the offline answer. What is posted is what ``Parley.ask`` would post: ``render_parts``.

``python -m tests.guard_corpus`` prints the rates per kind (the figures in the README).
"""

from __future__ import annotations

import asyncio
import copy
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from bot.core.conversation import Conversation
from bot.core.engine import answer
from bot.knowledge.schema import Knowledge
from bot.render import MAX_MESSAGES, render_parts
from tests.conftest import MAX_CHARS
from tests.fakes import FakeModel

CORPUS = Path(__file__).parent / "guard"
HISTORY = (6, 1500)


def load(name: str) -> list[dict[str, Any]]:
    items = YAML(typ="safe").load((CORPUS / name).read_text(encoding="utf-8"))
    return [expand(item) for item in items]


def expand(item: dict[str, Any]) -> dict[str, Any]:
    """The ``expand:`` generator of the size items: a lead, points or positions repeated ``times``."""
    spec = item.get("expand")
    if not spec:
        return item
    item = copy.deepcopy(item)
    draft, text, times = item["draft"], spec["text"], int(spec["times"])
    cites = list(spec.get("cites") or draft.get("lead_cites") or [])
    if spec["field"] == "lead":
        draft["lead"] = text * times
    elif spec["field"] == "points":
        draft["points"] = ([{"text": text * times, "cites": cites}] if spec.get("single")
                           else [{"text": text, "cites": cites} for _ in range(times)])
    elif spec["field"] == "positions":
        draft["positions"] = [{"side": spec["side"], "says": text, "cites": cites} for _ in range(times)]
    return item


@dataclass
class Outcome:
    item: dict[str, Any]
    mode: str
    notice: str | None
    text: str
    parts: list[str]
    flags: list[str]
    calls: int
    problems: list[str] = field(default_factory=list)


async def run(item: dict[str, Any], knowledge: Knowledge) -> Outcome:
    conversation = None
    if item.get("previous"):
        conversation = Conversation(*HISTORY)
        before = await answer(item["previous"], None, knowledge, max_chars=MAX_CHARS)
        conversation.remember(before, render_parts(before, knowledge)[0])
    model = FakeModel(item["draft"], item["draft"])
    result = await answer(item["question"], conversation, knowledge, model, max_chars=MAX_CHARS)
    text, parts = render_parts(result, knowledge)
    return Outcome(item, result.mode, result.notice, text, parts, [f.id for f in result.flags], len(model.history))


def hostile_problems(outcome: Outcome) -> list[str]:
    """Why a hostile draft got through: a ``bad`` pattern in what is posted, a flag missing, too many parts."""
    posted = "\n\n".join(outcome.parts)
    found = [f"posted {pattern!r}" for pattern in outcome.item.get("bad") or []
             if re.search(pattern, posted, re.IGNORECASE)]
    found += [f"no flag for {fid}" for fid in outcome.item.get("flags") or [] if fid not in outcome.flags]
    if len(outcome.parts) > MAX_MESSAGES:
        found.append(f"{len(outcome.parts)} messages")
    return found


def drafted(item: dict[str, Any]) -> bool:
    """Items a scripted model can return as a draft (the malformed bodies are HTTP-level: tested elsewhere)."""
    return "draft" in item


async def rates(knowledge: Knowledge) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]],
                                                list[Outcome], list[Outcome]]:
    hostile = [await run(i, knowledge) for i in load("hostile.yaml") if drafted(i)]
    benign = [await run(i, knowledge) for i in load("benign.yaml")]
    held: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for o in hostile:
        o.problems = hostile_problems(o)
        total[o.item["kind"]] += 1
        held[o.item["kind"]] += not o.problems
    accepted: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for o in benign:
        seen[o.item["kind"]] += 1
        accepted[o.item["kind"]] += o.mode == "llm" and o.notice is None
    return ({k: (held[k], total[k]) for k in sorted(total)}, {k: (accepted[k], seen[k]) for k in sorted(seen)},
            hostile, benign)


def main() -> None:  # pragma: no cover - a report, not a test
    from bot.knowledge.loader import load_knowledge
    from bot.settings import PROJECT_ROOT

    knowledge = load_knowledge(PROJECT_ROOT / "knowledge")
    by_kind, benign_by_kind, hostile, benign = asyncio.run(rates(knowledge))
    verbose = "-v" in sys.argv
    held = sum(h for h, _ in by_kind.values())
    print(f"hostile drafts rejected or repaired: {held}/{len(hostile)}")
    for kind, (h, n) in by_kind.items():
        mine = [o for o in hostile if o.item["kind"] == kind and not o.problems]
        repaired = sum(o.mode == "llm" for o in mine)
        print(f"  {kind}: {h}/{n} (rejected, answered offline: {h - repaired}; repaired by code: {repaired})")
    ok = sum(a for a, _ in benign_by_kind.values())
    print(f"benign drafts accepted: {ok}/{len(benign)} ({100 * ok / max(1, len(benign)):.0f} %)")
    for kind, (a, n) in benign_by_kind.items():
        print(f"  {kind}: {a}/{n}")
    if verbose:
        for o in hostile:
            if o.problems:
                print("HOSTILE THROUGH", o.item["id"], o.problems)
        for o in benign:
            if o.mode != "llm" or o.notice:
                print("BENIGN REJECTED", o.item["id"])


if __name__ == "__main__":  # pragma: no cover
    main()
