"""The guard's own cases beyond the corpora: normalising, markup, the support test's parts, the offline
answer through the same guard, and the cap on messages per answer."""

from __future__ import annotations

import asyncio
from unittest.mock import AsyncMock

import pytest
from ruamel.yaml import YAML

from bot.core import markup
from bot.core.answer import Answer, Kind, Point, SideView
from bot.core.engine import answer
from bot.core.guard import check, enforce
from bot.core.support import Grounds, problems
from bot.discord_app.posting import post_parts
from bot.render import CUT, DISCORD_LIMIT, MAX_MESSAGES, render_parts
from bot.settings import PROJECT_ROOT
from tests.conftest import MAX_CHARS


@pytest.mark.parametrize(("raw", "clean"), [
    ("Russia is guil\u200bty.", "Russia is guilty."),
    ("Russia is ｇｕｉｌｔｙ.", "Russia is guilty."),
    ("Russia is\nguilty  of it.", "Russia is guilty of it."),
    ("aggres\u00adsor \ufeffsham", "aggressor sham"),
])
def test_text_is_normalised_before_it_is_read(raw: str, clean: str) -> None:
    assert markup.normalise(raw) == clean


@pytest.mark.parametrize("text", [
    "**Russia is guilty.**", "> **The record:** x", "-# Parley verified this", "# Verdict", "||spoiler||",
    "see <#123456789012345678>", "run </kb reload:123>", "[click](https://evil.example)", "✅ settled",
    "`[russia-guilty]`", "~~struck~~", "@everyone look",
])
def test_markup_is_found_and_removed(text: str) -> None:
    assert markup.found(text)
    plain = markup.plain(text)
    assert not markup.found(plain), plain


def test_every_format_character_is_removed() -> None:
    import sys
    import unicodedata

    missing = [hex(cp) for cp in range(sys.maxunicode + 1)
               if unicodedata.category(chr(cp)) == "Cf" and markup.FORMAT.sub("", chr(cp))]
    assert missing == []


def test_plain_text_has_no_markup() -> None:
    text = "The UK blames the Russian state (¶4); Russia denies any role — “highly likely”, 100%."
    assert markup.found(text) == [] and markup.plain(text) == text


def test_a_word_mixing_scripts_is_a_reason(knowledge) -> None:
    entry = knowledge.entry("skripal-poisoning")
    ok = Answer(question="q", kind=Kind.CLAIM, in_scope=True, mode="llm", lead=entry.title, lead_cites=[entry.id])
    assert check(ok, knowledge) == []
    tricked = ok.model_copy(update={"lead": entry.title.replace("o", "\u043e", 1)})  # a Cyrillic o
    assert any("mixes scripts" in r for r in check(tricked, knowledge))


def _grounds(knowledge, *ids: str, question: str = "") -> Grounds:
    return Grounds([knowledge.entry(i) for i in ids], question)


@pytest.mark.parametrize(("text", "held"), [
    ("The UK blames the Russian state; Russia denies any role.", True),
    ("Both Skripals survived the poisonings.", True),  # inflections of the entry's words
    ("The UK says the operation was “almost certainly” approved at a senior level of the Russian state.", True),
    ("Theresa May said on 5 September 2018 that the men charged are GRU officers.", True),
    ("Russia says the UK fabricated evidence.", True),
    ("Russia admitted the attack in 2020.", False),  # a verb and a date no entry holds
    ("The UK says Russia had no involvement.", False),  # Russia's words in the UK's mouth
    ("The UK says “Russia had no involvement”.", False),  # nor as a quotation
    ("Russia is responsible for the poisoning.", False),  # a word of judgement in Parley's own voice
    ("Rusia bersalah atas peracunan itu.", False),  # another language
    ("The answer is simple: “Russia did it”.", False),  # a quotation the entries do not hold
    ("Georgia says the attack was ordered from Moscow.", False),  # a side the entry gives no view
    ("Russia poisoned Skripal with a Novichok nerve agent.", False),  # a deed no sentence gives Russia
    ("Russia says the UK fabricated evidence, and it did.", False),  # Parley's own voice, after an attribution
    ("Russia denies any role, but nobody believes it.", False),
    ("Russia is to be blamed.", False),
])
def test_the_support_test(text: str, held: bool, knowledge) -> None:
    found = problems(text, _grounds(knowledge, "skripal-poisoning"), knowledge, where="the lead")
    assert (found == []) is held, found


