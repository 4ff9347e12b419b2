"""Uploads are untrusted: names, kinds and sizes are checked before anything is read into the knowledge; and
the diff a moderator reviews before applying, with its balance warnings. Plus the operators' ``history`` and
``rollback`` on the host."""

from __future__ import annotations

import asyncio
import io
import random
import re
import stat
import zipfile
from pathlib import Path

import pytest

from bot.cli import main
from bot.history_cli import rollback
from bot.knowledge import edits
from bot.knowledge.diff import diff
from bot.knowledge.live import LiveKnowledge
from bot.knowledge.loader import load_knowledge
from bot.knowledge.upload import MAX_MEMBERS, MAX_UPLOAD_BYTES, UploadRejected, unpack
from bot.settings import Settings
from bot.store import Store
from tests.conftest import BUSY_TIMEOUT
from tests.test_kb_edits import MODEL, retitled, zipped
from tests.test_live import break_status, edit

# --- names and kinds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "why"), [
    ("/etc/parley.yaml", "absolute paths are not allowed"),
    ("entries/../../x.yaml", "`..`, `.` and empty folder names are not allowed"),
    ("entries//x.yaml", "empty folder names"),
    ("entries\\x.yaml", "no `\\` or drive letters"),
    ("C:/x.yaml", "no `\\` or drive letters"),
    (".git/config.yaml", "is not a plain name"),
    ("entries/.hidden.yaml", "is not a plain name"),
    ("entries/notes.txt", "is not a `.yaml` (or `.yml`) file"),
    ("a/b/c/d/e.yaml", "nested too deeply"),
    ("entries/x\u202e.yaml", "is not a plain name"),
])
def test_a_zip_member_with_an_unsafe_name_is_refused(name: str, why: str) -> None:
    with pytest.raises(UploadRejected, match=re.escape(why)):
        unpack("knowledge.zip", zipped({name: b"entries: []\n"}))


def test_a_single_yaml_is_keyed_by_its_bare_name() -> None:
    assert unpack("model.yaml", b"entries: []\n") == {"model.yaml": b"entries: []\n"}


def test_yml_files_are_taken_as_the_loader_reads_them() -> None:
    # a folder ./dev check accepts (``.yml`` files) makes the export -> import round trip
    assert unpack("skripal.yml", b"entries: []\n") == {"skripal.yml": b"entries: []\n"}
    member = {"entries/skripal.yml": b"entries: []\n"}
    assert unpack("k.zip", zipped(member)) == member


def test_special_files_encrypted_members_and_case_twins_are_refused() -> None:
    fifo = zipped({"x.yaml": b""}, modes={"x.yaml": stat.S_IFIFO | 0o644})
    with pytest.raises(UploadRejected, match="is not a regular file"):
        unpack("k.zip", fifo)
    twins = zipped({"Model.yaml": b"a", "model.yaml": b"b"})
    with pytest.raises(UploadRejected, match="is in the zip twice"):
        unpack("k.zip", twins)
    locked = bytearray(zipped({"x.yaml": b"entries: []\n"}))
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # set the "encrypted" bit in both headers
        at = locked.find(header)
        offset = at + (6 if header == b"PK\x03\x04" else 8)
        locked[offset] |= 0x1
    with pytest.raises(UploadRejected, match="is encrypted"):
        unpack("k.zip", bytes(locked))


def test_not_a_zip_and_an_empty_zip_are_one_line_each() -> None:
    with pytest.raises(UploadRejected, match="is not a readable zip"):
        unpack("k.zip", b"not a zip at all")
    with pytest.raises(UploadRejected, match=r"holds no `\.yaml` files"):
        unpack("k.zip", zipped({}))


