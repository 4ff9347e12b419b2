"""The loader and ``check``: the bundled knowledge validates; each kind of mistake gets its own message
with the right file, line and field; problems are reported all at once."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bot.cli import main
from bot.errors import KnowledgeError
from bot.knowledge.loader import knowledge_files, load_knowledge
from bot.settings import PROJECT_ROOT
from tests.conftest import MAX_CHARS

ARTICLE = """\
article:
  title: "A test article"
  author: A. Writer
  date: "2021-10"
  dateline: Jakarta
  paragraphs:
    - n: 1
      text: "Russia says NATO is expanding to its borders."
    - n: 2
      text: "I think both sides know it’s hard."
"""
SIDES = """\
sides:
  - id: russia
    name: The Russian government
    short: Russia
    aliases: [Moscow]
  - id: nato
    name: NATO and its allies
    short: NATO
    aliases: [the alliance]
"""
ENTRIES = """\
# A comment that must survive a round trip.
entries:
  - id: expansion
    status: contested
    title: NATO expansion
    claim: Russia says NATO is expanding; NATO says members choose freely.
    paragraph: 1
    quote: "NATO is expanding to its borders"
    positions:
      - side: russia
        says: Expansion threatens Russia.
      - side: nato
        says: Every country chooses its alliances.
    aliases: [enlargement]
  - id: hard
    status: opinion
    title: Both sides know it is hard
    claim: The author argues both sides know their strengths.
    paragraph: 2
    quote: "both sides know it’s hard"
    positions:
      - side: russia
        says: Russia sees no weakness.
      - side: nato
        says: NATO sees no weakness.
    aliases: [strengths]
  - id: later
    status: fact
    title: Something later
    claim: After the article, something happened in 2022.
    after_article: true
    when: "2022-02-24"
    sources:
      - publication: Example
        title: A report
        date: 2022-02-24
