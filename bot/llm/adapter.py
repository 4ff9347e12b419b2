"""``OpenAIModel``: the model phrases the answer; the knowledge, the guard and the code decide.

The official ``openai`` async client (injected, or built from ``Settings``) calls Chat Completions with a
strict JSON-schema structured output generated from ``Draft``. Every reply is validated locally as well,
because OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio) do not all enforce the schema.
Retries live in ``bot.llm.retry`` alone. Token usage is summed over every call, including the calls whose
replies were thrown away, and travels on the exceptions too, so no spent token goes unrecorded.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any, cast

import openai
from pydantic import ValidationError

from bot.core.answer import Draft, Usage
from bot.core.engine import DraftRequest, ModelReply
from bot.errors import ConfigError, InvalidModelOutput, ModelUnavailable
from bot.llm import chat as messages
from bot.llm.prompts import Prompt, load_prompt
from bot.llm.retry import BadOutput, RetryPolicy, Transient, retry_after
from bot.settings import Settings

log = logging.getLogger("parley.model")
SCHEMA_NAME = "parley_draft"
# Statuses worth another try besides 429 and 5xx: request timeout, and a conflict OpenAI asks to retry.
RETRY_STATUSES = {408, 409}
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def strict_schema(model: type[Draft] = Draft) -> dict[str, Any]:
    """The pydantic JSON schema in the strict form OpenAI's structured outputs require: every object closed
    (``additionalProperties: false``) with every property required, and no defaults."""

    def tighten(node: Any) -> Any:
        if isinstance(node, dict):
            node = {k: tighten(v) for k, v in node.items() if k != "default"}
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
            return node
        if isinstance(node, list):
            return [tighten(v) for v in node]
        return node

    schema: dict[str, Any] = tighten(copy.deepcopy(model.model_json_schema()))
    return schema


RESPONSE_FORMAT: dict[str, Any] = {"type": "json_schema", "json_schema": {"name": SCHEMA_NAME, "strict": True,
                                                          "schema": strict_schema()}}


@dataclass
class _Question:
    """One draft's way through the retries: when the question began (the deadline spans the draft and its
    correction), and what it cost."""

    started: float
    usage: Usage = field(default_factory=Usage)


class OpenAIModel:
    def __init__(self, client: openai.AsyncOpenAI, *, model: str, max_tokens: int, policy: RetryPolicy,
                 prompt: Prompt, owns_client: bool = False) -> None:
        self.name = model
        # Whatever client we are handed, its own retries go off: bot.llm.retry is the only retry policy.
        self._client = client if client.max_retries == 0 else client.with_options(max_retries=0)
        self._owns_client = owns_client
        self._max_tokens = max_tokens
        self.policy = policy
        self.prompt = prompt

    @classmethod
    def from_settings(cls, settings: Settings, client: openai.AsyncOpenAI | None = None) -> OpenAIModel:
        """Loads the prompt now, so a broken prompt file stops start-up instead of failing a member's question.

        ``client``: an injected client (tests, the bench); it stays the caller's to close."""
        prompt = load_prompt("answer")
        owns = client is None
        if client is None and not settings.model_configured:
            raise ConfigError("no model is configured: set OPENAI_API_KEY, or OPENAI_BASE_URL for a local "
                              "server (with neither, Parley answers offline)")
        if client is None:
            client = openai.AsyncOpenAI(api_key=settings.api_key, base_url=settings.openai_base_url,
                                        timeout=settings.model_timeout, max_retries=0)
        policy = RetryPolicy(attempts=settings.model_attempts, deadline=settings.model_deadline,
                             timeout=settings.model_timeout)
        return cls(client, model=settings.openai_model, max_tokens=settings.model_max_tokens, policy=policy,
                   prompt=prompt, owns_client=owns)

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.close()

    async def draft(self, request: DraftRequest) -> ModelReply:
        """One draft: retried for what the transport and the parser can fix, never judged here (the engine
        runs the guard, and asks for a correction through ``request.correction``)."""
        q = _Question(started=request.started)
        try:
            async for attempt in self.policy.retrying(request.started):
                with attempt:
                    content, draft = await self._attempt(request, q)
        except Transient as exc:
            failure: ModelUnavailable | InvalidModelOutput = ModelUnavailable(
                f"the model did not answer in time: {exc}", usage=q.usage)
            raise self._gave_up(failure, q) from exc
        except BadOutput as exc:
            failure = InvalidModelOutput(f"the model's reply was unusable: {exc}", exc.reasons, usage=q.usage)
            raise self._gave_up(failure, q) from exc
        except (ModelUnavailable, InvalidModelOutput) as exc:
            exc.usage = q.usage
            raise self._gave_up(exc, q) from None
        return ModelReply(draft=draft, content=content, usage=q.usage, prompt_version=self.prompt.version)

    def _gave_up(self, exc: ModelUnavailable | InvalidModelOutput, q: _Question) -> Exception:
        log.warning("model %s gave up after %.2f s (%d reply/replies received): %s; answering offline",
                    self.name, time.monotonic() - q.started, q.usage.calls, exc)
        return exc

    async def _attempt(self, request: DraftRequest, q: _Question) -> tuple[str, Draft]:
        fix = request.correction
        msgs = messages.build(self.prompt, request.knowledge, request.context, request.conversation,
                              (fix.reply, fix.reasons) if fix else None)
        completion = await self._call(msgs, self.policy.budget(q.started))
        q.usage += usage_of(completion)
        content = content_of(completion)
        return content, parse_draft(content)

    async def _call(self, msgs: list[messages.Message], budget: float) -> Any:
        if budget <= 0:
            raise Transient("no time left before the deadline")
        try:
            # The client's timeout covers each phase (connect, each read); asyncio's bounds the whole call,
            # so a server that trickles bytes cannot hold a question past its deadline.
            async with asyncio.timeout(budget):
                return await self._client.chat.completions.create(
                    model=self.name, messages=cast(Any, msgs), response_format=cast(Any, RESPONSE_FORMAT),
                    max_completion_tokens=self._max_tokens, timeout=budget)
        except (TimeoutError, openai.APITimeoutError):
            raise Transient(f"no reply within {budget:.1f} s") from None
        except openai.APIConnectionError as exc:
            raise Transient(f"cannot reach {self._client.base_url}: {exc.__cause__ or exc}") from None
        except openai.APIStatusError as exc:
            raise _status_error(exc, self.name, str(self._client.base_url)) from None
        except (openai.APIResponseValidationError, json.JSONDecodeError) as exc:
            raise BadOutput(f"the server's reply is not a chat completion: {exc}") from None


