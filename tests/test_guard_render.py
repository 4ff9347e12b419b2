"""The guard and the renderer, on hand-built answers (no retrieval involved)."""

from __future__ import annotations

import pytest

from bot.core.answer import Answer, Kind, Point, SideView
from bot.core.guard import check, enforce, verdicts
from bot.core.mentions import PING, defuse
from bot.knowledge.schema import Status
from bot.render import DISCORD_LIMIT, render, split


def make(knowledge, **fields) -> Answer:
    """A model's answer (mode llm) whose lead is its first citation's title, unless told otherwise."""
    cites = fields.get("lead_cites") or [knowledge.entries[0].id]
    title = knowledge.entry(cites[0]).title if knowledge.entry(cites[0]) else "A lead."
    base = {"question": "q", "kind": Kind.CLAIM, "in_scope": True, "lead": title, "lead_cites": cites, "mode": "llm"}
    return Answer(**(base | fields))


@pytest.mark.parametrize("text", [
    "I think Russia is right.",
    "In my opinion NATO is to blame.",
    "Russia was justified.",
    "NATO is the aggressor, as everyone says.",
    "The attack made sense.",
    "Clearly the West started it.",
    "Russia has the better argument.",
    "I support Russia.",
])
def test_verdicts_in_the_bots_own_voice_are_caught(text: str, knowledge) -> None:
    assert verdicts(text, knowledge) and verdicts(text)


@pytest.mark.parametrize("text", [
    "Russia says NATO is the aggressor.",
    "The author argues that the attack “made sense”.",
    "According to the UK, Russia was to blame.",
    "NATO and its allies say Russia is to blame for the lowest point since the Cold War.",
    'The author writes: "I think Russia\'s decision was make sense".',
    "Both Skripals survived; Dawn Sturgess died.",
])
def test_attributed_or_quoted_views_are_not_verdicts(text: str, knowledge) -> None:
    assert verdicts(text, knowledge) == []


def test_check_accepts_a_clean_answer(knowledge) -> None:
    assert check(make(knowledge), knowledge) == []


def test_check_lists_every_reason(knowledge) -> None:
    bad = make(knowledge, lead="I think Russia is right @everyone https://example.com/x", lead_cites=["no-such-id"],
               points=[Point(text="Uncited.", cites=[])],
               positions=[SideView(side="martians", says="Hello.", cites=[knowledge.entries[0].id])])
    reasons = check(bad, knowledge)
    joined = "\n".join(reasons)
    assert "does not exist: 'no-such-id'" in joined
    assert "unknown side: 'martians'" in joined
    assert "point 1 has no citation" in joined
    assert "gives a verdict in Parley's own voice" in joined
    assert "contains a ping" in joined
    assert "links to something the knowledge does not hold: https://example.com/x" in joined


def test_enforce_adds_flags_from_metadata_and_defuses_pings(knowledge) -> None:
    flagged = next(e for e in knowledge.entries if e.status is Status.CONTESTED)
    plain = next(e for e in knowledge.entries if not e.flagged)
    answer = make(knowledge, question="@here hi", lead="Hi <@123> and @everyone", lead_cites=[plain.id],
                  points=[Point(text="x", cites=[flagged.id])])
    enforced = enforce(answer, knowledge)
    assert [f.id for f in enforced.flags] == [flagged.id]
    assert len(enforced.flags[0].positions) >= 2
    assert "@everyone" not in enforced.lead and "<@123>" not in enforced.lead
    # The question is kept as asked: it is never posted (thread names cannot ping), and the store and the
    # thread name strip its mention syntax themselves.
    assert enforced.question == "@here hi"


def test_defuse_breaks_every_mention_form() -> None:
    text = defuse("@everyone @here <@1> <@!2> <@&3> @EveryOne")
    for live in ("@everyone", "@here", "<@1>", "<@!2>", "<@&3>", "@EveryOne"):
        assert live not in text


def test_render_shows_flags_with_positions_and_the_record(knowledge) -> None:
    inaccurate = next(e for e in knowledge.entries if e.status is Status.INACCURATE)
    answer = enforce(make(knowledge, lead="x", lead_cites=[inaccurate.id]), knowledge)
    text = render(answer, knowledge)
    assert "❌ **Inaccurate in the article:**" in text
    assert f"**The record:** {inaccurate.correction.says}" in text
    assert f"`[{inaccurate.id}]`" in text


