"""The engine with a scripted model: what reaches the channel when the model behaves, and when it doesn't."""

from __future__ import annotations

from bot.core.answer import Draft, Usage
from bot.core.conversation import Conversation
from bot.core.engine import REJECTED, UNAVAILABLE, answer
from bot.errors import InvalidModelOutput, ModelUnavailable
from bot.knowledge.schema import Status
from bot.render import render
from tests.conftest import HISTORY_TOKENS, HISTORY_TURNS, MAX_CHARS
from tests.fakes import USAGE, Asked, FakeModel, FunctionModel, grounded

QUESTION = "What does Russia say about NATO expansion?"


async def test_a_grounded_draft_is_used_and_flags_come_from_the_knowledge(model_knowledge) -> None:
    model = FakeModel(grounded(["nato-enlargement", "skripal-made-sense"]))
    result = await answer(QUESTION, None, model_knowledge, model, max_chars=MAX_CHARS)
    assert result.mode == "llm" and result.prompt_version == "fake-v1" and result.usage == USAGE
    assert [(f.id, f.status) for f in result.flags] == [("nato-enlargement", Status.CONTESTED),
                                                         ("skripal-made-sense", Status.OPINION)]
    assert model.history[0].entry_ids == ["nato-enlargement"]


async def test_an_unavailable_model_gives_the_offline_answer_with_a_notice(model_knowledge) -> None:
    spent = Usage(input_tokens=5, calls=1)
    model = FakeModel(ModelUnavailable("down", usage=spent))
    result = await answer(QUESTION, None, model_knowledge, model, max_chars=MAX_CHARS)
    assert result.mode == "offline" and result.notice == UNAVAILABLE and result.lead_cites == ["nato-enlargement"]
    assert result.usage == spent


async def test_a_one_sided_draft_is_corrected_once_with_its_reasons(model_knowledge) -> None:
    model = FakeModel({**grounded(["nato-enlargement"]), "lead": "Russia is clearly right."},
                      grounded(["nato-enlargement"]))
    result = await answer(QUESTION, None, model_knowledge, model, max_chars=MAX_CHARS)
    assert result.mode == "llm" and len(model.history) == 2
    assert any("verdict" in r for r in model.history[1].reasons)
    assert result.usage == USAGE + USAGE


async def test_a_model_that_keeps_taking_sides_is_replaced_by_the_offline_answer(model_knowledge) -> None:
    def partisan(asked: Asked) -> dict:
        return {**grounded(["nato-enlargement"]), "lead": "I support NATO. NATO is right."}

    model = FunctionModel(partisan)
    result = await answer("Who is right, NATO or Russia?", None, model_knowledge, model, max_chars=MAX_CHARS)
    assert result.mode == "offline" and result.notice == REJECTED and len(model.history) == 2
    assert result.usage == USAGE + USAGE, "tokens spent on rejected drafts are still recorded"
    assert "don't give verdicts" in result.lead


async def test_scope_is_parleys_decision_not_the_models(model_knowledge) -> None:
    """A small model told it may say "not covered" said so of questions the knowledge covers: the draft has
    no such field (an old-style one is ignored), and the answer's scope is what Parley understood."""
    assert "in_scope" not in Draft.model_fields
    out = {**grounded(["nato-enlargement"]), "in_scope": False}
    result = await answer(QUESTION, None, model_knowledge, FakeModel(out), max_chars=MAX_CHARS)
    assert result.mode == "llm" and result.in_scope is True and len(result.lead_cites) == 1


async def test_invalid_output_from_the_model_falls_back(model_knowledge) -> None:
    model = FakeModel(InvalidModelOutput("not JSON", ["not JSON"]))
    result = await answer(QUESTION, None, model_knowledge, model, max_chars=MAX_CHARS)
    assert result.mode == "offline" and result.notice == REJECTED


async def test_out_of_scope_questions_never_reach_the_model(model_knowledge) -> None:
    model = FakeModel()
    result = await answer("What's a good pizza topping?", None, model_knowledge, model, max_chars=MAX_CHARS)
    assert not result.in_scope and model.history == []


async def test_the_model_sees_the_conversation(model_knowledge) -> None:
    conversation = Conversation(HISTORY_TURNS, HISTORY_TOKENS)
    first = await answer(QUESTION, conversation, model_knowledge, max_chars=MAX_CHARS)
    conversation.remember(first, render(first, model_knowledge))
    model = FunctionModel(lambda asked: grounded(asked.entry_ids))
    await answer("and what does the other side say?", conversation, model_knowledge, model, max_chars=MAX_CHARS)
    asked = model.history[0]
    assert asked.request.conversation is conversation and asked.entry_ids == ["nato-enlargement"]
