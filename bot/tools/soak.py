"""``python -m bot bench --soak N``: N questions through the whole pipeline against a model that fails at random.

The model is an OpenAI-compatible server on loopback whose every reply is drawn (seeded, so a run can be
repeated) from: a good draft, 429 with ``Retry-After``, 500, a reply slower than the timeout, malformed JSON,
a draft that takes a side and pings ``@everyone``, a draft citing entries that do not exist, and the guard's
hostile kinds (a paraphrased or hidden verdict, forged marks, an invented fact, another language, positions
that rule or share one text, a flag dodged by citing a neighbour, an oversized draft). Questions
go through ``Parley.ask`` — the path the Discord bot uses — with the real ``openai`` client, retry policy,
guard and SQLite store, many at a time.

It checks what DESIGN.md promises: every question gets exactly one answer, and each one is safe (it passes
the guard, carries the flags of what it cites and of what the question is about, has no live ping, fits
Discord's limit in at most ``MAX_MESSAGES`` messages); every answer is in
the store; no task is left pending; memory stays flat. It exits non-zero when any of that fails.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.answer import Answer, flags_for
from bot.core.guard import check, flag_ids
from bot.core.mentions import PING
from bot.knowledge.schema import Knowledge
from bot.llm.adapter import OpenAIModel
from bot.render import DISCORD_LIMIT, MAX_MESSAGES
from bot.service import Parley
from bot.settings import Settings
from bot.store import Where
from bot.tools.figures import questions
from bot.tools.loopback import LoopbackServer, Received, Reply, default_draft

SEED = 20211018
CONCURRENCY = 25
# What the model does, and how often (weights). "slow" outlasts the per-call timeout below.
FAULTS = {"good": 40, "rate-limited": 14, "server-error": 10, "slow": 8, "malformed": 10, "takes-a-side": 10,
          "unknown-ids": 8,
          # the guard's hostile kinds (tests/guard/hostile.yaml has each in many phrasings)
          "verdict-paraphrase": 4, "hidden-verdict": 4, "forged-marks": 4, "invented-fact": 4, "foreign-language": 3,
          "position-rules": 4, "shared-text": 3, "flag-dodge": 4, "oversized": 3}
TIMEOUT, DEADLINE = 0.4, 1.5  # seconds: one call, and all attempts for one question


def _faulty(rng: random.Random, tally: Counter[str], knowledge: Knowledge) -> Callable[[Received], Reply]:
    kinds, weights = list(FAULTS), list(FAULTS.values())
    plain = next(e.id for e in knowledge.entries if not e.flagged)

    def script(received: Received) -> Reply:
        kind = rng.choices(kinds, weights)[0]
        tally[kind] += 1
        if kind == "rate-limited":
            return Reply(status=429, headers={"Retry-After": "0.05"})
        if kind == "server-error":
            return Reply(status=500)
        if kind == "slow":
            return Reply(delay=TIMEOUT * 3)
        if kind == "malformed":
            return Reply(content='{"in_scope": true, "lead": "The Russian gov')
        draft = default_draft(received)
        if kind == "takes-a-side":
            return Reply(draft={**draft, "lead": "I think Russia is clearly right. @everyone agree."})
        if kind == "unknown-ids":
            return Reply(draft={**draft, "lead_cites": ["no-such-entry"]})
        return Reply(draft=_hostile(kind, draft, plain))

    return script


def _hostile(kind: str, draft: dict[str, Any], plain: str) -> dict[str, Any]:
    """A draft of one of the guard's hostile kinds, built on the valid draft for the request."""
    cites = draft.get("lead_cites") or [plain]
    if kind == "verdict-paraphrase":
        return {**draft, "lead": "The evidence leaves little doubt: Moscow's account does not hold up."}
    if kind == "hidden-verdict":  # a zero-width space, a Cyrillic letter, a line break
        return {**draft, "lead": "Russia is guil\u200bty,\nand the Kr\u0435mlin li\u200bed."}
    if kind == "forged-marks":
        return {**draft, "lead": "> **The documented record:** ✅ NATO is right. -# Parley verified this <#1234>"}
    if kind == "invented-fact":
        return {**draft, "points": [{"text": "Russia admitted in 2020 that its agents did it.", "cites": cites}]}
    if kind == "foreign-language":
        return {**draft, "lead": "Rusia bersalah, und Russland lügt: c'est la vérité."}
    if kind == "position-rules":  # a party's position with free text, and a neutral side that rules
        return {**draft, "positions": [{"side": "russia", "says": "NATO is the aggressor; everyone knows it.",
                                        "cites": cites},
                                       {"side": "record", "says": "The record proves Russia is lying.",
                                        "cites": cites}]}
    if kind == "shared-text":
        says = "Both sides agree that this is settled."
        return {**draft, "positions": [{"side": s, "says": says, "cites": cites} for s in ("russia", "nato")]}
    if kind == "flag-dodge":  # about a flagged topic, citing only an unflagged entry
        return {**draft, "lead": "Here is what the knowledge records.", "lead_cites": [plain], "points": []}
    if kind == "oversized":
        return {**draft, "points": [{"text": "Russia lied. " * 50, "cites": cites}] * 3000}
    return draft


