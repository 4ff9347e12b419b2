"""The project's question sets, offline: the tuning sets and the holdout set each meet the targets.

Targets (issue 11): each set passes at ≥ 95 %, every category at ≥ 90 %, and the scope decision has
precision and recall ≥ 95 % both ways. The holdout set is measured, never tuned against: when it falls
short, fix the cause (retrieval, understanding), not the case.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.core.answer import Kind
from bot.errors import ParleyError
from bot.evaluate import Case, load_cases, report, run_cases, scores
from tests.conftest import MAX_CHARS

QUESTIONS = Path(__file__).parent / "questions"
TUNING = QUESTIONS / "tuning.yaml"
# A second tuning set, written apart from the first by other hands (its first run measured how far the
# understanding tuned on the first one generalised); held to the same targets.
TUNING_2 = QUESTIONS / "tuning-2.yaml"
# A third, written apart from both (first run, before any change it drove: 85.3 %); held to the same targets.
TUNING_3 = QUESTIONS / "tuning-3.yaml"
# Round 4: three more by three more writers (first run 77.3 %, 80.0 %, 78.0 %), and a fifth written after
# round 4 began (first run 77.5 %). Held to the same targets; those still short of them are listed below.
TUNING_4 = [QUESTIONS / f"tuning-4{x}.yaml" for x in "abc"]
TUNING_5 = QUESTIONS / "tuning-5.yaml"
# A sixth, sealed until round 4's work had landed and then run once (first run 90.2 %): the figure for how
# Parley does on wording nobody tuned for.
TUNING_6 = QUESTIONS / "tuning-6.yaml"
# Round 5: two more by two more writers, run once before any change they drove (86.1 % and 79.5 %).
TUNING_7 = [QUESTIONS / f"tuning-7{x}.yaml" for x in "ab"]
# ...and an eighth, sealed until round 5's other changes had landed, then run once (79.3 %): this round's
# figure for wording nobody tuned for.
TUNING_8 = QUESTIONS / "tuning-8.yaml"
HOLDOUT = QUESTIONS / "holdout.yaml"
TUNING_SETS = [TUNING, TUNING_2, TUNING_3, *TUNING_4, TUNING_5, TUNING_6, *TUNING_7, TUNING_8]
SET_TARGET, CATEGORY_TARGET, SCOPE_TARGET = 0.95, 0.90, 0.95
# Sets below the targets: their target tests are expected to fail, strictly — the day one passes, its entry
# must go. Until then a floor keeps what was won (its last figure less 2 points). Raise a floor by fixing
# causes, found with the tuning sets; never by editing a holdout case to fit the bot. (The holdout meets every
# target: 131/131. It was measured blind at 93.1 % once round 4's tuning had landed; its misses were then read
# for their causes, so its figure is no longer a blind one — tuning-6's first run is. One expectation was put
# right to the fact sheet: see h-follow-2018-cut-response.)
SHORT: dict[Path, float] = {
    TUNING_4[1]: 0.962,
    TUNING_4[2]: 0.97,
    TUNING_5: 0.938,
    TUNING_7[0]: 0.933,
    TUNING_7[1]: 0.932,
    TUNING_8: 0.93,
}
SHORT_REASON = "below target (see the issue 11 report): fix causes, not cases"
# A set short of target may already meet some of the three targets (set, category, scope): only the targets
# it still misses are expected to fail (strictly, so the one met next is noticed). A set not listed misses
# all three.
MEETS: dict[Path, frozenset[str]] = {
    TUNING_4[1]: frozenset({"set", "category"}),  # 98.2 % (its scope lags: out-of-scope precision)
    TUNING_4[2]: frozenset({"set", "category"}),  # 99.0 %; its scope lags (out-of-scope precision)
    TUNING_5: frozenset({"set", "category"}),  # 95.8 %: its out-of-scope precision lags
    TUNING_7[0]: frozenset({"set", "scope"}),  # 95.3 %: its languages and lists lag
    TUNING_7[1]: frozenset({"set"}),  # 96.6 %: its lists and out-of-scope recall lag
    TUNING_8: frozenset({"set"}),  # 95.0 % after tuning on it (79.3 % at first sight): follow-ups, injections lag
}


def _short_of_target(request: pytest.FixtureRequest, path: Path, target: str) -> None:
    if path in SHORT and target not in MEETS.get(path, frozenset()):
        request.applymarker(pytest.mark.xfail(strict=True, reason=f"{path.name} {SHORT_REASON}"))


@pytest.fixture(scope="module", params=[*TUNING_SETS, HOLDOUT], ids=lambda p: p.stem)
def measured(request: pytest.FixtureRequest, knowledge):
    outcomes = asyncio.run(run_cases(load_cases(request.param), knowledge, max_chars=MAX_CHARS))
    return request.param, outcomes, report(outcomes)[0]


def test_the_set_passes_at_the_target(measured, request: pytest.FixtureRequest) -> None:
    path, outcomes, text = measured
    _short_of_target(request, path, "set")
    assert scores(outcomes).rate >= SET_TARGET, text


def test_every_category_passes_at_the_target(measured, request: pytest.FixtureRequest) -> None:
    path, outcomes, text = measured
    _short_of_target(request, path, "category")
    low = {c: f"{p}/{t}" for c, (p, t) in scores(outcomes).categories.items() if p / t < CATEGORY_TARGET}
    assert low == {}, text


def test_scope_precision_and_recall_meet_the_target(measured, request: pytest.FixtureRequest) -> None:
    path, outcomes, text = measured
    _short_of_target(request, path, "scope")
    low = {label: pr for label, pr in scores(outcomes).scope.items() if min(pr) < SCOPE_TARGET}
    assert low == {}, text


@pytest.mark.parametrize("path", list(SHORT), ids=lambda p: p.stem)
async def test_a_set_short_of_target_keeps_what_was_won(path: Path, knowledge) -> None:
    outcomes = await run_cases(load_cases(path), knowledge, max_chars=MAX_CHARS)
    assert scores(outcomes).rate >= SHORT[path], report(outcomes)[0]


def test_no_answer_breaks_the_hard_rules(measured) -> None:
    """Whatever else misses: no verdict, no unknown id, no ping — in every case of both sets."""
    _, outcomes, _ = measured
    hard = ("verdict in the bot's own voice", "cites unknown ids", "lets a ping through")
    broken = [(o.case.id, f) for o in outcomes for f in o.failures if f.startswith(hard)]
    assert broken == []


def test_the_sets_are_large_and_apart() -> None:
    tuning = [case for path in TUNING_SETS for case in load_cases(path)]
    holdout = load_cases(HOLDOUT)
    assert len(tuning) + len(holdout) >= 300 and len(holdout) >= 100
    assert {c.id for c in tuning}.isdisjoint(c.id for c in holdout)
    assert not {c.q for c in tuning if c.q}.intersection(c.q for c in holdout if c.q)
    out_of_scope = [c for c in tuning + holdout if c.category == "out_of_scope"]
    assert len(out_of_scope) >= 60
    assert {c.lang for c in tuning + holdout} == {"en", "id", "ru", "de", "fr", "es"}
    assert [c for c in tuning + holdout if c.category == "follow_up" and len(c.turns) < 2] == []


def test_every_entry_has_a_case(knowledge) -> None:
    ids = {case.id for case in load_cases(TUNING)}
    assert [e.id for e in knowledge.entries if e.id not in ids] == []


def test_the_shared_starter_cases_are_all_kept() -> None:
    starter = ["article-topic", "russia-nato-expansion", "expelled-diplomats", "navalny-west", "maas-statement",
               "author-skripal", "skripal-fate", "interference-elections", "crimea", "your-opinion", "who-wins",
               "injection", "ping", "off-topic-sport", "off-topic-maths", "later-events"]
    ids = [case.id for case in load_cases(TUNING)]
    assert [i for i in starter if i not in ids] == []


async def test_a_conversation_is_judged_on_its_last_answer(knowledge) -> None:
    case = Case(id="c", category="follow_up", turns=["Was Skripal killed?", "and what does NATO say?"],
                lead=["NATO"])
    outcome = (await run_cases([case], knowledge, max_chars=MAX_CHARS))[0]
    assert outcome.answer is not None and outcome.answer.kind is Kind.FOLLOW_UP


def test_a_case_needs_one_question_and_sound_regexes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    for body in ("cases: [{id: a}]", "cases: [{id: a, q: x, turns: [y]}]", "cases: [{id: a, q: x, lead: ['(']}]",
                 "cases: [{id: a, q: x}, {id: a, q: y}]", "cases: [{id: a, q: x, category: nonsense}]"):
        bad.write_text(body, encoding="utf-8")
        with pytest.raises(ParleyError):
            load_cases(bad)