"""


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "article.yaml").write_text(ARTICLE, encoding="utf-8")
    (folder / "sides.yaml").write_text(SIDES, encoding="utf-8")
    (folder / "entries.yaml").write_text(ENTRIES, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return [str(p) for p in caught.value.problems]


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_bundled_knowledge_validates(knowledge) -> None:
    assert knowledge.entries and knowledge.sides
    assert len(knowledge.article.paragraphs) == 10
    assert knowledge.version


def test_the_synthetic_knowledge_validates(kb: Path) -> None:
    k = load_knowledge(kb)
    assert [e.id for e in k.entries] == ["expansion", "hard", "later"]
    assert k.by_id["later"].sources[0].date == "2022-02-24"  # a YAML date becomes an ISO string


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("entries.yaml", "    title: NATO expansion\n", "    title: NATO expansion\n    title: again\n",
         'knowledge/entries.yaml:6: title: duplicate key "title"; keep one'),
        ("entries.yaml", "    status: opinion", "\tstatus: opinion",
         "knowledge/entries.yaml:16: (yaml): tab used for indentation; YAML needs spaces"),
        ("entries.yaml", "aliases: [enlargement]", "aliases: [enlargement",
         "knowledge/entries.yaml:15: (yaml): syntax error at column 7: did not find expected ',' or ']'"),
        ("entries.yaml", "    status: contested", "    status: disputed",
         "knowledge/entries.yaml:4: expansion.status: input should be 'fact', 'position', 'contested', "
         "'opinion', 'inaccurate' or 'garbled'"),
        ("entries.yaml", "    aliases: [strengths]", "    alias: [strengths]",
         "knowledge/entries.yaml:26: hard.alias: is not a known field (check the spelling)"),
        ("entries.yaml", "    title: Something later\n", "",
         "knowledge/entries.yaml:27: later.title: is required"),
        ("entries.yaml", "date: 2022-02-24\n", "date: last year\n",
         "knowledge/entries.yaml:36: later.sources[0].date: must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD"),
        ("entries.yaml", "  - id: hard", "  - id: expansion",
         "knowledge/entries.yaml:15: expansion.id: duplicate id (first at knowledge/entries.yaml:3)"),
        ("entries.yaml", "      - side: nato\n        says: Every", "      - side: natto\n        says: Every",
         'knowledge/entries.yaml:12: expansion.positions[1].side: unknown side "natto" (see sides.yaml)'),
        ("entries.yaml", "      - side: nato\n        says: NATO sees", "      - side: russia\n        says: NATO sees",
         "knowledge/entries.yaml:21: hard.positions: a opinion entry needs at least two positions from "
         "different sides"),
        ("entries.yaml", "    status: fact", "    status: inaccurate",
         "knowledge/entries.yaml:28: later.correction: an inaccurate entry needs a correction with a source"),
        ("entries.yaml", 'quote: "both sides know it’s hard"', "quote: \"both sides know it's hard\"",
         "knowledge/entries.yaml:20: hard.quote: is not verbatim in paragraph 2 (copy it exactly, including "
         "curly apostrophes)"),
        ("entries.yaml", "    paragraph: 2", "    paragraph: 12",
         "knowledge/entries.yaml:19: hard.paragraph: there is no paragraph 12 (the article has 1–2)"),
        ("entries.yaml", "    sources:\n      - publication: Example\n        title: A report\n"
         "        date: 2022-02-24\n", "",
         "knowledge/entries.yaml:27: later.sources: an entry not internal to the article needs at least one "
         "source"),
        ("entries.yaml", "aliases: [strengths]", "aliases: [Enlargement]",
         'knowledge/entries.yaml:26: hard.aliases[0]: "Enlargement" is already an alias of "expansion"; an '
         "alias must lead to one entry"),
        ("sides.yaml", "aliases: [the alliance]", "aliases: [Moscow]",
         'knowledge/sides.yaml:9: nato.aliases: "Moscow" is already an alias of side "russia"'),
        ("sides.yaml", "    aliases: [the alliance]\n", "    aliases: [the alliance]\nnotes: a reminder\n",
         "knowledge/sides.yaml:10: notes: is not a known field (check the spelling)"),
        ("entries.yaml", "    aliases: [strengths]\n", "    aliases: [strengths]\n    related: [nowhere]\n",
         'knowledge/entries.yaml:27: hard.related[0]: unknown entry "nowhere"'),
    ],
    ids=["duplicate-key", "tab", "syntax", "status", "unknown-field", "missing-field", "bad-date",
         "duplicate-id", "unknown-side", "one-sided", "no-correction", "quote-not-verbatim", "no-paragraph",
         "no-sources", "alias-collision", "side-alias-collision", "unknown-section", "unknown-related"],
)
def test_each_mistake_is_reported_at_its_line(kb: Path, name: str, old: str, new: str, expected: str) -> None:
    edit(kb, name, old, new)
    assert problems(kb) == [expected]


def test_renumbered_paragraphs_are_reported_with_what_they_break(kb: Path) -> None:
    edit(kb, "article.yaml", "    - n: 2", "    - n: 3")
    assert problems(kb) == [
        "knowledge/article.yaml:9: article.paragraphs[1].n: is 3; expected 2 (number 1, 2, 3… in order)",
        "knowledge/entries.yaml:19: hard.paragraph: there is no paragraph 2 (the article has 1–2)",
    ]


def test_empty_file(kb: Path) -> None:
    (kb / "extra.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert problems(kb) == [
        "knowledge/extra.yaml:1: (file): is empty; give it an 'article', 'sides' or 'entries' section"]


def test_a_missing_section_is_the_folders_one_problem_and_breaks_nothing_else_with_it(kb: Path,
                                                                                     tmp_path: Path) -> None:
    # the bundled article's gists name entries; with no entries at all, that is one problem, not one per gist
    bundled = tmp_path / "bundled"
    shutil.copytree(PROJECT_ROOT / "knowledge", bundled)
    shutil.rmtree(bundled / "entries")
    assert problems(bundled) == ["bundled: entries: no file has an 'entries' section with at least one entry "
                                 "(the bundled knowledge keeps them in entries/*.yaml)"]
    (kb / "article.yaml").unlink()
    assert problems(kb) == ["knowledge: article: no file has an 'article' section (the bundled knowledge keeps it "
                            "in article.yaml)"]


def test_file_that_is_not_utf8(kb: Path) -> None:
    (kb / "latin1.yaml").write_bytes("entries:\n  - id: caf\xe9\n".encode("latin-1"))
    assert problems(kb) == ["knowledge/latin1.yaml:2: (file): is not UTF-8 (byte 0xe9); save it as UTF-8"]


def test_missing_folder(tmp_path: Path) -> None:
    assert problems(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: folder: not found (set PARLEY_KNOWLEDGE_DIR)"]


def test_every_problem_is_reported_at_once(kb: Path) -> None:
    edit(kb, "entries.yaml", "    paragraph: 2", "    paragraph: 12")
    edit(kb, "entries.yaml", "      - side: nato\n        says: Every", "      - side: natto\n        says: Every")
    (kb / "extra.yaml").write_text("", encoding="utf-8")
    assert len(problems(kb)) == 3


def test_check_command_reports_file_line_field_and_exits_1(kb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(kb, "entries.yaml", "    paragraph: 2", "    paragraph: 12")
    assert main(["--knowledge", str(kb), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "knowledge/entries.yaml:19: hard.paragraph: there is no paragraph 12 (the article has 1–2)"
    assert err[-1] == "parley: the knowledge has 1 problem(s)"


def test_check_command_summarises_valid_knowledge(kb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--knowledge", str(kb), "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 3 entries (1 fact, 0 position, 1 contested, 1 opinion, 0 inaccurate, 0 garbled), "
                          "2 sides, 2 paragraphs in 3 files; version ")


def test_knowledge_files_round_trip_with_comments() -> None:
    """Moderators' comments survive a load and dump by the round-trip loader (tools may write files back)."""
    from io import StringIO

    from tests.conftest import KNOWLEDGE_DIR

    yaml = YAML(typ="rt")
    yaml.width = 4096
    for path in knowledge_files(KNOWLEDGE_DIR):
        text = path.read_text(encoding="utf-8")
        out = StringIO()
        yaml.dump(yaml.load(text), out)
        comments = [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]
        assert comments, f"{path.name} should explain itself in a comment"
        for comment in comments:
            assert comment in out.getvalue(), f"{path.name}: comment lost: {comment}"


