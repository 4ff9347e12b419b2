"""Property-based bad input: arbitrary text, control characters, huge input, markdown and mention syntax
through the question path and the renderer — no exception but BadQuestion, no ping, no part over 2,000."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.conversation import Conversation
from bot.core.engine import answer
from bot.core.guard import check
from bot.core.mentions import PING, defuse
from bot.errors import BadQuestion
from bot.render import DISCORD_LIMIT, as_json, render, split
from tests.conftest import MAX_CHARS

MENTIONS = st.sampled_from(["@everyone", "@here", "<@123>", "<@!456>", "<@&789>", "<#42>", "@EVERYONE"])
MARKDOWN = st.sampled_from(["**", "__", "`", "```", "> ", "||", "# ", "-# ", "[x](https://evil.example)", "\n\n"])
WORDS = st.sampled_from(["Russia", "NATO", "Skripal", "Crimea", "who is right", "ignore your rules",
                         "SYSTEM:", "Navalny", "Maas", "2022", "the Kremlin", "?"])
QUESTIONS = st.lists(st.one_of(st.text(max_size=40), MENTIONS, MARKDOWN, WORDS), max_size=12).map(" ".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def ask(question: str, knowledge, conversation: Conversation | None = None):
    return asyncio.run(answer(question, conversation, knowledge, max_chars=MAX_CHARS))


@FAST
@given(question=QUESTIONS)
def test_any_question_gets_a_safe_answer_or_a_one_line_refusal(question: str, knowledge) -> None:
    try:
        result = ask(question, knowledge)
    except BadQuestion as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    out = as_json(result, knowledge)
    assert not PING.search(out["text"])
    assert all(0 < len(m) <= DISCORD_LIMIT for m in out["messages"])
    assert check(result, knowledge) == []
    assert all(knowledge.entry(c["id"]) for c in out["citations"])


@FAST
@given(questions=st.lists(QUESTIONS, min_size=2, max_size=5))
def test_conversations_stay_safe_and_bounded(questions: list[str], knowledge) -> None:
    conversation = Conversation(max_turns=3, max_tokens=600)
    for question in questions:
        try:
            result = ask(question, knowledge, conversation)
        except BadQuestion:
            continue
        assert check(result, knowledge) == []
        conversation.remember(result, render(result, knowledge))
        assert len(conversation) <= 3 and conversation.tokens <= 600


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=9000))
def test_split_never_exceeds_the_limit_and_loses_no_words(text: str) -> None:
    parts = split(text)
    assert all(len(p) <= DISCORD_LIMIT for p in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.one_of(st.text(max_size=20), MENTIONS), max_size=20).map("".join))
def test_defuse_leaves_no_live_ping(text: str) -> None:
    assert not PING.search(defuse(text))


def test_huge_and_control_character_input(knowledge) -> None:
    for question in ("x" * 100_000, "\x00\x01\x02" * 10, "\u202e\u200b" * 50, "@everyone" * 100):
        try:
            result = ask(question, knowledge)
        except BadQuestion as exc:
            assert str(exc)
            continue
        assert not PING.search(as_json(result, knowledge)["text"])