def _status_error(exc: openai.APIStatusError, model: str, base_url: str) -> Exception:
    """Transient for what may pass (429, 5xx, 408, 409); ModelUnavailable, at once, for what will not."""
    status = exc.status_code
    detail = _first_line(exc)
    code = getattr(exc, "code", None)
    if status == 429 and code == "insufficient_quota":
        return ModelUnavailable("the OpenAI account has no quota left (429 insufficient_quota); add credit, "
                                "or unset OPENAI_API_KEY for offline mode")
    if status == 429 or status >= 500 or status in RETRY_STATUSES:
        return Transient(f"HTTP {status}{': ' + detail if detail else ''}", retry_after(exc.response.headers))
    if status == 401:
        return ModelUnavailable("the model server rejected the API key (401): check OPENAI_API_KEY, or unset "
                                "it (and OPENAI_BASE_URL) for offline mode")
    if status == 403:
        return ModelUnavailable(f"the model server refused access (403): {detail or 'permission denied'}")
    if status == 404:
        return ModelUnavailable(f"model {model!r} was not found at {base_url} (404): check OPENAI_MODEL and "
                                "OPENAI_BASE_URL")
    return ModelUnavailable(f"the model server rejected the request ({status}): {detail or 'no detail'}")


def _first_line(exc: openai.APIStatusError) -> str:
    body = exc.body
    message = body.get("message") if isinstance(body, dict) else None
    text = str(message or body or "").strip()
    return text.splitlines()[0][:200] if text else ""


def usage_of(completion: Any) -> Usage:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return Usage(calls=1)
    details = getattr(usage, "prompt_tokens_details", None)
    return Usage(input_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                 cached_tokens=getattr(details, "cached_tokens", 0) or 0,
                 output_tokens=getattr(usage, "completion_tokens", 0) or 0, calls=1)


def content_of(completion: Any) -> str:
    """The reply's text, or ``BadOutput`` saying why there is none worth parsing."""
    choices = getattr(completion, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise BadOutput("the reply has no choices")
    choice = choices[0]
    message = getattr(choice, "message", None)
    refusal = getattr(message, "refusal", None)
    if refusal:
        raise BadOutput(f"the model refused: {str(refusal)[:120]}")
    finish = getattr(choice, "finish_reason", None)
    if finish == "length":
        raise BadOutput("the reply was cut off at the token limit (PARLEY_MODEL_MAX_TOKENS)")
    if finish == "content_filter":
        raise BadOutput("the reply was withheld by the provider's content filter")
    content = getattr(message, "content", None)
    if not isinstance(content, str) or not content.strip():
        raise BadOutput("the reply is empty")
    return content


def parse_draft(content: str) -> Draft:
    # Servers that ignore the schema sometimes wrap the JSON in a Markdown fence; that alone is no reason
    # to throw a good reply away.
    fenced = _FENCE.match(content)
    try:
        return Draft.model_validate_json(fenced.group(1) if fenced else content)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "reply"
        kind = "is not JSON" if err["type"] == "json_invalid" else "does not match the schema"
        raise BadOutput(f"the reply {kind}: {where}: {err['msg']}") from None
