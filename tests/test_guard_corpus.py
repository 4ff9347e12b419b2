"""The guard against its corpora (tests/guard/): every hostile draft rejected or repaired, the faithful ones
accepted, and every flagged entry's flag shown whatever the draft cites.

A scripted model returns each draft for the reply and again for the correction (it does not learn), so a
draft is posted only if code could make it safe. The ``malformed_body`` items are whole HTTP bodies (invalid
UTF-8, deep nesting, HTML, truncation, 26 MB): they go through the real client and adapter, served by the
loopback server, and must end in the offline answer with its notice.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from ruamel.yaml import YAML

from bot.core.engine import answer
from bot.core.guard import check
from bot.core.understand import understand
from bot.llm.adapter import OpenAIModel
from bot.render import COMPACT_FLAGS, FLAG_ICONS, MAX_MESSAGES, render_parts
from bot.settings import PROJECT_ROOT, Settings
from bot.tools.loopback import LoopbackServer, Reply
from tests.conftest import MAX_CHARS
from tests.fakes import FakeModel
from tests.guard_corpus import drafted, hostile_problems, load, run

HOSTILE = load("hostile.yaml")
BENIGN = load("benign.yaml")
KINDS = {"verdict_paraphrase", "verdict_formatting", "verdict_language", "verdict_attribution",
         "verdict_in_position", "invented_fact", "wrong_side", "shared_text", "unknown_id", "flag_dodge",
         "forged_marks", "size", "malformed_body", "off_topic_smuggle"}


def test_the_corpora_are_large_and_cover_every_kind() -> None:
    kinds = Counter(i["kind"] for i in HOSTILE)
    assert len(HOSTILE) >= 150 and set(kinds) == KINDS and min(kinds.values()) >= 5, kinds
    assert len(BENIGN) >= 50
    assert {"claim", "sides", "verdict", "summary", "claims", "follow_up"} <= {i["kind"] for i in BENIGN}
    ids = [i["id"] for i in [*HOSTILE, *BENIGN]]
    assert len(ids) == len(set(ids))
    for item in HOSTILE:  # a pattern that cannot compile would pass for the wrong reason
        for pattern in item.get("bad") or []:
            re.compile(pattern)


@pytest.mark.parametrize("item", [i for i in HOSTILE if drafted(i)], ids=lambda i: i["id"])
async def test_a_hostile_draft_is_rejected_or_repaired(item, knowledge) -> None:
    outcome = await run(item, knowledge)
    assert hostile_problems(outcome) == [], outcome.text[:600]
    assert len(outcome.parts) <= MAX_MESSAGES


async def test_most_faithful_drafts_are_accepted_as_the_model_wrote_them(knowledge) -> None:
    """A guard that rejects everything would pass the hostile corpus: this is its other half."""
    outcomes = [await run(i, knowledge) for i in BENIGN]
    rejected = [o.item["id"] for o in outcomes if o.mode != "llm" or o.notice is not None]
    assert len(rejected) <= len(BENIGN) * 0.10, rejected
    for o in outcomes:
        if o.mode == "llm":
            assert o.calls == 1, o.item["id"]  # accepted the first time, not after a correction
            assert o.item["draft"]["lead"].split()[0] in o.text  # the model's own phrasing is what is posted


def _flagged_questions() -> list[tuple[str, str]]:
    """(entry id, question) for every flagged entry: tests/questions/tuning.yaml has a case per entry, by its id."""
    path = PROJECT_ROOT / "tests" / "questions" / "tuning.yaml"
    cases = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["cases"]
    by_id = {c["id"]: c["q"] for c in cases if "q" in c}
    from bot.knowledge.loader import load_knowledge

    return [(e.id, by_id[e.id]) for e in load_knowledge(PROJECT_ROOT / "knowledge").flagged()]


@pytest.mark.parametrize(("entry_id", "question"), _flagged_questions(), ids=lambda v: v if "-" in v else None)
async def test_a_draft_citing_only_a_neighbour_still_shows_the_flag(entry_id: str, question: str, knowledge) -> None:
    """The flag of what the question is about is the question's, not the draft's: a draft that cites an
    unflagged neighbour (or any other entry) instead cannot make it disappear."""
    entry = knowledge.entry(entry_id)
    ctx = understand(question, None, knowledge, MAX_CHARS)
    assert entry_id in [e.id for e in ctx.entries], f"retrieval no longer finds {entry_id} for {question!r}"
    chosen = {e.id for e in ctx.entries}
    neighbours = [knowledge.entry(r) for r in entry.related] + knowledge.entries
    neighbour = next(n for n in neighbours if n is not None and n.id not in chosen and not n.flagged)
    draft = {"in_scope": True, "lead": neighbour.title, "lead_cites": [neighbour.id], "points": [], "positions": []}
    result = await answer(question, None, knowledge, FakeModel(draft, draft), max_chars=MAX_CHARS)
    assert check(result, knowledge) == []
    text, _ = render_parts(result, knowledge)
    assert entry_id in [f.id for f in result.flags]
    assert f"{FLAG_ICONS[entry.status]} **{entry.status.label}:** {entry.title} `[{entry_id}]`" in text
    flag = next(f for f in result.flags if f.id == entry_id)
    if len(result.flags) <= COMPACT_FLAGS:  # past that, flags are one line each and their positions a /source away
        assert all(p.says in text for p in flag.positions)
        assert flag.correction is None or flag.correction in text


def _body(item) -> str | bytes:
    """The HTTP body of a ``malformed_body`` item: given, or generated (see tests/guard/hostile.yaml)."""
    if "raw_body" in item:
        return str(item["raw_body"])
    kind, n = item["raw_body_gen"]["kind"], int(item["raw_body_gen"]["n"])
    generated: dict[str, str | bytes] = {
        "invalid_utf8": b"\xff\xfe" * (n // 2),
        "nested_json": "[" * n + "]" * n,
        "html": "<!DOCTYPE html><html><body>" + "<p>Bad Gateway</p>" * (n // 18) + "</body></html>",
        "truncated": '{"choices": [{"message": {"role": "assistant", "content": "' + "x" * n,
        "huge": b" " * n,
    }
    return generated[kind]


@pytest.mark.parametrize("item", [i for i in HOSTILE if not drafted(i)], ids=lambda i: i["id"])
async def test_a_malformed_body_ends_in_the_offline_answer(item, knowledge, settings: Settings) -> None:
    async with LoopbackServer(keep_requests=False) as server:
        server.script = lambda received: Reply(body=_body(item))
        run = settings.model_copy(update={"openai_base_url": server.base_url, "openai_api_key": None,
                                          "model_timeout": 2.0, "model_deadline": 4.0, "model_attempts": 2})
        model = OpenAIModel.from_settings(run)
        try:
            result = await answer(item["question"], None, knowledge, model, max_chars=MAX_CHARS)
        finally:
            await model.aclose()
    text, parts = render_parts(result, knowledge)
    assert result.mode == "offline" and result.notice is not None
    assert not any(re.search(p, text, re.IGNORECASE) for p in item.get("bad") or [])
    assert len(parts) <= MAX_MESSAGES