def test_load_time_is_measured_not_asserted(knowledge, record_property) -> None:
    from tests.conftest import KNOWLEDGE_DIR

    start = time.perf_counter()
    load_knowledge(KNOWLEDGE_DIR)
    record_property("knowledge_load_ms", round((time.perf_counter() - start) * 1000, 1))


def test_a_gist_must_name_entries_of_its_own_paragraph(kb: Path) -> None:
    edit(kb, "article.yaml", '      text: "I think both sides know it’s hard."\n',
         '      text: "I think both sides know it’s hard."\n      gist: [hard, expansion, nowhere]\n')
    assert problems(kb) == [
        'knowledge/article.yaml:11: article.paragraphs[1].gist[1]: "expansion" does not cite paragraph 2',
        'knowledge/article.yaml:11: article.paragraphs[1].gist[2]: unknown entry "nowhere"',
    ]


async def test_a_summary_follows_the_gists_in_article_order(kb: Path) -> None:
    from bot.core.engine import answer

    edit(kb, "article.yaml", '      text: "I think both sides know it’s hard."\n',
         '      text: "I think both sides know it’s hard."\n      gist: [hard]\n')
    result = await answer("Summarise the article", None, load_knowledge(kb), max_chars=MAX_CHARS)
    assert [p.cites for p in result.points] == [["expansion"], ["hard"]]  # ¶1 has no gist: its best entry


# --- only the real problems, every one at once -----------------------------------------------------------


