"""Model replies replayed from tests/recordings/ (no network): whole answers as a model phrases them.

The request each test makes must equal its recording's request body, so these tests also pin down exactly
what Parley sends: prompt, knowledge prefix, conversation, schema. See tests/README.md to re-record.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation, Turn
from bot.core.engine import answer
from bot.core.guard import check, verdicts
from bot.knowledge.schema import Status
from tests.conftest import HISTORY_TOKENS, HISTORY_TURNS, MAX_CHARS


async def test_a_recorded_answer_is_grounded_attributed_and_flagged(recorded_model, model_knowledge) -> None:
    result = await answer("What does Russia say about NATO expansion?", None, model_knowledge, recorded_model,
                          max_chars=MAX_CHARS)
    assert result.mode == "llm" and check(result, model_knowledge) == []
    assert "nato-enlargement" in result.cited_ids()
    assert {p.side for p in result.positions} >= {"russia", "nato"}
    assert ("nato-enlargement", Status.CONTESTED) in [(f.id, f.status) for f in result.flags]
    assert result.usage is not None and result.usage.input_tokens > 1000 and result.usage.calls >= 1


async def test_a_verdict_question_gets_positions_not_a_verdict(recorded_model, model_knowledge) -> None:
    result = await answer("Who is right, NATO or Russia?", None, model_knowledge, recorded_model, max_chars=MAX_CHARS)

    assert result.mode == "llm" and check(result, model_knowledge) == []
    assert not verdicts(result.lead) and len({p.side for p in result.positions}) >= 2
    assert result.flags


async def test_a_follow_up_sends_the_conversation(recorded_model, model_knowledge) -> None:
    # A fixed earlier turn (not an offline answer rendered now), so the recording's request does not change
    # whenever the offline composer's wording does.
    conversation = Conversation(HISTORY_TURNS, HISTORY_TOKENS)
    conversation.add(Turn(question="What does Russia say about NATO expansion?",
                          answer="The Russian government says NATO is expanding toward its borders. "
                                 "`[nato-enlargement]`",
                          cited=("nato-enlargement",), sides=("russia",)))
    result = await answer("and what does the other side say?", conversation, model_knowledge, recorded_model,
                          max_chars=MAX_CHARS)
    assert result.mode == "llm" and check(result, model_knowledge) == []
    assert "nato" in {p.side for p in result.positions}


@pytest.mark.hand_written  # a live model cannot be made to take a side on cue: never re-recorded
async def test_a_recorded_one_sided_reply_is_corrected_once(recorded_model, model_knowledge) -> None:
    result = await answer("Why did NATO expel eight Russians?", None, model_knowledge, recorded_model,
                          max_chars=MAX_CHARS)
    assert result.mode == "llm" and check(result, model_knowledge) == []
    assert result.usage is not None and result.usage.calls == 2
