"""The real HTTP path: the official openai client and Parley's retry policy against a scripted server on
loopback. Every case ends in a safe answer: the model's (checked), or the offline one with a notice."""

from __future__ import annotations

import time

import openai
import pytest

from bot.core.answer import Kind
from bot.core.engine import REJECTED, UNAVAILABLE, DraftRequest, answer
from bot.core.guard import verdicts
from bot.core.mentions import PING
from bot.core.understand import understand
from bot.errors import InvalidModelOutput, ModelUnavailable
from bot.knowledge.schema import Status
from bot.llm.adapter import SCHEMA_NAME, OpenAIModel
from bot.render import render
from bot.tools.loopback import LoopbackServer, Reply
from tests.conftest import MAX_CHARS

QUESTION = "What does Russia say about NATO expansion?"  # -> nato-enlargement (contested: flagged)
GOOD = {
    "lead": "The Russian government says NATO is expanding toward its borders, naming Ukraine and Georgia.",
    "lead_cites": ["nato-enlargement"],
    "points": [{"text": "Russia considers Ukraine and Georgia part of its traditional area of influence.",
                "cites": ["sphere-of-influence"]}],
    "positions": [{"side": "russia", "says": "Russia says expansion threatens it.", "cites": ["nato-enlargement"]},
                  {"side": "nato", "says": "NATO says every country may apply to join.",
                   "cites": ["nato-enlargement"]}],
}
TAKES_A_SIDE = {**GOOD, "lead": "I think Russia is right about NATO. @everyone should agree.", "positions": []}
UNKNOWN_IDS = {**GOOD, "lead_cites": ["nato-promise-1990"], "points": [{"text": "A point.", "cites": ["made-up"]}]}


@pytest.fixture
async def server():
    async with LoopbackServer() as srv:
        yield srv


@pytest.fixture
async def model(server, model_settings):
    m = OpenAIModel.from_settings(model_settings.model_copy(update={"openai_base_url": server.base_url}))
    yield m
    await m.aclose()


async def ask(knowledge, model, question: str = QUESTION):
    start = time.monotonic()
    result = await answer(question, None, knowledge, model, max_chars=MAX_CHARS)
    return result, time.monotonic() - start


def assert_safe(result, knowledge) -> None:
    """What every answer guarantees, from the model or not: no verdict, no live ping, flags from metadata."""
    text = render(result, knowledge)
    assert not PING.search(text) and not any(verdicts(t) for t in [result.lead, *(p.text for p in result.points)])
    assert {f.id for f in result.flags} == {i for i in result.cited_ids() if knowledge.entry(i).flagged}


async def test_the_happy_path_uses_the_model_and_code_adds_the_flags(server, model, model_knowledge) -> None:
    server.enqueue(Reply(draft=GOOD))
    result, _ = await ask(model_knowledge, model)

    assert result.mode == "llm" and result.notice is None and result.prompt_version == "answer-v3"
    assert result.lead == GOOD["lead"]
    # The draft has no flags (it cannot carry any): code derives them from the cited entries' status.
    assert [(f.id, f.status) for f in result.flags] == [("nato-enlargement", Status.CONTESTED)]
    assert len(result.flags[0].positions) >= 2
    body = server.requests[0].body
    usage = result.usage
    assert usage is not None and usage.calls == 1
    assert usage.input_tokens == sum(len(m["content"]) for m in body["messages"]) // 4
    assert usage.output_tokens > 0 and usage.cached_tokens == 0  # first sight of the prefix: nothing cached
    assert_safe(result, model_knowledge)


