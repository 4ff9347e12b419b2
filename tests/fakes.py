"""Deterministic models for engine-level tests: no HTTP, no prompt, only the ``Model`` protocol.

``FakeModel`` replays a queue of drafts (or exceptions) and keeps a ``history`` of what it was asked;
``FunctionModel`` asks a function. Like any model, they return one draft per call and judge nothing: the
engine runs the guard and asks again with the reasons, which the history shows. For the HTTP path itself —
retries, timeouts, the real client — use ``bot.tools.loopback.LoopbackServer``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bot.core.answer import Draft, Usage
from bot.core.engine import DraftRequest, ModelReply
from bot.errors import InvalidModelOutput

Scripted = Draft | dict[str, Any] | BaseException
USAGE = Usage(input_tokens=100, cached_tokens=80, output_tokens=20, calls=1)  # what each fake call "costs"


@dataclass
class Asked:
    """One call the engine made: the request, and the guard's reasons it was retried with (if any)."""

    request: DraftRequest

    @property
    def reasons(self) -> list[str]:
        return self.request.correction.reasons if self.request.correction else []

    @property
    def entry_ids(self) -> list[str]:
        return [e.id for e in self.request.context.entries]


class _Base:
    name = "fake"
    prompt_version = "fake-v1"

    def __init__(self) -> None:
        self.history: list[Asked] = []
        self.closed = False

    async def _next(self, asked: Asked) -> Scripted:  # pragma: no cover - overridden
        raise NotImplementedError

    async def draft(self, request: DraftRequest) -> ModelReply:
        asked = Asked(request)
        self.history.append(asked)
        item = await self._next(asked)
        if isinstance(item, BaseException):
            if hasattr(item, "usage") and item.usage is None:
                item.usage = USAGE  # what real models do: tokens spent on the way travel on the error
            raise item
        try:
            draft = item if isinstance(item, Draft) else Draft.model_validate(item)
        except ValidationError as exc:  # what a real adapter does with a reply off the schema (or its bounds)
            raise InvalidModelOutput(f"the reply does not match the schema: {exc.errors()[0]['msg']}",
                                     usage=USAGE) from None
        return ModelReply(draft=draft, content=draft.model_dump_json(), usage=USAGE,
                          prompt_version=self.prompt_version)

    async def aclose(self) -> None:
        self.closed = True


class FakeModel(_Base):
    """``enqueue(draft_or_exception, ...)``; an empty queue is a test bug and fails loudly."""

    def __init__(self, *items: Scripted) -> None:
        super().__init__()
        self.queue: deque[Scripted] = deque(items)

    def enqueue(self, *items: Scripted) -> FakeModel:
        self.queue.extend(items)
        return self

    async def _next(self, asked: Asked) -> Scripted:
        if not self.queue:
            raise AssertionError(f"FakeModel has nothing queued for call {len(self.history)}")
        return self.queue.popleft()


class FunctionModel(_Base):
    """``FunctionModel(fn)``: ``fn(asked)`` returns (or awaits) a draft, a dict, or an exception to raise."""

    def __init__(self, fn: Callable[[Asked], Scripted | Awaitable[Scripted]]) -> None:
        super().__init__()
        self.fn = fn

    async def _next(self, asked: Asked) -> Scripted:
        result = self.fn(asked)
        return await result if isinstance(result, Awaitable) else result


def grounded(ids: list[str], lead: str = "Here is what the knowledge records.") -> dict[str, Any]:
    """A draft that passes the guard: a lead citing the first id, a point for each other id."""
    return {"in_scope": True, "lead": lead, "lead_cites": ids[:1],
            "points": [{"text": "The knowledge records this too.", "cites": [i]} for i in ids[1:]],
            "positions": []}