def _with_references(kb: Path) -> None:
    """The article's ¶1 sums up with `expansion`, and `hard` relates to it: references into entries.yaml."""
    edit(kb, "article.yaml", '      text: "Russia says NATO is expanding to its borders."\n',
         '      text: "Russia says NATO is expanding to its borders."\n      gist: [expansion]\n')
    edit(kb, "entries.yaml", "    aliases: [strengths]\n", "    aliases: [strengths]\n    related: [expansion]\n")
    load_knowledge(kb)  # valid as it is


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    status: contested", "    status: disputed",
     "knowledge/entries.yaml:4: expansion.status: input should be 'fact', 'position', 'contested', 'opinion', "
     "'inaccurate' or 'garbled'"),
    ("    claim: Russia says NATO is expanding; NATO says members choose freely.\n", "",
     "knowledge/entries.yaml:3: expansion.claim: is required"),
    ("    paragraph: 1\n", "    paragraph: first\n",
     "knowledge/entries.yaml:7: expansion.paragraph: input should be a valid integer, unable to parse string as an "
     "integer"),
    # No usable id: the references to any entry might have meant it, so none is reported as unknown.
    ("  - id: expansion\n", "  - id: ''\n",
     "knowledge/entries.yaml:3: entries[0].id: string should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'"),
], ids=["misspelt-status", "missing-claim", "bad-paragraph", "no-id"])
def test_a_broken_entry_is_one_problem_not_a_cascade_of_unknown_references(kb: Path, old: str, new: str,
                                                                           expected: str) -> None:
    _with_references(kb)
    edit(kb, "entries.yaml", old, new)
    assert problems(kb) == [expected]


def test_a_side_with_no_usable_id_is_one_problem_not_one_per_position_it_might_hold(kb: Path) -> None:
    edit(kb, "sides.yaml", "  - id: nato\n", "  - id: ''\n")
    assert problems(kb) == ["knowledge/sides.yaml:6: sides[1].id: string should match pattern "
                            "'^[a-z0-9]+(?:-[a-z0-9]+)*$'"]


def test_a_byte_order_mark_is_not_part_of_the_text(kb: Path) -> None:
    """Editors on Windows save one; the impossible date below is quoted at its offset in the text without it."""
    text = (kb / "entries.yaml").read_text(encoding="utf-8").replace("date: 2022-02-24\n", "date: 2022-02-30\n")
    (kb / "entries.yaml").write_text("\ufeff" + text, encoding="utf-8")
    assert problems(kb) == ["knowledge/entries.yaml:36: date: 2022-02-30 looks like a date but is not one (day is "
                            "out of range for month); correct it, or put it in quotes if it is text"]


def test_the_other_entries_of_a_file_with_a_broken_one_are_still_checked(kb: Path) -> None:
    edit(kb, "entries.yaml", "    status: contested", "    status: disputed")
    edit(kb, "entries.yaml",
         "      - side: nato\n        says: NATO sees", "      - side: natto\n        says: NATO sees")
    assert problems(kb) == [
        "knowledge/entries.yaml:4: expansion.status: input should be 'fact', 'position', 'contested', 'opinion', "
        "'inaccurate' or 'garbled'",
        'knowledge/entries.yaml:24: hard.positions[1].side: unknown side "natto" (see sides.yaml)',
    ]


