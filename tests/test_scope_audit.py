"""``check``'s scope audit: an alias or a common word that brings an out-of-scope question in is named."""

from __future__ import annotations

from bot.cli import main
from bot.knowledge.schema import Knowledge
from bot.scope_audit import BUNDLED, probe_questions, scope_warnings
from tests.conftest import MAX_CHARS


def with_alias(knowledge: Knowledge, entry_id: str, alias: str) -> Knowledge:
    entries = [e.model_copy(update={"aliases": [*e.aliases, alias]}) if e.id == entry_id else e
               for e in knowledge.entries]
    return Knowledge(article=knowledge.article, sides=knowledge.sides, entries=entries, digest="edited")


def test_the_bundled_knowledge_answers_none_of_the_bundled_probes(knowledge) -> None:
    assert scope_warnings(knowledge, list(BUNDLED), max_chars=MAX_CHARS) == []


def test_a_common_word_alias_is_named_with_its_entry(knowledge) -> None:
    edited = with_alias(knowledge, "lowest-point", "last race")
    warnings = scope_warnings(edited, ["Who won the last race?"], max_chars=MAX_CHARS)
    assert len(warnings) == 1
    assert "lowest-point" in warnings[0] and "“last race”" in warnings[0] and "Who won the last race?" in warnings[0]


def test_the_probes_are_the_projects_out_of_scope_cases(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("cases:\n  - {id: x, q: 'Is Omsk nice?', in_scope: false}\n"
                                     "  - {id: y, q: 'Who is Maas?'}\n", encoding="utf-8")
    (tmp_path / "holdout.yaml").write_text("cases:\n  - {id: h, q: 'Is Tomsk nice?', in_scope: false}\n",
                                           encoding="utf-8")
    assert probe_questions(tmp_path) == ["Is Omsk nice?"]  # never the holdout's: its misses must not drive edits
    assert probe_questions(tmp_path / "missing") == list(BUNDLED)


def test_check_prints_the_warnings_and_still_passes(knowledge_copy, capsys) -> None:
    path = knowledge_copy / "entries" / "diplomacy.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("aliases: [lowest point,", "aliases: [treaty of versailles, lowest point,", 1),
                    encoding="utf-8")
    assert main(["--knowledge", str(knowledge_copy), "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: ") and "warning: scope: entry lowest-point" in out and "treaty of versailles" in out
