"""The soak run itself, shortened: a faulty model, many questions at once, every one answered safely and stored.

The full run (`./dev bench --soak 1000`) is not part of the quick suite; this keeps it from rotting and
proves its checks can fail."""

from __future__ import annotations

from bot.render import MAX_MESSAGES
from bot.settings import Settings
from bot.tools import soak


async def test_a_short_soak_answers_every_question_safely(settings: Settings) -> None:
    outcome = await soak.soak(settings, 60)
    assert outcome.ok, outcome.as_dict()
    assert outcome.answered == outcome.stored == 60 and outcome.pending_tasks == 0
    # The faults were really served, and both the model's answers and the fallbacks were exercised.
    assert sum(outcome.faults.values()) > 60 and len(outcome.faults) >= 5
    assert outcome.llm > 0 and outcome.offline_fallback > 0
    assert 0 < outcome.most_messages <= MAX_MESSAGES


def test_the_soak_notices_an_unsafe_answer(knowledge) -> None:
    from bot.core.answer import Answer, Kind

    entry = next(e for e in knowledge.entries if e.flagged)
    unflagged = Answer(question="q", kind=Kind.CLAIM, in_scope=True, lead="I think NATO is right @everyone",
                       lead_cites=[entry.id])  # no flags: never enforced
    found = soak.unsafe_in("I think NATO is right @everyone", ["x" * 2001], unflagged, knowledge)
    assert any("verdict" in f for f in found) and "a live ping" in found
    assert "a part over the limit or empty" in found
    assert "flags differ from what the cited and asked-about entries' status requires" in found
    assert "5 messages, over the cap of 4" in soak.unsafe_in("x", ["x"] * 5, unflagged, knowledge)
