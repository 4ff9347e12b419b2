"""The balance rule (bot.knowledge.balance): each party of a contested entry has its say, at comparable length, and
every position names its speaker. Also the `garbled` status's own rule (it needs a correction)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.knowledge.balance import NATO, OTHERS, RUSSIA, balance, camp_of, word_count
from bot.knowledge.loader import load_knowledge
from bot.knowledge.schema import Article, Entry, Knowledge, Paragraph, Position, Side, Status

SIDES = [
    Side(id="russia", name="The Russian government", short="Russia"),
    Side(id="nato", name="NATO and its allies", short="NATO"),
    Side(id="uk", name="The UK government", short="UK", part_of="nato"),
    Side(id="germany", name="The German government", short="Germany", part_of="nato"),
    Side(id="georgia", name="The Georgian government", short="Georgia"),
    Side(id="eu", name="The European Union", short="EU"),
    Side(id="record", name="The documented record", short="the record", neutral=True),
]
ARTICLE = Article(title="T", author="A", date="2021-10", dateline="Jakarta", paragraphs=[Paragraph(n=1, text="x")])


def says(n: int) -> str:
    return " ".join(["word"] * n)


def pos(side: str, words: int = 10, speaker: str | None = "Someone") -> Position:
    return Position(side=side, says=says(words), speaker=speaker)


def kb(*entries: Entry) -> Knowledge:
    return Knowledge(article=ARTICLE, sides=SIDES, entries=list(entries))


def contested(*positions: Position, held_by: tuple[str, ...] = ("russia",), status: Status = Status.CONTESTED) -> Entry:
    return Entry(id="e", status=status, title="t", claim="c", held_by=list(held_by), positions=list(positions))


def test_word_count_counts_words_not_punctuation() -> None:
    assert word_count("NATO’s door — “open”, it says (2021).") == 6


def test_camps() -> None:
    k = kb()
    assert [camp_of(s, k) for s in ("nato", "uk", "russia", "georgia", "record", "nobody")] == \
        [NATO, NATO, RUSSIA, OTHERS, None, None]


def test_an_even_entry_has_no_warning_and_its_words_are_counted() -> None:
    report = balance(kb(contested(pos("russia", 12), pos("uk", 10), pos("record", 40))))
    assert report.ok, report.warnings
    [row] = report.entries
    assert dict(row.words) == {NATO: 10, RUSSIA: 12, OTHERS: 0}  # the neutral record is not a party
    assert dict(report.total) == {NATO: 10, RUSSIA: 12, OTHERS: 0}
    assert row.parties == ("russia", "uk")


def test_one_party_with_more_than_twice_the_words_is_warned() -> None:
    report = balance(kb(contested(pos("russia", 10), pos("nato", 21))))
    assert report.warnings == ["e: 21 words for NATO and its members against 10 for the Russian government "
                               "(more than 2×)"]
    assert balance(kb(contested(pos("russia", 10), pos("nato", 20)))).ok  # twice is the limit


def test_the_camp_total_counts_not_each_position() -> None:
    # Two NATO-camp voices of 12 words each outweigh one Russian voice of 11.
    report = balance(kb(contested(pos("russia", 11), pos("nato", 12), pos("uk", 12))))
    assert not report.ok


def test_a_party_that_holds_the_claim_but_has_no_position_is_warned() -> None:
    report = balance(kb(contested(pos("russia"), pos("georgia"), held_by=("germany",))))
    assert report.warnings == ["e: germany is a party but the entry gives it no position"]


def test_a_member_answers_for_its_alliance_but_not_the_other_way_round() -> None:
    assert balance(kb(contested(pos("russia"), pos("uk"), held_by=("nato",)))).ok
    assert not balance(kb(contested(pos("russia"), pos("nato"), held_by=("uk",)))).ok


def test_another_camp_does_not_answer_for_a_party() -> None:
    # The EU's view is not Georgia's: Georgia holds the claim, so it needs its own position.
    report = balance(kb(contested(pos("russia"), pos("eu"), held_by=("georgia",))))
    assert report.warnings == ["e: georgia is a party but the entry gives it no position"]


def test_a_dispute_need_not_involve_both_main_parties() -> None:
    # Georgia against Russia: NATO has no say to give, and is not required to.
    assert balance(kb(contested(pos("russia", 15), pos("georgia", 12)))).ok


def test_a_contested_entry_inside_one_camp_is_warned() -> None:
    report = balance(kb(contested(pos("uk"), pos("nato"), pos("record"), held_by=("uk",))))
    assert report.warnings == ["e: only NATO and its members gives a position; a contested entry needs the "
                               "other party's"]


def test_a_position_without_a_speaker_is_warned_in_any_entry() -> None:
    entry = contested(pos("russia"), pos("author", speaker=None), status=Status.OPINION, held_by=())
    sides = [*SIDES, Side(id="author", name="The author", short="the author")]
    report = balance(Knowledge(article=ARTICLE, sides=sides, entries=[entry]))
    assert report.warnings == ["e: positions[1] (author) has no speaker"]
    assert report.entries == []  # only contested entries are weighed


def test_the_bundled_knowledge_is_balanced(knowledge: Knowledge) -> None:
    report = balance(knowledge)
    assert report.warnings == [], "\n".join(report.warnings)
    assert {e.id for e in report.entries} == {e.id for e in knowledge.entries if e.status is Status.CONTESTED}


# --- the garbled status (its loader rule is checked in the model; see bot.knowledge.schema.Entry) ----------------


def test_garbled_is_flagged_with_its_own_label() -> None:
    assert Status.GARBLED.flagged and Status.GARBLED.label == "Garbled in the article"


def test_a_garbled_entry_is_rendered_with_its_icon_and_its_correction() -> None:
    from bot.knowledge.schema import Correction, Source
    from bot.render import render_claims, render_entry

    entry = Entry(id="g", status=Status.GARBLED, title="A garbled sentence", claim="c",
                  correction=Correction(says="The clear wording.", sources=[Source(publication="P")]))
    k = kb(entry)
    assert "✏️ **Garbled in the article:** A garbled sentence `[g]`" in render_claims(k)[0]
    shown = render_entry(entry, k)
    assert "**The record:** The clear wording." in shown
    assert "• P, undated" in shown  # a source with no title or date says so rather than guess


def test_a_garbled_entry_without_a_correction_is_reported_at_its_line(tmp_path: Path) -> None:
    from tests.test_loader import ARTICLE as ARTICLE_YAML
    from tests.test_loader import ENTRIES
    from tests.test_loader import SIDES as SIDES_YAML

    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "article.yaml").write_text(ARTICLE_YAML, encoding="utf-8")
    (folder / "sides.yaml").write_text(SIDES_YAML, encoding="utf-8")
    (folder / "entries.yaml").write_text(ENTRIES.replace("    status: fact", "    status: garbled"), encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    assert [str(p) for p in caught.value.problems] == [
        "knowledge/entries.yaml:27: later.correction: a garbled entry needs a correction (the clear wording) "
        "with a source"]


def test_check_reports_the_words_per_party_and_warns(knowledge_copy: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["--knowledge", str(knowledge_copy), "check"]) == 0
    out = capsys.readouterr().out
    assert "skripal-poisoning" in out and "warning: balance" not in out
    assert "balance: every contested entry gives each party its say" in out
    skripal = knowledge_copy / "entries" / "skripal.yaml"
    text = skripal.read_text(encoding="utf-8")
    # Russia's position on the poisoning cut to two words: NATO's side now has far more than twice its words.
    start = text.index("      - side: russia\n        says: >-\n          Russia had no involvement.")
    end = text.index("        speaker:", start)
    text = text[:start] + "      - side: russia\n        says: Not involved.\n" + text[end:]
    skripal.write_text(text, encoding="utf-8")
    assert main(["--knowledge", str(knowledge_copy), "check"]) == 0  # a warning is not an error
    out = capsys.readouterr().out
    assert "warning: balance: skripal-poisoning:" in out and "every contested entry" not in out
