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
import socket
import time
from dataclasses import dataclass, field, replace
from typing import Any, cast

import openai
from pydantic import ValidationError

from bot.core.answer import Draft, Usage
from bot.core.engine import DraftRequest, ModelReply
from bot.errors import ConfigError, InvalidModelOutput, ModelUnavailable
from bot.knowledge.schema import Knowledge
from bot.llm import chat as messages
from bot.llm.prompts import Prompt, load_prompt
from bot.llm.providers import Dialect, dialect_for
from bot.llm.retry import BadOutput, RetryPolicy, Transient, retry_after
from bot.settings import Settings

log = logging.getLogger("parley.model")
SCHEMA_NAME = "parley_draft"
# Statuses worth another try besides 429 and 5xx: request timeout, and a conflict OpenAI asks to retry.
RETRY_STATUSES = {408, 409}
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)
# A reply of PARLEY_MODEL_MAX_TOKENS (at most 8,000) tokens is tens of kilobytes even with every character
# escaped; a server sending more is not answering, and parsing megabytes would hold the question up.
MAX_BODY_BYTES = 1024 * 1024
# A normal reply (a few kilobytes) parses in ~0.05 ms, less than a hop to a thread costs; past this size a
# body is parsed in a thread, so even a 1 MiB one (~10 ms to parse) never holds the event loop.
INLINE_PARSE_BYTES = 64 * 1024
MAX_ERROR_CHARS = 2000  # a server's error message is reported whole, up to this
# Entry ids listed in a schema that stays the same for every question (~6 tokens each).
STABLE_ENUM_MAX = 200
# A server that reports reading less than this share of the prompt Parley estimates it sent has cut it.
TRUNCATED_SHARE = 0.6


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


_BASE_SCHEMA = json.dumps(strict_schema())


def schema_for(ids: list[str] | None, sides: list[str]) -> dict[str, Any]:
    """The strict schema for one request: cited ids limited to ``ids`` (an ``enum``; None: any string, the
    guard checks them), sides to the knowledge's. A grammar-based server (llama.cpp) then cannot even write
    an id it was not given."""
    # A fresh copy, ~15× faster than generating it from pydantic each time.
    schema: dict[str, Any] = json.loads(_BASE_SCHEMA)
    point, view = (_item_schema(schema, name) for name in ("points", "positions"))
    if ids is not None:
        for node in (schema["properties"]["lead_cites"], point["properties"]["cites"], view["properties"]["cites"]):
            node["items"] = {"type": "string", "enum": list(ids)}
    view["properties"]["side"]["enum"] = list(sides)
    return schema


def _item_schema(schema: dict[str, Any], field_name: str) -> dict[str, Any]:
    """The object schema a list field's items refer to (``$defs``), whatever the class is called."""
    ref = schema["properties"][field_name]["items"]["$ref"]
    found: dict[str, Any] = schema["$defs"][ref.rsplit("/", 1)[-1]]
    return found


def schema_ids(dialect: Dialect, built: messages.Built, knowledge: Knowledge) -> list[str] | None:
    """The ids a reply's schema allows: the entries given, or — where the schema must not change between
    questions (OpenAI's prompt cache) — every entry's, while they are few enough to list cheaply."""
    if not dialect.stable_schema:
        return built.ids
    return [e.id for e in knowledge.entries] if len(knowledge.entries) <= STABLE_ENUM_MAX else None


def response_format(kind: str, ids: list[str] | None, sides: list[str]) -> dict[str, Any]:
    if kind == "json_object":  # the server has no schema support: the prompt describes the object instead
        return {"type": "json_object"}
    return {"type": "json_schema", "json_schema": {"name": SCHEMA_NAME, "strict": True,
                                                   "schema": schema_for(ids, sides)}}


@dataclass
class _Question:
    """One draft's way through the retries: when the question began (the deadline spans the draft and its
    correction), and what it cost."""

    started: float
    usage: Usage = field(default_factory=Usage)


