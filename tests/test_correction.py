"""The guard's reasons, restated for the model's one correction (``bot.llm.correction``): what to do about
each, in terms of the entries the request gave. The reasons come from the real guard, so a change to its
wording shows up here as a restatement that no longer happens."""

from __future__ import annotations

from bot.core.answer import Answer, Kind, SideView
from bot.core.guard import check
from bot.llm.correction import restate, restated


def _reasons(knowledge, **fields) -> list[str]:
    base = {"question": "What does Russia say about NATO expansion?", "kind": Kind.SIDES, "in_scope": True,
            "lead": "", "lead_cites": [], "mode": "llm"}
    reasons = check(Answer(**{**base, **fields}), knowledge)
    assert reasons, "the guard must reject this draft for the test to mean anything"
    return reasons


def test_words_another_given_entry_holds_are_named_with_that_entry(model_knowledge) -> None:
    given = [model_knowledge.entry("nato-enlargement"), model_knowledge.entry("sphere-of-influence")]
    reasons = _reasons(model_knowledge, lead="Ukraine and Georgia are in a traditional area of influence.",
                       lead_cites=["nato-enlargement"])
    text = " ".join(restated(reasons, given))
    assert "uses words that are not in the entries it cites: traditional, area." in text
    assert "sphere-of-influence. Add the one you used to lead_cites" in text


def test_words_no_given_entry_holds_are_to_be_removed(model_knowledge) -> None:
    given = [model_knowledge.entry("nato-enlargement")]
    reasons = _reasons(model_knowledge, lead="NATO is expanding toward Russia's borders in a bold gambit.",
                       lead_cites=["nato-enlargement"])
    assert any("No entry given has them: remove them" in r and "gambit" in r for r in restated(reasons, given))


def test_a_side_given_a_view_its_entry_does_not_give_is_pointed_to_the_entries_that_do(model_knowledge) -> None:
    given = [model_knowledge.entry("nato-expels-eight"), model_knowledge.entry("nato-enlargement")]
    reasons = _reasons(model_knowledge, lead="On 6 October 2021 NATO withdrew the accreditation of eight members.",
                       lead_cites=["nato-expels-eight"],
                       positions=[SideView(side="russia", says="Expansion threatens Russia.",
                                           cites=["nato-expels-eight"])])
    fixed = [restate(r, given) for r in reasons if "attributes a position to 'russia'" in r]
    assert fixed and "only these entries give russia a view: nato-enlargement;" in fixed[0]


def test_a_verdict_in_the_lead_gets_the_sentence_to_use(model_knowledge) -> None:
    reasons = _reasons(model_knowledge, question="Who is right, NATO or Russia?", kind=Kind.VERDICT,
                       lead="Russia is right and NATO is wrong.", lead_cites=["nato-enlargement"])
    assert any("Make the lead \"I don't give verdicts or take sides" in r
               for r in restated(reasons, [model_knowledge.entry("nato-enlargement")]))


def test_a_reason_it_does_not_know_passes_through_unchanged() -> None:
    assert restate("contains a ping (@everyone, @here or a user/role mention)", []) == \
        "contains a ping (@everyone, @here or a user/role mention)"