async def test_the_request_is_strict_structured_output_in_a_local_servers_terms(server, model,
                                                                                model_knowledge) -> None:
    await ask(model_knowledge, model)
    body = server.requests[0].body
    # A local server (not api.openai.com): max_tokens, which every local server knows; a low temperature.
    assert body["model"] == "gpt-4o-mini" and body["max_tokens"] == 900 and "max_completion_tokens" not in body
    assert body["temperature"] == pytest.approx(0.1)
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["name"] == SCHEMA_NAME
    schema = fmt["json_schema"]["schema"]
    given = schema["properties"]["lead_cites"]["items"]["enum"]
    assert "nato-enlargement" in given and set(given) <= {e.id for e in model_knowledge.entries}
    point, view = (schema["$defs"][schema["properties"][f]["items"]["$ref"].rsplit("/", 1)[-1]]
                   for f in ("points", "positions"))
    assert point["properties"]["cites"]["items"]["enum"] == given
    assert set(view["properties"]["side"]["enum"]) == {s.id for s in model_knowledge.sides}
    assert "in_scope" not in schema["properties"], "scope is Parley's decision, not the model's"
    system, question = body["messages"][0], body["messages"][-1]
    assert system["role"] == "system" and QUESTION not in system["content"]
    assert question["role"] == "user" and QUESTION in question["content"]
    assert "[nato-enlargement]" in question["content"]


async def test_openai_gets_max_completion_tokens(server, model_settings, model_knowledge) -> None:
    settings = model_settings.model_copy(update={"openai_base_url": server.base_url, "model_provider": "openai"})
    model = OpenAIModel.from_settings(settings)
    try:
        await ask(model_knowledge, model)
    finally:
        await model.aclose()
    body = server.requests[0].body
    assert body["max_completion_tokens"] == 900 and "max_tokens" not in body


async def test_a_second_question_reuses_the_cached_prefix(server, model, model_knowledge) -> None:
    first, _ = await ask(model_knowledge, model)
    second, _ = await ask(model_knowledge, model, "Why did NATO expel eight Russians?")
    assert first.usage.cached_tokens == 0 < second.usage.cached_tokens < second.usage.input_tokens


@pytest.mark.parametrize("header", [{"Retry-After": "0.3"}, {"retry-after-ms": "300"}])
async def test_a_rate_limit_waits_as_long_as_the_server_asks(server, model, model_knowledge, header) -> None:
    server.enqueue(Reply(status=429, headers=header), Reply(draft=GOOD))
    result, elapsed = await ask(model_knowledge, model)
    assert result.mode == "llm" and len(server.requests) == 2
    assert server.requests[1].at - server.requests[0].at >= 0.3 and elapsed < 1.5


async def test_a_retry_after_beyond_the_deadline_gives_up_at_once(server, model, model_knowledge) -> None:
    server.enqueue(Reply(status=429, headers={"Retry-After": "30"}))
    result, elapsed = await ask(model_knowledge, model)
    assert result.mode == "offline" and result.notice == UNAVAILABLE
    assert len(server.requests) == 1 and elapsed < 0.5  # no point sleeping 30 s into a 2.5 s deadline


async def test_a_persistent_500_falls_back_within_the_bound(server, model, model_knowledge, model_settings) -> None:
    server.script = lambda _: Reply(status=500, error="CUDA out of memory\nwhile allocating 2 GiB")
    result, elapsed = await ask(model_knowledge, model)
    assert result.mode == "offline" and result.notice == UNAVAILABLE and result.lead_cites == ["nato-enlargement"]
    # A local server's first bare 500 might be the schema (llama-cpp-python): the next attempt goes without
    # it; that failing too, the schema is back. No extra request: the attempts are the bound.
    formats = [r.body["response_format"]["type"] for r in server.requests]
    assert formats == ["json_schema", "json_object"] + ["json_schema"] * (model_settings.model_attempts - 2)
    assert elapsed < model_settings.model_deadline
    assert_safe(result, model_knowledge)
    with pytest.raises(ModelUnavailable) as caught:
        await model.draft(_request(model_knowledge))
    said = str(caught.value)
    assert "HTTP 500" in said and "CUDA out of memory while allocating 2 GiB" in said, "the whole message"
    assert "in time" not in said and "\n" not in said


async def test_a_reply_slower_than_the_timeout_is_abandoned(server, model_knowledge, model_settings) -> None:
    settings = model_settings.model_copy(update={"openai_base_url": server.base_url, "model_timeout": 0.3,
                                                 "model_deadline": 1.0})
    model = OpenAIModel.from_settings(settings)
    server.script = lambda _: Reply(draft=GOOD, delay=5.0)
    try:
        result, elapsed = await ask(model_knowledge, model)
    finally:
        await model.aclose()
    assert result.mode == "offline" and result.notice == UNAVAILABLE
    assert 0.3 <= elapsed < 1.0 + 0.2  # the deadline holds, retries included
    assert 2 <= len(server.requests) <= 3