class OpenAIModel:
    def __init__(self, client: openai.AsyncOpenAI, *, model: str, max_tokens: int, policy: RetryPolicy,
                 prompt: Prompt, owns_client: bool = False, dialect: Dialect | None = None,
                 context_tokens: int = messages.DEFAULT_BUDGET, temperature: float = 0.1) -> None:
        self.name = model
        # Whatever client we are handed, its own retries go off: bot.llm.retry is the only retry policy.
        self._client = client if client.max_retries == 0 else client.with_options(max_retries=0)
        self._owns_client = owns_client
        self._max_tokens = max_tokens
        self.policy = policy
        self.prompt = prompt
        self.dialect = dialect or dialect_for("auto", str(self._client.base_url))
        self.context_tokens = context_tokens
        self.temperature = temperature
        self._warm: asyncio.Task[None] | None = None

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
                   prompt=prompt, owns_client=owns,
                   dialect=dialect_for(settings.model_provider, str(client.base_url)),
                   context_tokens=settings.context_tokens, temperature=settings.model_temperature)

    async def aclose(self) -> None:
        if self._warm is not None:
            self._warm.cancel()
        if self._owns_client:
            await self._client.close()

    def warm_up(self, knowledge: Knowledge) -> None:
        """Have the server read the stable prefix now, in the background, so the first member's question
        does not pay for it (a CPU model reads ~45 tokens/s: the prefix alone is about a minute). The reply is
        one token and thrown away; a failure only means the first question reads the prefix itself."""
        if self._warm is None or self._warm.done():
            self._warm = asyncio.get_running_loop().create_task(self._warm_up(knowledge))

    async def _warm_up(self, knowledge: Knowledge) -> None:
        system = messages.system_message(self.prompt, knowledge, self.context_tokens)
        msgs = [{"role": "system", "content": system}, {"role": "user", "content": "Reply with {}."}]
        started = time.monotonic()
        try:
            async with asyncio.timeout(self.policy.timeout):
                limit: dict[str, Any] = {self.dialect.tokens_param: 1}
                await self._client.chat.completions.create(
                    model=self.name, messages=cast(Any, msgs), timeout=self.policy.timeout, temperature=0, **limit)
        except (TimeoutError, openai.OpenAIError) as exc:
            log.info("warming the model's prompt prefix failed (%s); the first question will read it", _what(exc))
            return
        log.info("model %s read the prompt prefix (%d tokens estimated) in %.1f s", self.name,
                 messages.count(system), time.monotonic() - started)

    async def draft(self, request: DraftRequest) -> ModelReply:
        """One draft: retried for what the transport and the parser can fix, never judged here (the engine
        runs the guard, and asks for a correction through ``request.correction``)."""
        q = _Question(started=request.started)
        attempts = 0
        try:
            async for attempt in self.policy.retrying(request.started):
                with attempt:
                    attempts += 1
                    content, draft = await self._attempt(request, q)
        except Transient as exc:
            tried = f" ({attempts} attempts)" if attempts > 1 else ""
            failure: ModelUnavailable | InvalidModelOutput = ModelUnavailable(f"{exc}{tried}", usage=q.usage)
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

    def build(self, request: DraftRequest) -> messages.Built:
        fix = request.correction
        return messages.build(self.prompt, request.knowledge, request.context, request.conversation,
                              (fix.reply, fix.reasons) if fix else None, budget=self.context_tokens)

    def params(self, built: messages.Built, knowledge: Knowledge) -> dict[str, Any]:
        """The request's parameters, in this server's dialect (the bench sends the same through the bare
        client)."""
        return {"model": self.name, "messages": built.messages, "temperature": self.temperature,
                "response_format": response_format(self.dialect.response_format,
                                                   schema_ids(self.dialect, built, knowledge),
                                                   [s.id for s in knowledge.sides]),
                self.dialect.tokens_param: self._max_tokens}

    async def _attempt(self, request: DraftRequest, q: _Question) -> tuple[str, Draft]:
        built = self.build(request)
        try:
            completion = await self._call(built, request.knowledge, self.policy.budget(q.started))
        except BadOutput as exc:
            q.usage += exc.usage or Usage()  # a reply thrown away still cost its tokens
            raise
        q.usage += completion.usage
        self._check_prompt_read(built, completion.usage)
        content = completion.content
        big = len(content) > INLINE_PARSE_BYTES
        draft = await asyncio.to_thread(parse_draft, content) if big else parse_draft(content)
        return content, draft

    def _check_prompt_read(self, built: messages.Built, usage: Usage) -> None:
        """A server whose context is too small may cut the prompt instead of refusing it (Ollama drops it from
        the front: the rules and the article go first). Its own count of what it read gives it away."""
        if usage.input_tokens and usage.input_tokens < built.tokens * TRUNCATED_SHARE:
            raise ModelUnavailable(
                f"the model server read {usage.input_tokens} prompt tokens of about {built.tokens} sent: it cut "
                f"the prompt to fit its context; {self.dialect.raise_context}")

    async def _call(self, built: messages.Built, knowledge: Knowledge, budget: float) -> _Completion:
        if budget <= 0:
            raise Transient("the model did not answer in time: no time left before the deadline")
        try:
            # The client's timeout covers each phase (connect, each read); asyncio's bounds the whole call,
            # so a server that trickles bytes cannot hold a question past its deadline.
            async with asyncio.timeout(budget):
                raw = await self._send_as_accepted(built, knowledge, budget)
        except TimeoutError:
            raise Transient(f"the model did not answer in time: no reply within {budget:.1f} s") from None
        except openai.APITimeoutError:
            raise Transient(f"the model did not answer in time: no reply within {budget:.1f} s") from None
        except openai.APIConnectionError as exc:
            raise Transient(f"cannot reach the model server at {self._client.base_url}: {_what(exc)}") from None
        except openai.APIStatusError as exc:
            raise _status_error(exc, self.name, str(self._client.base_url), self.dialect, built.tokens) from None
        if len(raw) > INLINE_PARSE_BYTES:  # a big body is parsed off the loop, not on it
            return await asyncio.to_thread(parse_completion, raw)
        return parse_completion(raw)

    async def _send_as_accepted(self, built: messages.Built, knowledge: Knowledge, budget: float) -> bytes:
        """The body of the first form of the request the server accepts: at most one refused parameter, one
        refused format, then the real answer."""
        for _ in range(3):
            try:
                raw = await self._send(built, knowledge, budget)
            except openai.APIStatusError as exc:
                if not self._learn_from_refusal(exc):
                    raise
                continue
            self._accepted()
            return raw
        raise BadOutput("the server refused every form of the request")

    def _learn_from_refusal(self, exc: openai.APIStatusError) -> bool:
        """Adapt the dialect to what the server refused; True when the new form is worth sending at once."""
        if self.dialect.guessed:  # without the schema it fails too: the schema was not why
            self.dialect = replace(self.dialect, response_format="json_schema", guessed=False, schema_proven=True)
            return False
        better = self.dialect.after_refusal(exc.status_code, _message(exc))
        if better is None:
            return False
        log.warning("model server %s refused %s (HTTP %d: %s); trying %s", self._client.base_url,
                    _changed(self.dialect, better), exc.status_code, _message(exc)[:300],
                    _changed(better, self.dialect))
        self.dialect = better
        return not better.guessed  # only a guess: the next attempt, in its turn, tries without the schema

    def _accepted(self) -> None:
        """The server took this form: a guess is confirmed, and a schema it accepted is proven."""
        if self.dialect.guessed:
            self.dialect = replace(self.dialect, guessed=False)
        elif self.dialect.response_format == "json_schema" and not self.dialect.schema_proven:
            self.dialect = replace(self.dialect, schema_proven=True)

    async def _send(self, built: messages.Built, knowledge: Knowledge, budget: float) -> bytes:
        """The response body, read up to ``MAX_BODY_BYTES``: a reply of ``PARLEY_MODEL_MAX_TOKENS`` tokens
        is a few kilobytes, and a server that sends megabytes is not answering."""
        chunks: list[bytes] = []
        size = 0
        async with self._client.chat.completions.with_streaming_response.create(
                **self.params(built, knowledge), timeout=budget) as response:
            async for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    raise BadOutput(f"the server's reply is larger than {MAX_BODY_BYTES // 1024} KiB")
                chunks.append(chunk)
        return b"".join(chunks)


