"""``chat`` keeps the conversation: a follow-up answers from the turns before it."""

from __future__ import annotations

import re

import pytest

from bot.cli import main


def _answers(out: str) -> list[str]:
    return [part.split("\nyou> ")[0] for part in out.split("parley> ")[1:]]


def test_a_follow_up_in_chat_continues_from_the_answer_before_it(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    lines = iter(["Was Skripal killed?", "and what does NATO say?", "/quit"])
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(lines))
    assert main(["chat"]) == 0
    first, follow_up = _answers(capsys.readouterr().out)
    assert follow_up != first, "the follow-up repeated the first answer"
    cited = set(re.findall(r"`\[([a-z0-9-]+)\]`", follow_up))
    # Asked alone, "and what does NATO say?" is about NATO's part in the central disputes; after the Skripal
    # question it stays with Skripal, and gives NATO's view on it.
    assert any(c.startswith(("skripal", "observer-mission")) for c in cited), cited
    assert "NATO and its allies" in follow_up


def test_the_same_question_alone_is_not_about_skripal(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The control for the test above: without the conversation, nothing leads to Skripal."""
    lines = iter(["and what does NATO say?", "/quit"])
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(lines))
    assert main(["chat"]) == 0
    (answer,) = _answers(capsys.readouterr().out)
    assert not any(c.startswith(("skripal", "observer-mission")) for c in re.findall(r"`\[([a-z0-9-]+)\]`", answer))
