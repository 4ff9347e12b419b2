"""``python -m bot bench``: measure Parley against DESIGN.md's targets and print the figures.

Timings are medians over repeated runs on this machine; they are reported, never asserted in tests.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.core.engine import answer
from bot.core.retrieval import index_for
from bot.errors import BadQuestion
from bot.knowledge.loader import load_knowledge
from bot.knowledge.schema import Knowledge
from bot.settings import Settings
from bot.tools.figures import Report, machine, median_ms, p95_ms, questions
from bot.tools.synthetic import generate


async def time_each(items: list[str], rounds: int, fn: Callable[[str], Awaitable[Any]]) -> list[float]:
    samples = []
    for _ in range(rounds):
        for item in items:
            start = time.perf_counter()
            try:
                await fn(item)
            except BadQuestion:
                continue
            samples.append(time.perf_counter() - start)
    return samples


async def offline_figures(report: Report, knowledge: Knowledge, qs: list[str], rounds: int,
                          big_source: Knowledge, max_chars: int) -> None:
    for label, k, target in (("bundled", knowledge, 5.0), ("5,000 entries", big_source, 25.0)):
        start = time.perf_counter()
        index = index_for(k)  # built once per knowledge snapshot; reported, then excluded from answer times
        report.add(f"index build ({label})", (time.perf_counter() - start) * 1000, "ms")

        async def ask(q: str, k: Knowledge = k) -> Any:
            return await answer(q, None, k, max_chars=max_chars)

        async def search(q: str, index: Any = index) -> Any:
            return index.search(q)

        samples = await time_each(qs, rounds, ask)
        report.add(f"offline answer, median ({label})", median_ms(samples), "ms", target)
        report.add(f"offline answer, p95 ({label})", p95_ms(samples), "ms")
        report.add(f"retrieval alone, median ({label})", median_ms(await time_each(qs, rounds, search)), "ms")


def load_figures(report: Report, folder: Path, rounds: int) -> None:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        load_knowledge(folder)
        samples.append(time.perf_counter() - start)
    report.add("knowledge load + validation, median", median_ms(samples), "ms", 100.0)


def startup_figure(report: Report, folder: Path) -> None:
    """A fresh interpreter: import, settings, knowledge, index, the bot and its cogs, without connecting."""
    code = ("import time,asyncio; t=time.perf_counter(); from bot.discord_app.app import ready_without_connecting; "
            f"asyncio.run(ready_without_connecting({str(folder)!r})); print(time.perf_counter()-t)")
    samples = []
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
        if out.returncode != 0:
            report.add("start-up to ready", -1, "s", note=f"failed: {out.stderr.strip().splitlines()[-1:]}")
            return
        samples.append(time.perf_counter() - start)
    report.add("start-up to ready (no connection), median", statistics.median(samples), "s", 1.5)


async def main(settings: Settings, *, as_json: bool = False, quick: bool = False, soak: int | None = None) -> int:
    if soak:
        from bot.tools.soak import run_soak

        return await run_soak(settings, soak, as_json=as_json)
    report = Report()
    knowledge = load_knowledge(settings.knowledge_dir)
    qs = questions()
    rounds = 2 if quick else 10
    load_figures(report, settings.knowledge_dir, 3 if quick else 20)
    big = generate(knowledge, 5000)  # one generated knowledge for both halves (its index is built once too)
    await offline_figures(report, knowledge, qs, rounds, big, settings.max_question_chars)
    from bot.tools.bench_model import model_figures

    await model_figures(report, knowledge, qs, settings, quick=quick, big=big)
    startup_figure(report, settings.knowledge_dir)
    report.add("peak memory (RSS)", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MiB")
    if as_json:
        print(json.dumps({"machine": machine(), "figures": [f.__dict__ for f in report.figures]}, indent=2))
    else:
        print(f"Parley bench — {machine()}\n")
        print(report.table())
    return 0