def _changed(old: Dialect, new: Dialect) -> str:
    if old.tokens_param != new.tokens_param:
        return old.tokens_param
    return f"response_format {old.response_format}"


def _what(exc: BaseException) -> str:
    """What went wrong with a connection, in words: DNS, refused, reset — not "did not answer in time"."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 8:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for link in chain:
        if isinstance(link, socket.gaierror) or any(s in str(link) for s in _DNS):
            return f"the host name does not resolve (DNS: {link})"
        if isinstance(link, ConnectionRefusedError) or "Connection refused" in str(link):
            return "the connection was refused (is the server running, on that port?)"
    detail = next((str(link) for link in reversed(chain) if str(link)), "")
    return detail or type(exc).__name__


_DNS = ("Name or service not known", "nodename nor servname", "Temporary failure in name resolution",
        "No address associated with hostname", "getaddrinfo failed")


def _status_error(exc: openai.APIStatusError, model: str, base_url: str, dialect: Dialect,
                  tokens: int) -> Exception:
    """Transient for what may pass (429, 5xx, 408, 409); ModelUnavailable, at once, for what will not (a 4xx
    sent again fails again)."""
    status = exc.status_code
    detail = _message(exc)
    said = f": {detail}" if detail else ""
    code = getattr(exc, "code", None)
    if status == 429 and code == "insufficient_quota":
        return ModelUnavailable("the OpenAI account has no quota left (429 insufficient_quota); add credit, "
                                "or unset OPENAI_API_KEY for offline mode")
    if status == 429 or status >= 500 or status in RETRY_STATUSES:
        return Transient(f"the model server answered HTTP {status}{said}", retry_after(exc.response.headers))
    if status == 401:
        return ModelUnavailable("the model server rejected the API key (401): check OPENAI_API_KEY, or unset "
                                "it (and OPENAI_BASE_URL) for offline mode")
    if status == 403:
        return ModelUnavailable(f"the model server refused access (403): {detail or 'permission denied'}")
    if status == 404:
        return ModelUnavailable(f"model {model!r} was not found at {base_url} (404): check OPENAI_MODEL and "
                                f"OPENAI_BASE_URL{said}")
    if status in (400, 413) and any(s in detail.lower() for s in _CONTEXT):
        return ModelUnavailable(f"the request (about {tokens} tokens) is larger than the model server's context "
                                f"(HTTP {status}{said}); {dialect.raise_context}")
    return ModelUnavailable(f"the model server rejected the request (HTTP {status}){said}")


_CONTEXT = ("context size", "context length", "context_length", "maximum context", "too many tokens",
            "exceed_context", "max_model_len", "n_ctx")


def _message(exc: openai.APIStatusError) -> str:
    """The server's whole error message, on one line (a log line and a one-line error stay one line)."""
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") or inner.get("detail") if isinstance(inner, dict) else inner
        body = message if message else body
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False) if body else ""
    if not text:
        try:
            text = exc.response.text
        except Exception:  # a body that cannot be decoded says nothing more than the status
            text = ""
    return " ".join(str(text).split())[:MAX_ERROR_CHARS]