def test_a_question_word_is_not_a_ruling(knowledge) -> None:
    """The question's words may frame the lead, but echoing a verdict the question asks for is no support."""
    grounds = _grounds(knowledge, "skripal-poisoning", question="Is Russia guilty of the Skripal poisoning?")
    assert problems("Russia is guilty of the Skripal poisoning.", grounds, knowledge, where="the lead")
    assert problems("The UK blames the Russian state for the Skripal poisoning.", grounds, knowledge,
                    where="the lead") == []


def test_two_sides_never_share_a_text_and_neutral_sides_do_not_rule(knowledge) -> None:
    entry = knowledge.entry("lowest-point")
    base = Answer(question="q", kind=Kind.CLAIM, in_scope=True, mode="llm", lead=entry.title, lead_cites=[entry.id])
    same = "Relations are at their lowest point since the end of the Cold War."
    shared = base.model_copy(update={"positions": [SideView(side=s, says=same, cites=[entry.id])
                                                   for s in ("nato", "russia")]})
    assert any("same text" in r for r in check(shared, knowledge))
    record = next(e for e in knowledge.entries if "record" in e.held_by and not any(
        p.side == "record" for p in e.positions))
    ruling = base.model_copy(update={"lead": record.title, "lead_cites": [record.id], "positions": [
        SideView(side="record", says="The record shows Russia is lying.", cites=[record.id])]})
    assert check(ruling, knowledge)


def _questions() -> list[str]:
    tuning = PROJECT_ROOT / "tests" / "questions" / "tuning.yaml"
    cases = YAML(typ="safe").load(tuning.read_text(encoding="utf-8"))["cases"]
    return [c["q"] for c in cases if "q" in c]


def test_every_offline_answer_passes_the_same_guard(knowledge) -> None:
    """The offline composer writes the knowledge's own words: the guard that holds models holds it too."""
    failing = {}
    for question in _questions():
        result = asyncio.run(answer(question, None, knowledge, max_chars=MAX_CHARS))
        if reasons := check(result, knowledge):
            failing[question] = reasons
    assert failing == {}


def _huge(knowledge) -> Answer:
    """An answer past any cap: many long points and positions, and many flags."""
    flagged = [e.id for e in knowledge.flagged()][:8]
    points = [Point(text=knowledge.entry(i).claim, cites=[i]) for i in flagged] * 3
    positions = [SideView(side=p.side, says=p.says, cites=[i]) for i in flagged for p in knowledge.entry(i).positions]
    return enforce(Answer(question="q", kind=Kind.CLAIM, in_scope=True, lead=knowledge.entry(flagged[0]).claim,
                          lead_cites=flagged[:1], points=points, positions=positions), knowledge)


def test_an_answer_posts_at_most_the_cap_keeping_its_flags(knowledge) -> None:
    result = _huge(knowledge)
    text, parts = render_parts(result, knowledge)
    assert len(parts) <= MAX_MESSAGES and all(0 < len(p) <= DISCORD_LIMIT for p in parts)
    assert all(f"`[{f.id}]`" in text for f in result.flags)  # what was cut is never a flag
    assert CUT.split("{")[0] in text and "/source" in parts[-1]


async def test_posting_never_sends_more_than_the_cap() -> None:
    first, rest = AsyncMock(), AsyncMock()
    await post_parts(first, rest, [f"part {n}" for n in range(10)])
    assert first.await_count + rest.await_count == MAX_MESSAGES


async def test_a_model_answer_as_long_as_the_schema_allows_is_capped(knowledge) -> None:
    """The draft's own bounds and the message cap together: the longest valid draft still fits."""
    from bot.core.answer import LEAD_MAX, POINT_MAX, POINTS_MAX
    from tests.fakes import FakeModel

    entry = knowledge.entry("skripal-poisoning")
    words = (entry.claim + " ") * 3
    draft = {"in_scope": True, "lead": words[:LEAD_MAX].rsplit(" ", 1)[0], "lead_cites": [entry.id],
             "points": [{"text": words[:POINT_MAX].rsplit(" ", 1)[0], "cites": [entry.id]}] * POINTS_MAX,
             "positions": []}
    result = await answer("Who poisoned Skripal?", None, knowledge, FakeModel(draft, draft), max_chars=MAX_CHARS)
    _, parts = render_parts(result, knowledge)
    assert result.mode == "llm" and len(parts) <= MAX_MESSAGES

