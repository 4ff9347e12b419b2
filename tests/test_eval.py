"""The project's question set passes offline: every case, and every entry has a case."""

from __future__ import annotations

from pathlib import Path

from bot.evaluate import load_cases, report, run_cases

QUESTIONS = Path(__file__).parent / "questions.yaml"


async def test_every_case_passes_offline(knowledge) -> None:
    outcomes = await run_cases(load_cases(QUESTIONS), knowledge)
    text, ok = report(outcomes)
    assert ok, text


def test_every_entry_has_a_case(knowledge) -> None:
    ids = {case.id for case in load_cases(QUESTIONS)}
    assert [e.id for e in knowledge.entries if e.id not in ids] == []


def test_the_shared_starter_cases_are_all_kept() -> None:
    starter = ["article-topic", "russia-nato-expansion", "expelled-diplomats", "navalny-west", "maas-statement",
               "author-skripal", "skripal-fate", "interference-elections", "crimea", "your-opinion", "who-wins",
               "injection", "ping", "off-topic-sport", "off-topic-maths", "later-events"]
    ids = [case.id for case in load_cases(QUESTIONS)]
    assert [i for i in starter if i not in ids] == []
