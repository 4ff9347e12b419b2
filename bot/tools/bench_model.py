"""The model half of ``bench``: Parley's overhead over the bare client, event-loop lag, prompt tokens.

The loopback server runs in its own process and answers after 200 ms, like a fast hosted model; the same
requests go once through the bare ``openai`` client and once through Parley's whole model path
(understand, prompt, call, validate, guard, enforce), so the ratio is what Parley adds. Then the input
tokens per model answer and their share in the cacheable prefix, for the bundled knowledge (as sent within
``PARLEY_CONTEXT_TOKENS``, and whole, for comparison) and for a generated 5,000-entry one, whose answers
also go through the model over HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from typing import Any

import openai

from bot.core.engine import answer
from bot.core.understand import understand
from bot.knowledge.schema import Knowledge
from bot.llm import chat as messages
from bot.llm.adapter import OpenAIModel
from bot.llm.prompts import Prompt, load_prompt
from bot.settings import Settings
from bot.tools.figures import Report, median_ms, p95_ms
from bot.tools.synthetic import generate

DELAY = 0.2


@contextlib.asynccontextmanager
async def loopback_process(delay: float = DELAY) -> AsyncIterator[str]:
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.tools.loopback", "--delay", str(delay),
                                                stdout=asyncio.subprocess.PIPE)
    try:
        assert proc.stdout is not None
        port = int((await asyncio.wait_for(proc.stdout.readline(), 30)).decode())
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.kill()
        await proc.wait()


class LagMonitor:
    """Two views of the event loop while it works.

    ``worst``: the longest a 1 ms sleeper was woken late. With 50 replies arriving in one tick, the loop runs
    all their ready callbacks before its timers, so this adds up everyone's work (the bare client's too).
    ``longest_step``: the longest any single callback ran — how long one piece of code blocked the loop.
    """

    def __init__(self) -> None:
        self.worst = 0.0
        self.longest_step = 0.0
        self._task: asyncio.Task[None] | None = None
        self._original: Callable[..., Any] | None = None

    async def _run(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.001)
            self.worst = max(self.worst, time.perf_counter() - start - 0.001)

    def __enter__(self) -> LagMonitor:
        self._task = asyncio.get_running_loop().create_task(self._run())
        # asyncio has no public hook that times each callback (debug mode's slow-callback log costs more than
        # what it measures), so the bench wraps the one method every callback runs through.
        original = self._original = asyncio.events.Handle._run  # noqa: SLF001
        monitor = self

        def timed_run(handle: asyncio.events.Handle) -> None:
            start = time.perf_counter()
            try:
                original(handle)
            finally:
                monitor.longest_step = max(monitor.longest_step, time.perf_counter() - start)

        asyncio.events.Handle._run = timed_run  # type: ignore[method-assign,assignment]  # noqa: SLF001
        return self

    def __exit__(self, *exc: object) -> None:
        if self._original is not None:
            asyncio.events.Handle._run = self._original  # type: ignore[method-assign]  # noqa: SLF001
        if self._task:
            self._task.cancel()


async def timed(fn: Callable[[], Awaitable[Any]]) -> float:
    start = time.perf_counter()
    await fn()
    return time.perf_counter() - start


async def model_figures(report: Report, knowledge: Knowledge, qs: list[str], base: Settings, *,
                        quick: bool = False, big: Knowledge | None = None) -> None:
    """``base``: the operator's settings; the bench points them at its own loopback server."""
    in_scope = [q for q in qs if _in_scope(q, knowledge, base.max_question_chars)]
    prompt = load_prompt("answer")
    async with loopback_process() as base_url:
        settings = base.model_copy(update={"openai_base_url": base_url, "openai_api_key": None,
                                           "model_timeout": 30.0, "model_deadline": 60.0})
        client = openai.AsyncOpenAI(api_key="bench", base_url=base_url, max_retries=0, timeout=30)
        model = OpenAIModel.from_settings(settings, client=client)

        async def bare(q: str) -> Any:
            ctx = understand(q, None, knowledge, settings.max_question_chars)
            built = messages.build(prompt, knowledge, ctx, None, budget=settings.context_tokens)
            # The very request Parley sends (same dialect, schema and messages), through the plain client.
            params: dict[str, Any] = model.params(built, knowledge)
            return await client.chat.completions.create(**params, timeout=30)

        async def parley(q: str) -> Any:
            result = await answer(q, None, knowledge, model, max_chars=settings.max_question_chars)
            if result.mode != "llm":
                raise RuntimeError(f"bench: the model path fell back for {q!r}: {result.notice}")
            return result

        await asyncio.gather(bare(in_scope[0]), parley(in_scope[0]))  # warm: connections, prefix cache
        # As the running bot does once it is ready (bot.discord_app.app): the long-lived objects (knowledge,
        # index, clients) leave the collector's view, so a full collection no longer walks them and stalls
        # the loop for ~40 ms in the middle of 50 replies.
        gc.collect()
        gc.freeze()
        rounds = 1 if quick else 3
        one_bare, one_parley = [], []
        for _ in range(rounds):
            for q in in_scope[: 10 if quick else len(in_scope)]:
                one_bare.append(await timed(partial(bare, q)))
                one_parley.append(await timed(partial(parley, q)))
        _ratio(report, "1 at a time", one_bare, one_parley)

        batch = [in_scope[i % len(in_scope)] for i in range(50)]
        many_bare: list[float] = []
        many_parley: list[float] = []
        paired: list[float] = []
        bare_lag, parley_lag = LagMonitor(), LagMonitor()

        async def burst(fn: Callable[[str], Awaitable[Any]]) -> list[float]:
            return list(await asyncio.gather(*(timed(partial(fn, q)) for q in batch)))

        for n in range(2 if quick else 16):
            # Back to back, in alternating order, so that a change in the machine's load between rounds falls
            # on both sides alike; each round gives one ratio of medians, and their median is reported.
            if n % 2:
                p, b = await burst(parley), await burst(bare)
            else:
                b, p = await burst(bare), await burst(parley)
            many_bare += b
            many_parley += p
            paired.append(statistics.median(p) / statistics.median(b))
        _ratio(report, "50 at once", many_bare, many_parley, paired)
        # The loop is watched in rounds of their own: the monitor's own cost falls on every callback, and
        # Parley's path (retries, timeouts) has a few more of them than the bare call.
        for _ in range(1 if quick else 3):
            with bare_lag:
                await burst(bare)
            with parley_lag:
                await burst(parley)
        report.add("event loop blocked, longest step, Parley 50 at once", parley_lag.longest_step * 1000, "ms", 20.0)
        report.add("event loop blocked, longest step, bare client 50 at once", bare_lag.longest_step * 1000, "ms")
        report.add("timer wake-up delay, worst, Parley 50 at once", parley_lag.worst * 1000, "ms",
                   note="50 replies' work queued in one tick")
        report.add("timer wake-up delay, worst, bare client 50 at once", bare_lag.worst * 1000, "ms")

        results = [await answer(q, None, knowledge, model, max_chars=settings.max_question_chars) for q in in_scope]
        report.add("model answers from the model (bundled)", sum(r.mode == "llm" for r in results), "",
                   note=f"of {len(results)}")
        await client.close()
        token_figures(report, prompt, knowledge, in_scope, settings, "bundled")
        big = big or generate(knowledge, 5000)
        big_qs = [q for q in qs if _in_scope(q, big, base.max_question_chars)]
        token_figures(report, prompt, big, big_qs, settings, "5,000 entries", whole_too=False)
        # Model mode end to end at 5,000 entries, over HTTP: every answer must come from the model.
        client = openai.AsyncOpenAI(api_key="bench", base_url=base_url, max_retries=0, timeout=30)
        model = OpenAIModel.from_settings(settings, client=client)
        big_results = [await answer(q, None, big, model, max_chars=settings.max_question_chars) for q in big_qs[:20]]
        report.add("model answers from the model (5,000 entries)", sum(r.mode == "llm" for r in big_results), "",
                   note=f"of {len(big_results)}")
        await client.close()


