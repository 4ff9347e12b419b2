"""The core of Parley: ``answer(question, conversation, knowledge, model) -> Answer``, with no Discord in it.

question (validated) -> understand (kind, entries, scope) -> compose (model, or offline) -> guard -> Answer.
The engine owns the model's rules: the guard runs once on every reply, a rejected reply is sent back once
with the reasons, and the offline answer (composed only when it is the answer) replaces a model that is
unavailable or whose corrected reply still fails.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from bot.core import language
from bot.core.answer import Answer, Draft, Kind, Usage
from bot.core.compose import compose_offline
from bot.core.conversation import Conversation
from bot.core.guard import check, enforce
from bot.core.understand import Understanding, understand
from bot.errors import InvalidModelOutput, ModelUnavailable
from bot.knowledge.schema import Knowledge

log = logging.getLogger("parley.engine")
UNAVAILABLE = "The model is unavailable right now, so this answer comes from the knowledge alone."
REJECTED = "The model's reply did not pass Parley's checks, so this answer comes from the knowledge alone."


@dataclass(frozen=True)
class Correction:
    """A reply the guard rejected, and why: the model is asked once to correct it."""

    reply: str
    reasons: list[str]


@dataclass(frozen=True)
class DraftRequest:
    """Everything a model needs to phrase an answer; built by the engine, read by the model adapter.

    ``started``: when the question began (``time.monotonic()``), so one deadline spans the draft and its
    correction. ``correction``: set on the one retry after the guard rejected a reply."""

    context: Understanding
    conversation: Conversation | None
    knowledge: Knowledge
    started: float = field(default_factory=time.monotonic)
    correction: Correction | None = None


@dataclass(frozen=True)
class ModelReply:
    draft: Draft
    content: str  # the reply as the model wrote it, to show it back if it must be corrected
    usage: Usage
    prompt_version: str


class Model(Protocol):
    """A model that phrases answers: one draft per call. It owns the transport (its retries of timeouts,
    rate limits and unparseable replies, within the deadline); it raises ``ModelUnavailable`` or
    ``InvalidModelOutput`` (with ``.usage`` when tokens were spent) when it cannot deliver a draft. It does
    not judge drafts: the guard, and the rule of one correction, are the engine's."""

    name: str

    async def draft(self, request: DraftRequest) -> ModelReply: ...

    async def aclose(self) -> None: ...


def from_draft(draft: Draft, ctx: Understanding) -> Answer:
    # Scope is Parley's: the model is only asked about a question the knowledge covers.
    return Answer(question=ctx.question, kind=ctx.kind, in_scope=ctx.in_scope, lead=draft.lead,
                  lead_cites=draft.lead_cites, points=draft.points, positions=draft.positions,
                  sides_focus=ctx.sides, about=[e.id for e in ctx.entries], mode="llm")


def draft_problems(draft: Draft, ctx: Understanding, knowledge: Knowledge) -> list[str]:
    return check(from_draft(draft, ctx), knowledge)


async def answer(question: str, conversation: Conversation | None, knowledge: Knowledge,
                 model: Model | None = None, *, max_chars: int, kind: Kind | None = None) -> Answer:
    """Answer one question. Raises ``BadQuestion`` for an empty, oversized or mention-only question.

    ``kind`` forces how the question is treated (e.g. ``Kind.SIDES`` for ``/sides topic``). A question in
    another language is answered in English, with one line that says so."""
    ctx = understand(question, conversation, knowledge, max_chars, kind)
    result = await _answer(ctx, conversation, knowledge, model)
    note = language.note(ctx.lang)
    if note is None:
        return result
    return result.model_copy(update={"notice": " ".join(filter(None, [note, result.notice]))})


async def _answer(ctx: Understanding, conversation: Conversation | None, knowledge: Knowledge,
                  model: Model | None) -> Answer:

    def offline(**update: Any) -> Answer:
        # Composed only when it is the answer: with a model, the happy path never pays for it.
        composed = compose_offline(ctx, knowledge).model_copy(update={"about": [e.id for e in ctx.entries]})
        return enforce(composed, knowledge).model_copy(update=update)

    if model is None or not ctx.in_scope or not ctx.entries or ctx.sources:
        # Nothing for a model to phrase: off-topic, an instruction with no question in it, or a request for
        # the sources of the last answer (the knowledge's own record).
        return offline()
    request = DraftRequest(ctx, conversation, knowledge)
    spent = Usage()
    try:
        reply = await model.draft(request)
        spent += reply.usage
        reasons = draft_problems(reply.draft, ctx, knowledge)
        if reasons:  # one correction, with the reasons; a second failure is final
            log.info("the guard rejected the model's reply (%s); asking once for a correction", "; ".join(reasons))
            reply = await model.draft(replace(request, correction=Correction(reply.content, reasons)))
            spent += reply.usage
            reasons = draft_problems(reply.draft, ctx, knowledge)
            if reasons:
                log.warning("the model's corrected reply still failed the guard (%s); answering offline",
                            "; ".join(reasons))
                return offline(notice=REJECTED, usage=spent)
    except ModelUnavailable as exc:
        return offline(notice=UNAVAILABLE, usage=spent + (exc.usage or Usage()))
    except InvalidModelOutput as exc:
        return offline(notice=REJECTED, usage=spent + (exc.usage or Usage()))
    result = enforce(from_draft(reply.draft, ctx), knowledge)
    return result.model_copy(update={"usage": spent, "prompt_version": reply.prompt_version})