def test_a_zip_is_bounded_in_members_and_in_total_unpacked_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    many = zipped({f"e{n}.yaml": b"entries: []\n" for n in range(MAX_MEMBERS + 1)})
    with pytest.raises(UploadRejected, match=f"at most {MAX_MEMBERS}"):
        unpack("k.zip", many)
    # Each member packs like text (~8x: random a's and b's), well within the ratio; together they pass the total.
    monkeypatch.setattr("bot.knowledge.upload.MAX_UNPACKED_BYTES", 1_000_000)  # smaller, for speed
    chunk = random.Random(0).randbytes(1_000_000 // 4 + 1).translate(bytes(b"ab"[i % 2] for i in range(256)))
    big = zipped({f"e{n}.yaml": chunk for n in range(4)})
    assert len(big) < MAX_UPLOAD_BYTES
    with pytest.raises(UploadRejected, match="unpacks to more than"):
        unpack("k.zip", big)


def test_a_zip_whose_headers_lie_about_sizes_is_refused() -> None:
    """A bomb's headers can claim a small size: what is read stops there, and fails its checksum."""
    data = bytearray(zipped({"x.yaml": b"#" * 5_000_000}))
    central = data.find(b"PK\x01\x02")
    data[central + 24:central + 28] = (100).to_bytes(4, "little")  # the uncompressed size it claims
    with pytest.raises(UploadRejected, match=r"`x\.yaml` cannot be unpacked"):
        unpack("k.zip", bytes(data))


# --- merging into the folder ------------------------------------------------------------------------------------

def test_a_bare_name_replaces_the_live_file_of_that_name_and_an_ambiguous_one_is_refused() -> None:
    base = {"article.yaml": b"a", "entries/model.yaml": b"m"}
    files, replaced, added = edits.merge(base, {"model.yaml": b"new", "extra.yaml": b"x"})
    assert files == {"article.yaml": b"a", "entries/model.yaml": b"new", "extra.yaml": b"x"}
    assert (replaced, added) == (("entries/model.yaml",), ("extra.yaml",))
    with pytest.raises(UploadRejected, match="matches 2 files"):
        edits.merge({"a/model.yaml": b"", "b/model.yaml": b""}, {"model.yaml": b""})
    with pytest.raises(UploadRejected, match=r"would both be `entries/model\.yaml`"):
        edits.merge(base, {"entries/model.yaml": b"one", "model.yaml": b"two"})


def test_writing_never_follows_a_symlinked_folder(tmp_path: Path, knowledge_folder: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (knowledge_folder / "linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(edits.UnsafeFolder, match="is a symbolic link"):
        edits.write_files(knowledge_folder, {"linked/x.yaml": b"entries: []\n"}, {})
    assert list(outside.iterdir()) == []


# --- the diff ---------------------------------------------------------------------------------------------------

def test_the_diff_names_statuses_new_flags_and_balance_warnings(knowledge_folder: Path) -> None:
    before = load_knowledge(knowledge_folder)
    text = (knowledge_folder / MODEL).read_text(encoding="utf-8")
    # nato-enlargement loses Russia's position to a NATO ally's: still two sides, but one camp.
    text = text.replace("      - side: russia\n        says: Expansion threatens Russia and breaks assurances it says "
                        "were given in 1990.\n", "      - side: uk\n        says: Britain agrees with NATO.\n", 1)
    # sphere-of-influence becomes contested: a new flag.
    text = text.replace("""    status: position
    title: Russia's traditional influence area""", """    status: contested
    title: Russia's traditional influence area""", 1).replace(
        "        says: Ukraine and Georgia belong to Russia's traditional sphere of influence.\n",
        "        says: Ukraine and Georgia belong to Russia's traditional sphere of influence.\n"
        "      - side: nato\n        says: No country has a sphere of influence over another.\n", 1)
    edit(knowledge_folder / MODEL, text)
    change = diff(before, load_knowledge(knowledge_folder))

    assert change.changed == ("nato-enlargement", "sphere-of-influence") and not change.added and not change.removed
    assert [(m.id, m.old, m.new) for m in change.statuses] == [("sphere-of-influence", "position", "contested")]
    assert [i for i, _ in change.new_flags] == ["sphere-of-influence"]
    # What only a comparison sees, then what the balance rule (the one `check` reports) warns about newly —
    # the fixture's positions have no speakers, so only the two new ones add that warning.
    assert change.warnings == (
        "`nato-enlargement` no longer gives the position of The Russian government",
        "`nato-enlargement`: positions[0] (uk) has no speaker",
        "`nato-enlargement`: russia is a party but the entry gives it no position",
        "`nato-enlargement`: only NATO and its members gives a position; a contested entry needs the other party's",
        "`sphere-of-influence`: positions[1] (nato) has no speaker",
    )
    assert change.brief() == ("changed 2 (nato-enlargement, sphere-of-influence); "
                              "sphere-of-influence position → contested")


# --- operators on the host: ./dev history, ./dev rollback -----------------------------------------------------

async def _start(folder: Path, db: Path) -> str:
    store = Store(db, busy_timeout=BUSY_TIMEOUT)
    live = await LiveKnowledge.load(folder, store=store)
    await store.close()
    return live.current.version


def test_history_and_rollback_on_the_host(knowledge_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "parley.sqlite3"
    monkeypatch.setenv("PARLEY_KNOWLEDGE_DIR", str(knowledge_folder))
    monkeypatch.setenv("PARLEY_DB_PATH", str(db))
    original = (knowledge_folder / MODEL).read_bytes()
    first = asyncio.run(_start(knowledge_folder, db))
    edit(knowledge_folder / MODEL, retitled(original, "Pulled").decode())
    second = asyncio.run(_start(knowledge_folder, db))
    break_status(knowledge_folder)  # and now the folder does not even load

    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"{first} → {second}  edited on disk while Parley was stopped: changed 1 (nato-enlargement)" in lines[0]

    assert main(["rollback", first[:5]]) == 1  # no terminal to ask on, and no --yes
    assert "pass --yes" in capsys.readouterr().err

    assert main(["rollback", first[:5], "--yes"]) == 0
    out = capsys.readouterr().out
    assert "the folder does not load now (1 problem(s))" in out and f"Rollback to version {first}" in out
    assert (knowledge_folder / MODEL).read_bytes() == original

    assert main(["history", "--limit", "1"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert " rollback " in line and "(./dev rollback)" in line
    assert line.endswith(f"{first}: changed 1 (nato-enlargement)")  # compared with the last live version

    assert main(["history"]) == 0 and capsys.readouterr()  # (drained)
    monkeypatch.setenv("PARLEY_DB_PATH", str(tmp_path / "typo.sqlite3"))
    assert main(["history"]) == 1 and not (tmp_path / "typo.sqlite3").exists()
    assert "parley: no store at" in capsys.readouterr().err
    monkeypatch.setenv("PARLEY_DB_PATH", str(db))

    assert main(["rollback", "ffffffffffff", "--yes"]) == 1
    assert capsys.readouterr().err.strip() == "parley: no stored version 'ffffffffffff'; `./dev history` lists them"

    # On a terminal: anything but "yes" leaves the folder as it is; the version it holds needs no rollback.
    settings = Settings(_env_file=None, knowledge_dir=knowledge_folder, db_path=db)
    asked: list[str] = []

    def no(question: str) -> str:
        asked.append(question)
        return "n"

    refused = asyncio.run(rollback(settings, second, yes=False, ask=no))
    assert refused == 1 and asked and capsys.readouterr().out.rstrip().endswith("not applied")
    assert (knowledge_folder / MODEL).read_bytes() == original
    assert asyncio.run(rollback(settings, first, yes=True)) == 0
    assert capsys.readouterr().out == f"the folder already holds version {first}: nothing to roll back\n"


def test_zip_files_round_trips_through_unpack() -> None:
    files = {"article.yaml": b"article", "entries/model.yaml": b"entries"}
    assert unpack("knowledge.zip", edits.zip_files(files)) == files
    with zipfile.ZipFile(io.BytesIO(edits.zip_files(files))) as archive:
        assert all(stat.S_ISREG(i.external_attr >> 16) for i in archive.infolist())