def token_figures(report: Report, prompt: Prompt, knowledge: Knowledge, qs: list[str], settings: Settings,
                  label: str, whole_too: bool = True) -> None:
    """Input tokens per model answer (estimated as Parley budgets them) and the share in the stable prefix a
    prompt cache can reuse: as sent (within PARLEY_CONTEXT_TOKENS), and with the whole knowledge in the
    prefix, for comparison."""
    budgets = [("budgeted", settings.context_tokens)] + ([("whole knowledge", 10**6)] if whole_too else [])
    for how, budget in budgets:
        built = [messages.build(prompt, knowledge, understand(q, None, knowledge, settings.max_question_chars),
                                None, budget=budget) for q in qs]
        tokens = [b.tokens for b in built]
        kind = "whole knowledge" if built and built[0].whole else f"within {budget:,}" if budget < 10**6 else how
        report.add(f"input tokens per model answer, median ({label}, {kind})", statistics.median(tokens), "tokens")
        report.add(f"input tokens per model answer, max ({label}, {kind})", max(tokens), "tokens",
                   settings.context_tokens if how == "budgeted" else None)
        report.add(f"share of input in the cacheable prefix, median ({label}, {kind})",
                   statistics.median(b.prefix_tokens / b.tokens for b in built) * 100, "%")
    if not whole_too:
        whole = messages.count(messages.stable_context(knowledge, entries=True))
        report.add(f"the whole knowledge as a prompt ({label}), for scale", whole, "tokens", note="never sent")


def _in_scope(q: str, knowledge: Knowledge, max_chars: int) -> bool:
    try:
        ctx = understand(q, None, knowledge, max_chars)
        return ctx.in_scope and bool(ctx.entries)
    except Exception:
        return False


def _ratio(report: Report, label: str, bare: list[float], parley: list[float],
           paired: list[float] | None = None) -> None:
    report.add(f"model reply, bare client, median ({label})", median_ms(bare), "ms")
    report.add(f"model reply through Parley, median ({label})", median_ms(parley), "ms")
    ratio = statistics.median(paired) if paired else median_ms(parley) / median_ms(bare)
    note = f"median of {len(paired)} paired rounds ({min(paired):.3f}–{max(paired):.3f})" if paired else ""
    report.add(f"overhead ratio, median ({label})", ratio, "×", 1.02, note=note)
    report.add(f"overhead ratio, p95 ({label})", p95_ms(parley) / p95_ms(bare), "×")