async def test_malformed_json_is_retried_and_a_good_reply_then_used(server, model, model_knowledge) -> None:
    server.enqueue(Reply(content='{"lead": "Russia says'), Reply(draft=GOOD))
    result, _ = await ask(model_knowledge, model)
    assert result.mode == "llm" and len(server.requests) == 2
    assert result.usage.calls == 2  # the thrown-away reply's tokens are counted too


DEEP = b'{"choices": [{"message": {"content": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}]}"


@pytest.mark.parametrize(("body", "says"), [
    (b"<html>502 Bad Gateway</html>", "an HTML page"),
    (b'{"id": "x", "choices": [{"message": {"content": "\xff\xfe"}}]}', "not valid UTF-8"),
    (DEEP, "nested too deeply"),
    (b'{"id": "x", "choices": [{"message": {"content": "{\\"lead', "cut off or not JSON"),
    (b"[1, 2, 3]", "not a JSON object"),
    (b"x" * (2 * 1024 * 1024), "larger than 1024 KiB"),
    (b'{"choices": [{"message": {"content": "' + b"[" * 50_000 + b'"}}]}', "is not JSON"),
])
async def test_a_malformed_body_is_invalid_output_retried_then_offline(server, model, model_knowledge,
                                                                      model_settings, body, says) -> None:
    server.script = lambda _: Reply(body=body)
    result, _ = await ask(model_knowledge, model)
    assert result.mode == "offline" and result.notice == REJECTED
    assert len(server.requests) == model_settings.model_attempts
    with pytest.raises(InvalidModelOutput, match=says):
        await model.draft(_request(model_knowledge))


async def test_a_schema_mismatch_is_invalid_output(server, model, model_knowledge) -> None:
    server.script = lambda _: Reply(draft={"answer": "Russia says NATO expands."})
    result, _ = await ask(model_knowledge, model)
    assert result.mode == "offline" and result.notice == REJECTED and result.usage.calls == 3


async def test_a_reply_that_takes_a_side_and_pings_is_retried_once_with_the_reasons(server, model,
                                                                                   model_knowledge) -> None:
    server.script = lambda _: Reply(draft=TAKES_A_SIDE)
    result, _ = await ask(model_knowledge, model)

    assert result.mode == "offline" and result.notice == REJECTED
    assert len(server.requests) == 2, "a guard failure is retried once, not up to the attempt bound"
    retry = server.requests[1].messages
    assert retry[:-2] == server.requests[0].messages  # the same conversation, then the correction
    assert retry[-2]["role"] == "assistant" and "I think Russia is right" in retry[-2]["content"]
    assert retry[-1]["role"] == "user"
    assert "verdict" in retry[-1]["content"] and "ping" in retry[-1]["content"]
    assert result.usage.calls == 2
    assert_safe(result, model_knowledge)


async def test_a_side_taking_reply_corrected_on_the_retry_is_used(server, model, model_knowledge) -> None:
    server.enqueue(Reply(draft=TAKES_A_SIDE), Reply(draft=GOOD))
    result, _ = await ask(model_knowledge, model)
    assert result.mode == "llm" and result.lead == GOOD["lead"] and len(server.requests) == 2


async def test_a_reply_citing_entries_that_do_not_exist_is_rejected(server, model, model_knowledge) -> None:
    server.script = lambda _: Reply(draft=UNKNOWN_IDS)
    result, _ = await ask(model_knowledge, model)
    assert result.mode == "offline" and result.notice == REJECTED and len(server.requests) == 2
    assert "nato-promise-1990" in server.requests[1].messages[-1]["content"]
    assert "made-up" not in result.cited_ids()


async def test_a_refusal_is_retried_then_falls_back(server, model, model_knowledge, model_settings) -> None:
    server.script = lambda _: Reply(refusal="I can't help with that.")
    result, _ = await ask(model_knowledge, model)
    assert result.mode == "offline" and result.notice == REJECTED
    assert len(server.requests) == model_settings.model_attempts and result.usage.calls == 3


