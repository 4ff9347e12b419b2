"""The core of Parley: ``answer(question, conversation, knowledge, model) -> Answer``, with no Discord in it.

question (validated) -> understand (kind, entries, scope) -> compose (model, or offline) -> guard -> Answer.
The offline answer is always composed first: it is the reply when no model is configured, and the
fallback, with a notice, whenever the model is unavailable or its reply fails the guard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.core.answer import Answer, Draft, Kind, Usage
from bot.core.compose import compose_offline
from bot.core.conversation import Conversation, Turn
from bot.core.guard import check, enforce
from bot.core.understand import Understanding, understand
from bot.errors import InvalidModelOutput, ModelUnavailable
from bot.knowledge.schema import Knowledge
from bot.render import render, split

UNAVAILABLE = "The model is unavailable right now, so this answer comes from the knowledge alone."
REJECTED = "The model's reply did not pass Parley's checks, so this answer comes from the knowledge alone."


@dataclass(frozen=True)
class DraftRequest:
    """Everything a model needs to phrase an answer; built by the engine, read by the model adapter."""

    context: Understanding
    conversation: Conversation | None
    knowledge: Knowledge


@dataclass(frozen=True)
class ModelReply:
    draft: Draft
    usage: Usage
    prompt_version: str


Checker = Callable[[Draft], list[str]]


class Model(Protocol):
    """A model that phrases answers. It owns its retries, and uses ``check`` to validate each draft:
    a draft with reasons is retried once with them; it raises ``ModelUnavailable`` or
    ``InvalidModelOutput`` (with ``.usage`` when tokens were spent) when it cannot deliver one."""

    name: str

    async def draft(self, request: DraftRequest, check: Checker) -> ModelReply: ...

    async def aclose(self) -> None: ...


def from_draft(draft: Draft, ctx: Understanding) -> Answer:
    return Answer(question=ctx.question, kind=ctx.kind, in_scope=draft.in_scope, lead=draft.lead,
                  lead_cites=draft.lead_cites, points=draft.points, positions=draft.positions,
                  sides_focus=ctx.sides, mode="llm")


def draft_problems(draft: Draft, ctx: Understanding, knowledge: Knowledge) -> list[str]:
    reasons = check(from_draft(draft, ctx), knowledge)
    if not draft.in_scope:
        ids = ", ".join(e.id for e in ctx.entries) or "the entries given"
        reasons.append(f"says the knowledge does not cover the question, but it does ({ids})")
    return reasons


async def answer(question: str, conversation: Conversation | None, knowledge: Knowledge,
                 model: Model | None = None, *, max_chars: int = 500, kind: Kind | None = None) -> Answer:
    """Answer one question. Raises ``BadQuestion`` for an empty, oversized or mention-only question.

    ``kind`` forces how the question is treated (e.g. ``Kind.SIDES`` for ``/sides topic``)."""
    ctx = understand(question, conversation, knowledge, max_chars, kind)

    def offline(**update: Any) -> Answer:
        # Composed only when it is the answer: with a model, the happy path never pays for it.
        return enforce(compose_offline(ctx, knowledge), knowledge).model_copy(update=update)

    if model is None or not ctx.in_scope or not ctx.entries:
        # Nothing for a model to phrase: off-topic, or an instruction with no question in it.
        return offline()
    try:
        reply = await model.draft(DraftRequest(ctx, conversation, knowledge),
                                  lambda d: draft_problems(d, ctx, knowledge))
    except ModelUnavailable as exc:
        return offline(notice=UNAVAILABLE, usage=exc.usage)
    except InvalidModelOutput as exc:
        return offline(notice=REJECTED, usage=exc.usage)
    result = enforce(from_draft(reply.draft, ctx), knowledge)
    if check(result, knowledge):  # the adapter should never hand back a failing draft; never trust that
        return offline(notice=REJECTED, usage=reply.usage)
    return result.model_copy(update={"usage": reply.usage, "prompt_version": reply.prompt_version})


def remember(conversation: Conversation, result: Answer, knowledge: Knowledge, text: str | None = None) -> None:
    """Add a turn so a follow-up can lean on it. ``text``: the answer as already rendered, if it was."""
    conversation.add(Turn(question=result.question, answer=text if text is not None else render(result, knowledge),
                          cited=tuple(result.cited_ids()), sides=tuple(result.sides_focus)))


def as_json(result: Answer, knowledge: Knowledge) -> dict[str, Any]:
    """The CLI's ``ask --json`` object: a contract (DESIGN.md), so exactly these keys."""
    text = render(result, knowledge)
    return {
        "question": result.question,
        "mode": result.mode,
        "in_scope": result.in_scope,
        "text": text,
        "messages": split(text),
        "citations": [c.model_dump(mode="json") for c in result.citations(knowledge)],
        "flags": [{"id": f.id, "status": f.status.value,
                   "positions": [{"side": p.side, "says": p.says} for p in f.positions]} for f in result.flags],
    }