def rss_mib() -> float:
    """The resident set size now (not the peak), from /proc."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # not Linux: fall back to the peak, which can only understate flatness
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Outcome:
    questions: int = 0
    answered: int = 0
    llm: int = 0
    offline_fallback: int = 0
    offline_direct: int = 0
    unsafe: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    memory: list[tuple[int, float]] = field(default_factory=list)
    stored: int = 0
    pending_tasks: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    most_messages: int = 0  # the most messages one answer was posted as
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return (self.answered == self.questions == self.stored and not self.unsafe and not self.errors
                and self.pending_tasks == 0)

    def as_dict(self) -> dict[str, object]:
        return {"questions": self.questions, "answered": self.answered, "safe": self.answered - len(self.unsafe),
                "stored": self.stored, "llm": self.llm, "offline_fallback": self.offline_fallback,
                "offline_direct": self.offline_direct, "pending_tasks": self.pending_tasks,
                "latency_ms": {"median": round(statistics.median(self.latencies), 1) if self.latencies else None,
                               "max": round(max(self.latencies), 1) if self.latencies else None},
                "memory_mib": [{"after": n, "rss": round(m, 1)} for n, m in self.memory],
                "faults_served": dict(self.faults), "most_messages": self.most_messages,
                "seconds": round(self.seconds, 1),
                "unsafe": self.unsafe[:20], "errors": self.errors[:20], "ok": self.ok}


def unsafe_in(reply_text: str, parts: list[str], result: Answer, knowledge: Knowledge) -> list[str]:
    found = check(result, knowledge)
    if PING.search(reply_text):
        found.append("a live ping")
    if any(len(p) > DISCORD_LIMIT or not p.strip() for p in parts):
        found.append("a part over the limit or empty")
    if len(parts) > MAX_MESSAGES:
        found.append(f"{len(parts)} messages, over the cap of {MAX_MESSAGES}")
    if [f.id for f in result.flags] != [f.id for f in flags_for(flag_ids(result), knowledge)]:
        found.append("flags differ from what the cited and asked-about entries' status requires")
    return found


async def soak(settings: Settings, n: int, *, seed: int = SEED) -> Outcome:
    rng = random.Random(seed)
    asked = questions()
    outcome = Outcome(questions=n)
    with tempfile.TemporaryDirectory(prefix="parley-soak-") as tmp:
        async with LoopbackServer(keep_requests=False) as server:
            run = settings.model_copy(update={
                "openai_base_url": server.base_url, "openai_api_key": None, "model_timeout": TIMEOUT,
                "model_deadline": DEADLINE, "model_attempts": 3, "db_path": Path(tmp) / "soak.sqlite3",
                "knowledge_poll_seconds": 0})
            service = await Parley.start(run, model=OpenAIModel.from_settings(run))
            server.script = _faulty(rng, outcome.faults, service.knowledge)
            gate = asyncio.Semaphore(CONCURRENCY)
            done = 0
            gc.collect()
            outcome.memory.append((0, rss_mib()))
            started = time.perf_counter()

            async def one(i: int) -> None:
                nonlocal done
                question = asked[i % len(asked)]
                async with gate:
                    t0 = time.perf_counter()
                    try:
                        reply = await service.ask(question, where=Where.soak())
                    except Exception as exc:  # a lost question: exactly what the soak is here to catch
                        outcome.errors.append(f"{question!r}: {type(exc).__name__}: {exc}")
                        return
                    outcome.latencies.append((time.perf_counter() - t0) * 1000)
                outcome.answered += 1
                mode = reply.answer.mode
                outcome.llm += mode == "llm"
                outcome.offline_fallback += mode == "offline" and reply.answer.notice is not None
                outcome.offline_direct += mode == "offline" and reply.answer.notice is None
                outcome.most_messages = max(outcome.most_messages, len(reply.parts))
                bad = unsafe_in(reply.text, reply.parts, reply.answer, reply.knowledge)
                if reply.answer_id is None:
                    bad.append("not recorded")
                if bad:
                    outcome.unsafe.append(f"{question!r}: {'; '.join(bad)}")
                done += 1
                if done in {n // 10, n // 2, n}:
                    gc.collect()
                    outcome.memory.append((done, rss_mib()))

            try:
                await asyncio.gather(*(one(i) for i in range(n)))
                outcome.seconds = time.perf_counter() - started
                outcome.stored = (await service.store.counts()).get("answers", 0)
            finally:
                await service.close()
        await asyncio.sleep(0)  # let cancelled handlers of the server finish
        current = asyncio.current_task()
        outcome.pending_tasks = len([t for t in asyncio.all_tasks() if t is not current and not t.done()])
    return outcome


async def run_soak(settings: Settings, n: int, *, as_json: bool = False) -> int:
    outcome = await soak(settings, n)
    data = outcome.as_dict()
    if as_json:
        print(json.dumps(data, indent=2))
        return 0 if outcome.ok else 1
    latency = data["latency_ms"]
    assert isinstance(latency, dict)
    print(f"Soak: {n} questions, {CONCURRENCY} at a time, against a model that fails at random "
          f"(seed {SEED}; per call {TIMEOUT} s, per question {DEADLINE} s)")
    print(f"  model replies served: {', '.join(f'{k} {v}' for k, v in outcome.faults.most_common())}")
    print(f"  answered: {outcome.answered}/{n} — from the model {outcome.llm}, offline after a failure "
          f"{outcome.offline_fallback}, offline by design (nothing to phrase) {outcome.offline_direct}")
    print(f"  messages per answer: at most {outcome.most_messages} (cap {MAX_MESSAGES})")
    print(f"  safe: {outcome.answered - len(outcome.unsafe)}/{outcome.answered}; in the store: {outcome.stored}/{n}; "
          f"tasks left pending: {outcome.pending_tasks}")
    print(f"  latency: median {latency['median']} ms, max {latency['max']} ms (bound {DEADLINE * 1000:.0f} ms "
          f"+ the answer's own work); {outcome.seconds:.1f} s in all")
    print("  memory (RSS): " + ", ".join(f"{m:.1f} MiB after {k}" for k, m in outcome.memory))
    for line in [*outcome.errors[:10], *outcome.unsafe[:10]]:
        print(f"  PROBLEM {line}")
    print("soak: ok" if outcome.ok else "soak: FAILED")
    return 0 if outcome.ok else 1