async def test_a_truncated_reply_is_retried(server, model, model_knowledge) -> None:
    server.enqueue(Reply(content='{"lead": "Rus', finish_reason="length"), Reply(draft=GOOD))
    result, _ = await ask(model_knowledge, model)
    assert result.mode == "llm" and len(server.requests) == 2


@pytest.mark.parametrize(("status", "says"), [
    (401, "OPENAI_API_KEY"), (403, "refused access"), (404, "OPENAI_MODEL"), (400, "rejected the request")])
async def test_client_errors_are_not_retried(server, model, model_knowledge, status, says) -> None:
    server.script = lambda _: Reply(status=status)
    result, elapsed = await ask(model_knowledge, model)
    assert result.mode == "offline" and result.notice == UNAVAILABLE
    assert len(server.requests) == 1 and elapsed < 0.5
    ctx_request = _request(model_knowledge)
    with pytest.raises(ModelUnavailable, match=says) as caught:
        await model.draft(ctx_request)
    assert "\n" not in str(caught.value)


async def test_a_rejected_key_says_how_to_go_offline(server, model, model_knowledge) -> None:
    server.script = lambda _: Reply(status=401, error="Incorrect API key provided")
    with pytest.raises(ModelUnavailable, match=r"rejected the API key .*offline mode"):
        await model.draft(_request(model_knowledge))


async def test_an_injected_client_never_retries_on_its_own(server, model_knowledge, model_settings) -> None:
    """The client's own retries would multiply the attempts: whatever client is injected, they go off."""
    client = openai.AsyncOpenAI(api_key="x", base_url=server.base_url, max_retries=5)
    model = OpenAIModel.from_settings(model_settings.model_copy(update={"model_provider": "openai"}), client=client)
    server.script = lambda _: Reply(status=503)
    try:
        result, _ = await ask(model_knowledge, model)
    finally:
        await model.aclose()
        assert not client.is_closed(), "an injected client stays the caller's to close"
        await client.close()
    assert result.mode == "offline" and len(server.requests) == model_settings.model_attempts


async def test_a_server_that_is_down_falls_back(model_knowledge, model_settings) -> None:
    async with LoopbackServer() as srv:
        url = srv.base_url  # a port that was just free: nothing listens there once the block ends
    model = OpenAIModel.from_settings(model_settings.model_copy(update={"openai_base_url": url}))
    try:
        result, elapsed = await ask(model_knowledge, model)
    finally:
        await model.aclose()
    assert result.mode == "offline" and result.notice == UNAVAILABLE and elapsed < model_settings.model_deadline
    model = OpenAIModel.from_settings(model_settings.model_copy(update={"openai_base_url": url}))
    try:
        with pytest.raises(ModelUnavailable, match=r"cannot reach the model server at .*connection was refused"):
            await model.draft(_request(model_knowledge))
    finally:
        await model.aclose()


async def test_a_host_that_does_not_resolve_is_reported_as_dns(model_knowledge, model_settings) -> None:
    # .invalid never resolves (RFC 6761); the resolver answers from the machine, with no network traffic.
    model = OpenAIModel.from_settings(model_settings.model_copy(update={"openai_base_url": "http://parley.invalid/v1"}))
    try:
        with pytest.raises(ModelUnavailable, match=r"host name does not resolve \(DNS") as caught:
            await model.draft(_request(model_knowledge))
    finally:
        await model.aclose()
    assert "in time" not in str(caught.value)


async def test_the_default_loopback_draft_cites_the_requested_entries(server, model, model_knowledge) -> None:
    question = "Who is right, NATO or Russia?"
    result, _ = await ask(model_knowledge, model, question)
    assert result.kind is Kind.VERDICT and result.mode == "llm"
    requested = [e.id for e in understand(question, None, model_knowledge, MAX_CHARS).entries]
    assert len(requested) >= 2 and result.cited_ids() == requested


def _request(knowledge) -> DraftRequest:
    return DraftRequest(understand(QUESTION, None, knowledge, MAX_CHARS), None, knowledge)