@dataclass(frozen=True)
class _Completion:
    content: str
    usage: Usage


def parse_completion(raw: bytes) -> _Completion:
    """A chat completion's body, checked by hand (run off the event loop): bad UTF-8, JSON nested past any
    sense, an HTML error page or a cut-off body are each invalid output, never an exception that escapes.
    ``BadOutput`` carries the tokens spent when the body says."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadOutput(f"the server's reply is not valid UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise BadOutput("the server's reply is JSON nested too deeply to read") from None
    except ValueError as exc:
        looks = "an HTML page" if raw.lstrip()[:1] == b"<" else "cut off or not JSON"
        raise BadOutput(f"the server's reply is not a chat completion ({looks}: {exc})") from None
    if not isinstance(body, dict):
        raise BadOutput("the server's reply is not a chat completion (not a JSON object)")
    usage = usage_of(body.get("usage"))
    try:
        content = content_of(body)
    except BadOutput as exc:
        exc.usage = usage
        raise
    return _Completion(content, usage)


def usage_of(usage: Any) -> Usage:
    if not isinstance(usage, dict):
        return Usage(calls=1)
    details = usage.get("prompt_tokens_details")
    cached = details.get("cached_tokens") if isinstance(details, dict) else 0
    return Usage(input_tokens=_count(usage.get("prompt_tokens")), cached_tokens=_count(cached),
                 output_tokens=_count(usage.get("completion_tokens")), calls=1)


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9 else 0


def content_of(body: dict[str, Any]) -> str:
    """The reply's text, or ``BadOutput`` saying why there is none worth parsing."""
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise BadOutput("the reply has no choices")
    choice = choices[0]
    message = choice.get("message")
    message = message if isinstance(message, dict) else {}
    refusal = message.get("refusal")
    if refusal:
        raise BadOutput(f"the model refused: {str(refusal)[:120]}")
    finish = choice.get("finish_reason")
    if finish == "length":
        raise BadOutput("the reply was cut off at the token limit (PARLEY_MODEL_MAX_TOKENS)")
    if finish == "content_filter":
        raise BadOutput("the reply was withheld by the provider's content filter")
    content = message.get("content")
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
        raise BadOutput(f"the reply {kind}: {where}: {err['msg'][:200]}") from None
    except (RecursionError, ValueError) as exc:
        raise BadOutput(f"the reply is not JSON: {str(exc)[:200]}") from None
