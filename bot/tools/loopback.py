"""A scripted OpenAI-compatible server on 127.0.0.1, for tests, ``bench`` and the soak run.

It answers ``POST /v1/chat/completions`` the way a real server would — JSON bodies, usage, status codes,
``Retry-After`` headers, slowness — so the real ``openai`` client and Parley's retry policy are exercised
over real HTTP, with no network and no key. Each request takes the next scripted ``Reply`` from the queue,
or asks ``script(request)``; with neither, it answers after ``delay`` seconds with a valid draft that cites
the entries the question message names (as ``[id]``, see ``bot.llm.chat.question_message``) and the
knowledge holds, like a model that follows the prompt. Usage is estimated from the text, and the system
message counts as cached from its second sighting, as a provider's prompt cache would.

It can also behave as the real servers were seen to (``LoopbackServer.like``): refuse a parameter it does
not know with a 400 (``refuse``), answer ``response_format: json_schema`` with a 500 as llama-cpp-python
does (``schema_500``), refuse a prompt longer than its context with llama-server's 400 (``context``), or
cut the prompt to its context from the front and say so only in ``usage`` as Ollama does (``truncate_to``).

    async with LoopbackServer(delay=0.2) as server:
        server.enqueue(Reply(status=429, headers={"Retry-After": "1"}), Reply(draft={...}))
        settings = settings.model_copy(update={"openai_base_url": server.base_url})
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import json
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

_ID = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
_ENTRY = re.compile(r"^\[([a-z0-9]+(?:-[a-z0-9]+)*)\]", re.MULTILINE)  # an entry's first line in the prompt
# What the real servers say (their own words, so the adapter is tested against them).
CONTEXT_EXCEEDED = "the request exceeds the available context size, try increasing it"
SCHEMA_CRASH = "Internal Server Error"


@dataclass
class Reply:
    """One scripted response. Give ``draft`` (a dict, sent as the message's JSON content) or ``content`` (the
    message's text as is, e.g. broken JSON), or ``body`` (the whole HTTP body as is, e.g. not JSON at all);
    with none of them, the default draft for the request is sent."""

    draft: dict[str, Any] | None = None
    content: str | None = None
    body: str | bytes | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str = "stop"
    refusal: str | None = None
    error: str | None = None  # the error message of a non-200 reply (default: the status's reason)
    error_code: str | None = None


@dataclass
class Received:
    """A request as the server saw it, for tests to assert on."""

    body: dict[str, Any]
    headers: dict[str, str]
    at: float

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))


Script = Callable[[Received], "Reply | Awaitable[Reply]"]


class LoopbackServer:
    def __init__(self, script: Script | None = None, *, delay: float = 0.0, model: str = "loopback",
                 keep_requests: bool = True, refuse: frozenset[str] = frozenset(), schema_500: bool = False,
                 context: int | None = None, truncate_to: int | None = None) -> None:
        """``keep_requests=False``: don't keep every request for inspection (long runs: a soak, the bench).
        ``refuse``: request parameters answered with a 400; ``schema_500``: json_schema answered with a 500;
        ``context``: prompts of more tokens get a 400; ``truncate_to``: prompts are cut to this many tokens."""
        self.script = script
        self.delay = delay
        self.model = model
        self.refuse = refuse
        self.schema_500 = schema_500
        self.context = context
        self.truncate_to = truncate_to
        self.queue: deque[Reply] = deque()
        self.keep_requests = keep_requests
        self.requests: list[Received] = []
        self._ids = itertools.count(1)
        self._seen_prefixes: set[str] = set()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @classmethod
    def like(cls, server: str, **kwargs: Any) -> LoopbackServer:
        """A loopback server that behaves as a real one was seen to, with a small context to show it:
        ``llama-server -c 4096``, ``ollama`` (2,048 by default), ``llama-cpp-python``, ``old-openai``."""
        behaviours: dict[str, dict[str, Any]] = {
            "llama-server": {"context": 4096},
            "ollama": {"truncate_to": 2048},
            "llama-cpp-python": {"schema_500": True},
            "old-openai": {"refuse": frozenset({"max_completion_tokens"})},
        }
        return cls(**{**behaviours[server], **kwargs})

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        self.queue.extend(replies)

    async def __aenter__(self) -> LoopbackServer:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        # handler_cancellation: when a client gives up (a timeout), its slow reply stops too; a short
        # shutdown_timeout: leaving the block never waits on a reply scripted to be slow.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)  # port 0: the OS picks a free one
        await site.start()
        self.port = self._runner.addresses[0][1]  # the port the OS picked
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body = json.loads(raw)
        except ValueError:
            return _error(400, "the request body is not JSON")
        received = Received(body=body, headers={k.lower(): v for k, v in request.headers.items()}, at=time.monotonic())
        if self.keep_requests:
            self.requests.append(received)
        refused = self._refusal(received)
        if refused is not None:
            return refused
        reply = await self._next(received)
        delay = reply.delay or (self.delay if reply.status == 200 else 0.0)
        if delay:
            await asyncio.sleep(delay)
        if reply.status != 200:
            return _error(reply.status, reply.error, reply.error_code, reply.headers)
        if reply.body is not None:
            return web.Response(body=reply.body, headers={"Content-Type": "application/json", **reply.headers})
        return web.json_response(self.completion(received, reply), headers=reply.headers)

    def _refusal(self, received: Received) -> web.Response | None:
        """What a real server refuses before it looks at the prompt's meaning."""
        for name in sorted(self.refuse & set(received.body)):
            return _error(400, f"Unrecognized request argument supplied: {name}", "invalid_request_error")
        fmt = received.body.get("response_format")
        if self.schema_500 and isinstance(fmt, dict) and fmt.get("type") == "json_schema":
            return web.Response(status=500, text=SCHEMA_CRASH, content_type="text/plain")
        tokens = prompt_tokens(received)
        if self.context is not None and tokens > self.context:
            return web.json_response({"error": {"code": 400, "message": CONTEXT_EXCEEDED,
                                                "type": "exceed_context_size_error", "n_prompt_tokens": tokens,
                                                "n_ctx": self.context}}, status=400)
        return None

    async def _next(self, received: Received) -> Reply:
        if self.queue:
            return self.queue.popleft()
        if self.script is not None:
            reply = self.script(received)
            return await reply if inspect.isawaitable(reply) else reply
        return Reply()

    def completion(self, received: Received, reply: Reply) -> dict[str, Any]:
        if reply.refusal is not None:
            content = None
        elif reply.content is not None:
            content = reply.content
        else:
            content = json.dumps(reply.draft if reply.draft is not None else default_draft(received))
        prompt = prompt_tokens(received)
        if self.truncate_to is not None:
            prompt = min(prompt, self.truncate_to)  # Ollama keeps the end of the prompt and says no more
        output = len(content or reply.refusal or "") // 4
        system = str(received.messages[0].get("content") or "") if received.messages else ""
        # A prompt cache in miniature: the system prefix is "cached" from the second time it is seen.
        cached = len(system) // 4 if system in self._seen_prefixes else 0
        self._seen_prefixes.add(system)
        return {
            "id": f"chatcmpl-loopback-{next(self._ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.model,
            "choices": [{"index": 0, "finish_reason": reply.finish_reason, "logprobs": None,
                         "message": {"role": "assistant", "content": content, "refusal": reply.refusal}}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": output, "total_tokens": prompt + output,
                      "prompt_tokens_details": {"cached_tokens": cached}},
        }


def prompt_tokens(received: Received) -> int:
    # About four characters a token, like bot.core.conversation.estimate_tokens: close enough to bench with.
    return sum(len(str(m.get("content") or "")) for m in received.messages) // 4


def requested_ids(received: Received) -> list[str]:
    """The entry ids the question names as chosen for it (the first line of ids in the last user message
    that has any), among the entries the prompt holds (wherever they are: the system message or the
    question's own)."""
    msgs = received.messages
    known = {i for m in msgs for i in _ENTRY.findall(str(m.get("content") or ""))}
    for m in reversed(msgs):
        if m.get("role") != "user":
            continue
        for line in str(m.get("content") or "").splitlines():
            ids = [i for i in dict.fromkeys(_ID.findall(line)) if i in known]
            if ids:
                return ids
    return []


def default_draft(received: Received) -> dict[str, Any]:
    """A schema-valid draft that passes the guard: it cites the requested entries and nothing else."""
    ids = requested_ids(received)
    return {"lead": "Here is what the knowledge records on this.", "lead_cites": ids[:1],
            "points": [{"text": "The knowledge records a related claim.", "cites": [i]} for i in ids[1:]],
            "positions": []}


def _error(status: int, message: str | None = None, code: str | None = None,
           headers: dict[str, str] | None = None) -> web.Response:
    text = message or f"loopback error {status}"
    return web.json_response({"error": {"message": text, "type": "loopback_error", "code": code}},
                             status=status, headers=headers)


async def serve(delay: float) -> None:
    """Serve until killed, printing the port first: the bench runs the model in its own process, so the
    server's work never shares an event loop (or a core's time slice) with what is being measured."""
    async with LoopbackServer(delay=delay, keep_requests=False) as server:
        print(server.port, flush=True)
        await asyncio.Event().wait()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="A loopback OpenAI-compatible server for benchmarks.")
    parser.add_argument("--delay", type=float, default=0.2, help="seconds before each reply")
    asyncio.run(serve(parser.parse_args().delay))