def test_references_into_a_file_that_cannot_be_read_are_not_problems(kb: Path) -> None:
    _with_references(kb)
    edit(kb, "entries.yaml", "    related: [expansion]", "    related: [expansion, more]")  # more.yaml's
    (kb / "more.yaml").write_text("entries:\n  - id: more\n    related: [nowhere\n", encoding="utf-8")
    edit(kb, "entries.yaml", "    paragraph: 2", "    paragraph: 12")  # a real problem elsewhere: still reported
    edit(kb, "sides.yaml", "aliases: [Moscow]", "aliases: [Moscow]\n    nickname: Kremlin")
    assert [p.split(": ")[0] for p in problems(kb)] == [
        "knowledge/entries.yaml:19", "knowledge/more.yaml:4", "knowledge/sides.yaml:6"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    title: NATO expansion\n", "   title: NATO expansion\n",
     "knowledge/entries.yaml:5: (yaml): this line is out of line: it starts at column 4, where no key or '-' item "
     "above it does; indent it like the lines it belongs with"),
    ("  - id: hard\n", " - id: hard\n",
     "knowledge/entries.yaml:15: (yaml): this line is out of line: it starts at column 2, where no key or '-' item "
     "above it does; indent it like the lines it belongs with"),
    ("    title: NATO expansion\n", "      title: NATO expansion\n",
     "knowledge/entries.yaml:5: (yaml): a ':' at column 12 starts a key where none can be: indent this line like "
     "the one above it, or put a value that contains ': ' in quotes"),
], ids=["too-little", "item-too-little", "too-much"])
def test_bad_indentation_names_the_line_that_is_out_of_line(kb: Path, old: str, new: str, expected: str) -> None:
    edit(kb, "entries.yaml", old, new)
    assert problems(kb) == [expected]


def test_the_readmes_claims_about_errors_are_what_check_prints(knowledge_copy: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The moderator's guide quotes check's output: its worked example, and the messages of the limits."""
    from bot.settings import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("(`quote: \"German foreign minister Heiko Maas\"`) gets, with exit code 1:\n\n```\n", 1)[1]
    edit(knowledge_copy, "entries/diplomacy.yaml", 'quote: "German foreign minister Heiko Mass"',
         'quote: "German foreign minister Heiko Maas"')
    assert main(["--knowledge", str(knowledge_copy), "check"]) == 1
    # The words exactly; the line number moves whenever moderators edit diplomacy.yaml above the entry.
    at_some_line = re.compile(r"(?<=\.yaml:)\d+(?=:)")
    assert at_some_line.sub("N", capsys.readouterr().err) == at_some_line.sub("N", example.split("```", 1)[0])

    edit(knowledge_copy, "entries/diplomacy.yaml", 'Heiko Maas"', 'Heiko Mass"')
    edit(knowledge_copy, "entries/diplomacy.yaml", "\n    status: inaccurate", "\n   status: inaccurate")
    (knowledge_copy / "elsewhere.yaml").symlink_to(tmp_path / "anything.yaml")
    (tmp_path / "given.yaml").write_text("", encoding="utf-8")
    printed = problems(knowledge_copy) + problems(tmp_path / "given.yaml")
    prose = " ".join(readme.split())  # the README wraps its lines
    for quoted in ("this line is out of line: it starts at column 4, where no key or '-' item above it does",
                   "is a symbolic link, which Parley does not follow", "is a file, not a folder"):
        assert f"`{quoted}" in prose, quoted
        assert any(quoted in line for line in printed), (quoted, printed)


def test_a_broken_article_is_one_problem_not_one_per_entry_that_cites_it(kb: Path) -> None:
    edit(kb, "article.yaml", '  title: "A test article"\n', "")
    edit(kb, "article.yaml", "    - n: 2", "    - n: two")
    assert problems(kb) == [
        "knowledge/article.yaml:2: article.title: is required",
        "knowledge/article.yaml:8: article.paragraphs[1].n: input should be a valid integer, unable to parse "
        "string as an integer",
    ]


def test_an_impossible_date_or_number_does_not_hide_the_rest_of_its_file(kb: Path) -> None:
    edit(kb, "entries.yaml", "        date: 2022-02-24", "        date: 2022-02-30")
    edit(kb, "entries.yaml", "    paragraph: 2", "    paragraph: " + "2" * 200)
    edit(kb, "entries.yaml", "      - side: nato\n        says: Every", "      - side: natto\n        says: Every")
    assert problems(kb) == [
        'knowledge/entries.yaml:12: expansion.positions[1].side: unknown side "natto" (see sides.yaml)',
        "knowledge/entries.yaml:19: paragraph: a number 200 digits long cannot be right; put it in quotes if it "
        "is text",
        "knowledge/entries.yaml:36: date: 2022-02-30 looks like a date but is not one (day is out of range for "
        "month); correct it, or put it in quotes if it is text",
    ]