def test_split_respects_the_limit_and_paragraphs() -> None:
    paragraphs = [("word " * 90).strip() + f" {i}." for i in range(30)]
    parts = split("\n\n".join(paragraphs))
    assert all(len(p) <= DISCORD_LIMIT for p in parts)
    assert len(parts) > 1
    assert "\n\n".join(parts).split("\n\n") == paragraphs  # nothing lost, boundaries kept


def test_split_cuts_a_single_huge_paragraph() -> None:
    parts = split("x" * 5000)
    assert [len(p) for p in parts] == [2000, 2000, 1000]


def test_a_position_is_shown_in_the_knowledges_words_and_given_only_to_its_side(knowledge) -> None:
    """Under a side's name Parley shows that side's curated words for the entry cited, whatever the model
    wrote there; and the side must be one the cited entry gives a view to, or the model has made it up."""
    entry = next(e for e in knowledge.entries
                 if e.status is Status.CONTESTED and {"russia", "nato"} <= {p.side for p in e.positions})
    attributed = make(knowledge, lead_cites=[entry.id],
                      positions=[SideView(side="russia", says="NATO is the aggressor and is wrong.", cites=[entry.id])])
    assert check(attributed, knowledge) == []
    shown = enforce(attributed, knowledge).positions
    assert [p.says for p in shown] == [p.says for p in entry.positions if p.side == "russia"]
    assert "is wrong" not in render(enforce(attributed, knowledge), knowledge)
    invented = make(knowledge, lead_cites=[entry.id],
                    positions=[SideView(side="author", says="Russia is right.", cites=[entry.id])])
    assert check(invented, knowledge) == [
        f"attributes a position to 'author' that the entries it cites ({entry.id}) do not give to that side"]


def test_a_position_shown_in_a_flag_is_not_repeated(knowledge) -> None:
    entry = next(e for e in knowledge.entries if e.status is Status.CONTESTED)
    pos = entry.positions[0]
    answer = enforce(make(knowledge, lead_cites=[entry.id], sides_focus=[pos.side],
                          positions=[SideView(side=pos.side, says=pos.says, cites=[entry.id])]), knowledge)
    text = render(answer, knowledge)
    assert text.count(pos.says) == 1 and "How each side puts it" not in text
    assert answer.flags[0].positions[0].says == pos.says  # the side asked about comes first in the flag


def test_a_neutral_sides_position_is_held_to_the_no_verdict_rule(knowledge) -> None:
    """"**The documented record:** Russia is the aggressor" would be a verdict in all but name."""
    entry = next(e for e in knowledge.entries if "record" in e.held_by)
    as_record = make(knowledge, lead_cites=[entry.id],
                     positions=[SideView(side="record", says="Russia is clearly the aggressor.", cites=[entry.id])])
    assert any("verdict" in r for r in check(as_record, knowledge))


def test_an_alliance_view_is_not_a_members_own(knowledge) -> None:
    """A UK view may stand as NATO's; a NATO view may not be put in Germany's mouth."""
    nato_only = next(e for e in knowledge.entries
                     if {p.side for p in e.positions} & {"nato"} and not {p.side for p in e.positions} & {"germany"}
                     and "germany" not in e.held_by)
    as_germany = make(knowledge, lead_cites=[nato_only.id],
                      positions=[SideView(side="germany", says="Germany says so.", cites=[nato_only.id])])
    assert any("do not give to that side" in r for r in check(as_germany, knowledge))
    uk_entry = next(e for e in knowledge.entries if "uk" in {p.side for p in e.positions})
    as_nato = make(knowledge, lead_cites=[uk_entry.id],
                   positions=[SideView(side="nato", says="NATO says so.", cites=[uk_entry.id])])
    assert check(as_nato, knowledge) == []


def test_render_defuses_what_the_knowledge_says_too(knowledge) -> None:
    """Flags are written from the knowledge, not the composer: a moderator's "@everyone" in a position or a
    correction must not ping either."""
    from bot.core.answer import Flag, FlagPosition

    entry = next(e for e in knowledge.entries if e.status is Status.CONTESTED)
    flag = Flag(id=entry.id, status=entry.status, title="@here title",
                positions=[FlagPosition(side="NATO", says="@everyone listen <@123>"),
                           FlagPosition(side="Russia", says="<@&456> no")], correction="@everyone")
    text = render(make(knowledge, lead_cites=[entry.id], flags=[flag]), knowledge)
    assert "listen" in text and not PING.search(text)
