"""What each OpenAI-compatible server accepts, and how to raise its context: one table, read by the adapter.

Servers differ in small ways that each break a request: llama-cpp-python ignores ``max_completion_tokens``
(so the answer's length is unbounded) and answers ``response_format: json_schema`` with HTTP 500; older
servers refuse ``max_completion_tokens`` with a 400; llama.cpp's ``llama-server`` refuses a prompt longer
than its context (HTTP 400), while Ollama silently cuts the prompt from the front — the rules go first.
``PARLEY_MODEL_PROVIDER`` names the server; ``auto`` takes OpenAI's API for api.openai.com (or no base
URL) and a generic local server otherwise, which learns at run time (``Dialect.after_refusal``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urlparse

TokensParam = Literal["max_completion_tokens", "max_tokens"]
Format = Literal["json_schema", "json_object"]

# How to give each server a bigger context, for the messages that say its context is too small.
_RAISE = {
    "openai": "use a model with a larger context, or lower PARLEY_CONTEXT_TOKENS",
    "llama.cpp": "start llama-server with a larger context (-c 8192 / --ctx-size 8192), or lower "
                 "PARLEY_CONTEXT_TOKENS",
    "ollama": "raise Ollama's context (OLLAMA_CONTEXT_LENGTH=8192 for the server, or PARAMETER num_ctx 8192 "
              "in the Modelfile), or lower PARLEY_CONTEXT_TOKENS",
    "vllm": "start vLLM with a larger --max-model-len, or lower PARLEY_CONTEXT_TOKENS",
    "lmstudio": "load the model with a larger context length (lms load --context-length 8192), or lower "
                "PARLEY_CONTEXT_TOKENS",
    "llama-cpp-python": "start the server with a larger --n_ctx, or lower PARLEY_CONTEXT_TOKENS",
}
_RAISE["local"] = ("raise the server's context (llama-server -c 8192; Ollama OLLAMA_CONTEXT_LENGTH=8192 or "
                   "num_ctx; vLLM --max-model-len; LM Studio's context length; llama-cpp-python --n_ctx), or "
                   "lower PARLEY_CONTEXT_TOKENS")


@dataclass(frozen=True)
class Dialect:
    provider: str
    tokens_param: TokensParam
    response_format: Format
    # Whether the schema must stay the same for every question. OpenAI's prompt cache matches the schema as a
    # prefix of the system message: a schema listing each question's own entry ids would miss it every time.
    # A local server turns the schema into a grammar outside the prompt, so each request gets its own ids.
    stable_schema: bool = False
    # True once a json_schema request was answered (or a json_object one failed as well): a later 500 is
    # then the server's trouble, not the schema's.
    schema_proven: bool = False
    # json_object was chosen on a bare 500's evidence: if that request fails too, the schema was not the cause.
    guessed: bool = False

    @property
    def raise_context(self) -> str:
        return _RAISE.get(self.provider, _RAISE["local"])

    def after_refusal(self, status: int, message: str) -> Dialect | None:
        """The dialect to try next after the server refused a request, or None when the refusal is not about
        a parameter Parley can do without. The adapter re-sends at once, without spending an attempt, when
        the server named the parameter; after a bare 500 the next attempt goes without the schema, and that
        is kept only if it works."""
        text = message.lower()
        if self.tokens_param == "max_completion_tokens" and "max_completion_tokens" in text and status < 500:
            return replace(self, tokens_param="max_tokens")
        if self.response_format == "json_schema":
            names_it = any(word in text for word in ("json_schema", "response_format", "schema", "grammar"))
            # llama-cpp-python answers json_schema with a bare 500; OpenAI's own 500s are only the server's.
            bare_500 = status >= 500 and not self.schema_proven and self.provider != "openai"
            if names_it and status in (400, 422, 500, 501):
                return replace(self, response_format="json_object")
            if bare_500:
                return replace(self, response_format="json_object", guessed=True)
        return None


_KNOWN: dict[str, Dialect] = {
    "openai": Dialect("openai", "max_completion_tokens", "json_schema", stable_schema=True),
    "llama.cpp": Dialect("llama.cpp", "max_tokens", "json_schema"),
    "ollama": Dialect("ollama", "max_tokens", "json_schema"),
    "vllm": Dialect("vllm", "max_tokens", "json_schema"),
    "lmstudio": Dialect("lmstudio", "max_tokens", "json_schema"),
    "llama-cpp-python": Dialect("llama-cpp-python", "max_tokens", "json_object"),
    "local": Dialect("local", "max_tokens", "json_schema"),
}


def is_openai(base_url: str | None) -> bool:
    host = urlparse(base_url).hostname if base_url else "api.openai.com"
    return bool(host) and (host == "openai.com" or str(host).endswith(".openai.com"))


def dialect_for(provider: str, base_url: str | None) -> Dialect:
    """``provider``: a name from the table, or ``auto``. Every local server accepts ``max_tokens``; only
    OpenAI's newer models require ``max_completion_tokens``."""
    if provider == "auto":
        provider = "openai" if is_openai(base_url) else "local"
    return _KNOWN[provider]
