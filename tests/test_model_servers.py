"""Real servers' observed behaviours, reproduced on loopback: parameter refusals, the 500 on json_schema, the
400 on a prompt longer than the context, a prompt cut silently to fit; and model mode at 5,000 entries.

Each behaviour was seen against a real server (issue 15: llama.cpp's llama-server, llama-cpp-python, Ollama's
documented truncation); ``LoopbackServer.like`` names them. Every case ends in a safe answer, and no 4xx
that would fail again is sent twice."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.core.engine import UNAVAILABLE, DraftRequest, answer
from bot.core.understand import understand
from bot.errors import ModelUnavailable
from bot.knowledge.loader import load_knowledge
from bot.llm import chat
from bot.llm.adapter import OpenAIModel
from bot.service import Parley
from bot.settings import PROJECT_ROOT
from bot.store import Where
from bot.tools.loopback import CONTEXT_EXCEEDED, LoopbackServer, Reply
from bot.tools.synthetic import generate
from tests.conftest import MAX_CHARS

QUESTION = "What does Russia say about NATO expansion?"


@pytest.fixture(scope="module")
def bundled():
    return load_knowledge(PROJECT_ROOT / "knowledge")


def model_for(server: LoopbackServer, settings, **update) -> OpenAIModel:
    return OpenAIModel.from_settings(settings.model_copy(update={"openai_base_url": server.base_url, **update}))


async def test_a_server_that_refuses_max_completion_tokens_gets_max_tokens(model_settings, model_knowledge) -> None:
    async with LoopbackServer.like("old-openai") as server:
        model = model_for(server, model_settings, model_provider="openai")
        try:
            first = await answer(QUESTION, None, model_knowledge, model, max_chars=MAX_CHARS)

            second = await answer("Why did NATO expel eight Russians?", None, model_knowledge, model,
                                  max_chars=MAX_CHARS)
        finally:
            await model.aclose()
    assert first.mode == second.mode == "llm"
    sent = [("max_completion_tokens" in r.body, "max_tokens" in r.body) for r in server.requests]
    # Refused once, re-sent at once without spending an attempt, and remembered for the next question.
    assert sent == [(True, False), (False, True), (False, True)]


async def test_a_server_that_crashes_on_json_schema_gets_json_object(model_settings, model_knowledge) -> None:
    async with LoopbackServer.like("llama-cpp-python") as server:
        model = model_for(server, model_settings)
        try:
            first = await answer(QUESTION, None, model_knowledge, model, max_chars=MAX_CHARS)

            second = await answer("Why did NATO expel eight Russians?", None, model_knowledge, model,
                                  max_chars=MAX_CHARS)
        finally:
            await model.aclose()
    assert first.mode == second.mode == "llm" and first.notice is None
    formats = [r.body["response_format"]["type"] for r in server.requests]
    assert formats == ["json_schema", "json_object", "json_object"]


async def test_llama_cpp_python_is_sent_json_object_from_the_start(model_settings, model_knowledge) -> None:
    async with LoopbackServer.like("llama-cpp-python") as server:
        model = model_for(server, model_settings, model_provider="llama-cpp-python")
        try:
            result = await answer(QUESTION, None, model_knowledge, model, max_chars=MAX_CHARS)

        finally:
            await model.aclose()
    assert result.mode == "llm" and len(server.requests) == 1
    body = server.requests[0].body
    assert body["response_format"] == {"type": "json_object"} and body["max_tokens"] == 900


async def test_a_prompt_over_the_context_is_a_clear_error_sent_once(model_settings, bundled) -> None:
    """llama-server -c 4096 refuses a longer prompt with a 400: the same request fails again, so it is not
    retried, and the log says how to raise the context."""
    async with LoopbackServer.like("llama-server", context=3000) as server:
        model = model_for(server, model_settings)
        try:
            result = await answer(QUESTION, None, bundled, model, max_chars=MAX_CHARS)

            with pytest.raises(ModelUnavailable) as caught:
                await model.draft(DraftRequest(understand(QUESTION, None, bundled, MAX_CHARS), None, bundled))
        finally:
            await model.aclose()
    assert result.mode == "offline" and result.notice == UNAVAILABLE
    assert len(server.requests) == 2, "one request per question: a 400 is not retried"
    said = str(caught.value)
    assert "larger than the model server's context" in said and CONTEXT_EXCEEDED in said
    assert "-c 8192" in said and "PARLEY_CONTEXT_TOKENS" in said


async def test_a_smaller_budget_fits_a_small_context(model_settings, bundled) -> None:
    async with LoopbackServer.like("llama-server", context=3000) as server:
        model = model_for(server, model_settings, context_tokens=2600)
        try:
            result = await answer(QUESTION, None, bundled, model, max_chars=MAX_CHARS)

        finally:
            await model.aclose()
    assert result.mode == "llm" and "nato-enlargement" in result.cited_ids()


async def test_a_prompt_cut_silently_to_the_context_is_caught(model_settings, bundled, caplog) -> None:
    """Ollama with a small context keeps the end of the prompt and drops the rest — the rules first. Only its
    usage report gives it away: Parley compares it with what it sent, and says how to raise the context."""
    async with LoopbackServer.like("ollama", truncate_to=1000) as server:
        model = model_for(server, model_settings, model_provider="ollama")
        try:
            with caplog.at_level(logging.WARNING, logger="parley.model"):
                result = await answer(QUESTION, None, bundled, model, max_chars=MAX_CHARS)

        finally:
            await model.aclose()
    assert result.mode == "offline" and result.notice == UNAVAILABLE
    assert len(server.requests) == 1, "sending the same prompt again would be cut again"
    logged = caplog.text
    assert "read 1000 prompt tokens of about" in logged and "OLLAMA_CONTEXT_LENGTH" in logged and "num_ctx" in logged


async def test_a_prompt_read_whole_is_not_mistaken_for_a_cut_one(model_settings, bundled) -> None:
    async with LoopbackServer.like("ollama", truncate_to=8192) as server:
        model = model_for(server, model_settings, model_provider="ollama")
        try:
            result = await answer(QUESTION, None, bundled, model, max_chars=MAX_CHARS)

        finally:
            await model.aclose()
    assert result.mode == "llm"


async def test_model_mode_works_at_5000_entries_with_a_bounded_request(model_settings, bundled) -> None:
    big = generate(bundled, 5000)
    questions = [QUESTION, "Which claims are contested?", "Summarise the article", "Who is right?", "Did Skripal die?"]
    async with LoopbackServer() as server:
        model = model_for(server, model_settings, model_timeout=5.0, model_deadline=10.0)
        try:
            results = [await answer(q, None, big, model, max_chars=MAX_CHARS) for q in questions]
        finally:
            await model.aclose()
    assert [r.mode for r in results] == ["llm"] * len(questions)
    for received in server.requests:
        assert chat.count_messages(received.messages) <= chat.DEFAULT_BUDGET
        enum = received.body["response_format"]["json_schema"]["schema"]["properties"]["lead_cites"]["items"]["enum"]
        assert 0 < len(enum) < 40


async def test_the_prefix_is_warmed_at_start(model_settings, tmp_path) -> None:
    async with LoopbackServer() as server:
        settings = model_settings.model_copy(update={"openai_base_url": server.base_url})
        service = await Parley.start(settings, model=OpenAIModel.from_settings(settings), watch=True)
        try:
            for _ in range(200):
                if server.requests:
                    break
                await asyncio.sleep(0.01)
            await service.ask(QUESTION, where=Where(user_id=1))
        finally:
            await service.close()
    warm, asked = server.requests[0], server.requests[1]
    assert warm.body["max_tokens"] == 1 and "response_format" not in warm.body
    assert warm.messages[0] == asked.messages[0], "the warm-up reads exactly the prefix questions share"


async def test_a_400_that_names_the_schema_gets_json_object_at_once(model_settings, model_knowledge) -> None:
    def script(received):
        if received.body["response_format"]["type"] == "json_schema":
            return Reply(status=400, error="response_format of type json_schema is not supported by this model")
        return Reply()

    async with LoopbackServer(script) as server:
        model = model_for(server, model_settings)
        try:
            result = await answer(QUESTION, None, model_knowledge, model, max_chars=MAX_CHARS)

        finally:
            await model.aclose()
    assert result.mode == "llm"
    assert [r.body["response_format"]["type"] for r in server.requests] == ["json_schema", "json_object"]


async def test_a_400_about_something_else_is_reported_whole_and_not_sent_again(model_settings, model_knowledge) -> None:
    message = "temperature must be between 0 and 1\nfor this model (got 0.1?)"
    async with LoopbackServer(lambda _: Reply(status=400, error=message)) as server:
        model = model_for(server, model_settings)
        try:
            with pytest.raises(ModelUnavailable) as caught:
                await model.draft(DraftRequest(understand(QUESTION, None, model_knowledge, MAX_CHARS), None,
                                               model_knowledge))
        finally:
            await model.aclose()
    assert len(server.requests) == 1
    assert str(caught.value) == ("the model server rejected the request (HTTP 400): temperature must be between "
                                 "0 and 1 for this model (got 0.1?)")


async def test_openai_gets_one_schema_for_every_question(model_settings, bundled) -> None:
    """OpenAI's prompt cache matches the schema as a prefix of the system message: a schema listing each
    question's own ids would miss the cache every time. It lists every entry instead, while they are few."""
    async with LoopbackServer() as server:
        model = model_for(server, model_settings, model_provider="openai")
        try:
            await answer(QUESTION, None, bundled, model, max_chars=MAX_CHARS)

            await answer("Did Skripal die?", None, bundled, model, max_chars=MAX_CHARS)

            await answer(QUESTION, None, generate(bundled, 5000), model, max_chars=MAX_CHARS)

        finally:
            await model.aclose()
    schemas = [r.body["response_format"]["json_schema"]["schema"] for r in server.requests]
    assert schemas[0] == schemas[1]
    assert schemas[0]["properties"]["lead_cites"]["items"]["enum"] == [e.id for e in bundled.entries]
    assert "enum" not in schemas[2]["properties"]["lead_cites"]["items"], "5,000 ids would be a schema of 30k tokens"
    assert server.requests[0].messages[-1] != server.requests[1].messages[-1]
