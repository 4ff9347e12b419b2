"""No knowledge file can take Parley down: each bomb of the robustness issue is built here, in tmp_path, and
saved into the knowledge folder of a running service. The edit is rejected with ``file:line: field:
message``, reported once, the last good knowledge stays live and keeps answering, and ``check`` (what a
fresh start runs first) exits 1 with the same problem instead of crashing.

Each bomb runs in a child process (``tests/bomb_probe.py``) under a memory limit and a CPU limit, with a
timeout: a loader that regresses — libyaml recursing until it segfaults, aliases expanding to gigabytes, a
1 GB file read whole, a pipe that blocks the read — fails its test instead of taking the run down.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import KnowledgeError, Problem
from bot.knowledge import files
from bot.knowledge.live import LiveKnowledge
from bot.knowledge.loader import load_knowledge
from tests.conftest import MODEL_KNOWLEDGE_DIR
from tests.test_live import EXTRA_ENTRY

PROBE = Path(__file__).with_name("bomb_probe.py")
MEMORY_LIMIT = 1 << 30  # address space: the probe needs ~300 MB; a bomb that is read or expanded needs more
CPU_SECONDS = 60
TIMEOUT = 120  # a guard against a hang, not a measurement: the probe takes well under a second

ENTRY_WITH = """\
entries:
  - id: bomb-entry
    status: fact
    title: An entry with a mistake
    claim: A moderator saved this entry with a mistake in it.
    held_by: [record]
    sources:
      - publication: Parley tests
        title: A source
        date: {date}
    paragraph: {paragraph}
"""


def _limits() -> None:
    for limit, value in ((resource.RLIMIT_AS, MEMORY_LIMIT), (resource.RLIMIT_CPU, CPU_SECONDS),
                         (resource.RLIMIT_CORE, 0)):  # no core file behind a crash
        _, hard = resource.getrlimit(limit)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)  # never above a stricter host's
        resource.setrlimit(limit, (value, value))


def run_probe(folder: Path, bomb: Path, name: str) -> dict:
    env = {**os.environ, "MALLOC_ARENA_MAX": "2"}  # per-thread arenas reserve address space, not memory
    done = subprocess.run([sys.executable, str(PROBE), str(folder), str(bomb), name], capture_output=True,
                          text=True, timeout=TIMEOUT, preexec_fn=_limits, env=env, cwd=folder.parent)
    assert done.returncode == 0, f"the probe died (exit {done.returncode}):\n{done.stderr[-3000:]}"
    return json.loads(done.stdout)


# --- the bombs: each writes one file (or link, or pipe) at the given path -------------------------------------

def deep_brackets(path: Path) -> None:
    path.write_text("entries: " + "[" * 30_000 + "]" * 30_000 + "\n", encoding="utf-8")  # ~60 KB


def billion_laughs(path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size < 500  # a few hundred bytes that expand to 9**9 strings


def huge_sparse_file(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(1 << 30)  # 1 GB of zeros, no disk used


def link_to_environ(path: Path) -> None:
    path.symlink_to("/proc/self/environ")


def impossible_date(path: Path) -> None:
    path.write_text(ENTRY_WITH.format(date="2020-13-45", paragraph=1), encoding="utf-8")


def enormous_number(path: Path) -> None:
    path.write_text(ENTRY_WITH.format(date='"2020-01-01"', paragraph="9" * 5000), encoding="utf-8")


def python_tag(path: Path) -> None:
    path.write_text(EXTRA_ENTRY.replace("title: An entry", "title: !!python/object/apply:os.system [id]\n"
                                        "    claim: An entry", 1).replace("    claim: A moderator added this "
                                                                           "entry while the bot was running.\n", "", 1),
                    encoding="utf-8")


def custom_tag(path: Path) -> None:
    path.write_text(EXTRA_ENTRY.replace("status: fact", "status: !status fact", 1), encoding="utf-8")


def named_pipe(path: Path) -> None:
    os.mkfifo(path)  # opening it for reading would block until someone writes


BOMBS: dict[str, tuple[Callable[[Path], None], str | tuple[str, ...]]] = {
    "deep-brackets": (deep_brackets, "bomb.yaml:1: (yaml): nested more than 32 levels deep"),
    "billion-laughs": (billion_laughs, ("bomb.yaml:1: (yaml): an anchor (&a) is not allowed in knowledge files; "
                                        "write the text out in full (and 8 more in this file)",
                                        "bomb.yaml:2: (yaml): an alias (*a) is not allowed in knowledge files; "
                                        "write the text out in full (and 71 more in this file)")),
    "1-GB-file": (huge_sparse_file, "bomb.yaml:1: (file): is larger than 2,000,000 bytes"),
    "link-to-proc-environ": (link_to_environ, "bomb.yaml:1: (file): is a symbolic link, which Parley does not "
                             "follow"),
    "date-2020-13-45": (impossible_date, "bomb.yaml:10: date: 2020-13-45 looks like a date but is not one "
                        "(month must be in 1..12); correct it, or put it in quotes if it is text"),
    "5000-digit-number": (enormous_number, "bomb.yaml:11: paragraph: a number 5,000 digits long cannot be right; "
                          "put it in quotes if it is text"),
    "python-object-tag": (python_tag, "bomb.yaml:4: (yaml): a tag (!!python/object/apply:os.system) is not "
                          "allowed in knowledge files"),
    "custom-tag": (custom_tag, "bomb.yaml:3: (yaml): a tag (!status) is not allowed in knowledge files"),
    "named-pipe": (named_pipe, "bomb.yaml:1: (file): is not a regular file"),
}


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_bomb_saved_into_the_running_bot_is_refused_and_the_last_good_keeps_answering(
        bomb: str, knowledge_folder: Path, tmp_path: Path) -> None:
    build, expected = BOMBS[bomb]
    built = tmp_path / "bomb.yaml"
    build(built)

    seen = run_probe(knowledge_folder, built, "entries/bomb.yaml")

    wanted = [f"knowledge/entries/{line}" for line in ((expected,) if isinstance(expected, str) else expected)]
    assert seen["polled"] and seen["ok"] is False
    problems = seen["problems"]
    assert len(problems) == len(wanted) and all(map(str.startswith, problems, wanted)), problems
    assert not seen["polled_again"]  # reported once, not at every poll
    assert seen["live_after"] == seen["live_before"] == seen["answered_from"]
    assert "Skripal" in seen["answer"]
    assert seen["check_exit"] == 1  # a fresh start: one line per problem, no crash, no "unexpected error"
    assert seen["check_stderr"].splitlines() == [*problems, f"parley: the knowledge has {len(problems)} problem(s)"]


def test_quotes_and_comments_holding_bomb_characters_are_plain_text(knowledge_folder: Path) -> None:
    """The limits read YAML's events, not its characters: `&`, `*`, `!` and `[` in text are no bomb."""
    text = EXTRA_ENTRY.replace("title: An entry a moderator added",
                               'title: "Rock & roll *stars* [sic] !important"  # & *x !tag [[[[', 1)
    (knowledge_folder / "entries" / "extra.yaml").write_text(text, encoding="utf-8")
    entry = load_knowledge(knowledge_folder).entry("extra-entry")
    assert entry is not None and entry.title == "Rock & roll *stars* [sic] !important"


# --- files that change under the loader: no risk to the run, so in process -----------------------------------

async def test_a_file_that_vanishes_between_listing_and_reading(knowledge_folder: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    live = await LiveKnowledge.load(knowledge_folder)
    before = live.current.version
    extra = knowledge_folder / "entries" / "extra.yaml"
    extra.write_text(EXTRA_ENTRY, encoding="utf-8")
    read = files.read_file

    def vanish_then_read(path: Path, name: str) -> bytes | Problem:
        if path == extra:
            extra.unlink()  # listed a moment ago; an editor's save renames its temporary file away right now
        return read(path, name)

    monkeypatch.setattr("bot.knowledge.loader.read_file", vanish_then_read)
    result = await live.poll()
    assert result is not None and not result.ok
    assert result.lines() == ["knowledge/entries/extra.yaml:1: (file): vanished while it was being read (moved "
                              "or deleted mid-save?); it is read again when it changes"]
    assert live.current.version == before
    monkeypatch.undo()
    again = await live.poll()  # the folder changed since (the file is gone): tried again, and it loads
    assert again is not None and again.ok and live.current.version == before


async def test_an_unreadable_file_is_reported_and_tried_again_once_readable(knowledge_folder: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    live = await LiveKnowledge.load(knowledge_folder)
    extra = knowledge_folder / "entries" / "extra.yaml"
    extra.write_text(EXTRA_ENTRY, encoding="utf-8")
    extra.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the file unreadable the way it is for anyone else
        real_open = os.open

        def refuse(path: str | os.PathLike[str], flags: int, *args: int) -> int:
            if Path(path) == extra and extra.stat().st_mode & 0o444 == 0:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(os, "open", refuse)

    result = await live.poll()
    assert result is not None and not result.ok
    assert result.lines() == ["knowledge/entries/extra.yaml:1: (file): cannot be read (permission denied); make "
                              "it readable by the user Parley runs as"]
    assert await live.poll() is None  # once
    extra.chmod(0o644)  # leaves the mtime alone: the watcher still sees the change
    fixed = await live.poll()
    assert fixed is not None and fixed.ok and live.current.entry("extra-entry") is not None


def test_a_file_given_as_the_folder_is_not_a_folder(tmp_path: Path) -> None:
    given = tmp_path / "article.yaml"
    given.write_text("article: {}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(given)
    assert [str(p) for p in caught.value.problems] == [
        f"{given}: folder: is a file, not a folder (set PARLEY_KNOWLEDGE_DIR to the folder that holds the .yaml "
        "files)"]


def test_links_and_hidden_files_are_not_read(knowledge_folder: Path, tmp_path: Path) -> None:
    """Editors leave lock files (`.#model.yaml`, itself a dangling link) while editing: hidden names are
    skipped. A link to a folder elsewhere is not followed."""
    (knowledge_folder / "entries" / ".#model.yaml").symlink_to("someone@host.1234")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "extra.yaml").write_text(EXTRA_ENTRY, encoding="utf-8")
    (knowledge_folder / "more").symlink_to(outside)
    k = load_knowledge(knowledge_folder)
    assert k.entry("extra-entry") is None
    assert all("#" not in f and "more" not in f for f in k.files)


# --- the pre-scan builds what the safe loader builds, so valid knowledge is parsed once -------------------------

SAMPLE = """\
a: 1
b: true
c: ~
d:
e: 2022-02-24
f: [x, "y", 1.5, 0x10, -3, .inf, no, NULL, False]
g: NATO
h: |
  a block
i: >-
  folded
  text
1: one
"quoted key": {nested: [1, [2, {deep: "x"}]]}
"""


@pytest.mark.parametrize("text", [SAMPLE, *(p.read_text(encoding="utf-8") for p in sorted(
    (Path(__file__).parent.parent / "knowledge").rglob("*.yaml")))], ids=lambda t: t.split("\n", 1)[0][:30])
def test_the_prescan_builds_the_data_the_safe_loader_would(text: str) -> None:
    from ruamel.yaml import YAML

    from bot.knowledge.prescan import scan_yaml

    scanned = scan_yaml("x.yaml", text)
    assert scanned.problems == [] and scanned.data == YAML(typ="safe", pure=True).load(text)


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "<<: {a: 1}\nb: 2\n", "? [a, b]\n: 1\n", "a: 1\n---\nb: 2\n"],
                         ids=["duplicate-key", "merge-key", "complex-key", "two-documents"])
def test_what_the_prescan_does_not_build_is_left_to_the_loader(text: str) -> None:
    from bot.knowledge.prescan import NOT_BUILT, scan_yaml

    scanned = scan_yaml("x.yaml", text)
    assert scanned.problems == [] and scanned.readable and scanned.data is NOT_BUILT


# --- property: whatever a moderator's edit does to a file, one problem list or valid knowledge ----------------

MODEL_ENTRIES = (MODEL_KNOWLEDGE_DIR / "entries" / "model.yaml").read_text(encoding="utf-8")
FRAGMENTS = ["[", "]", "{", "}", ": ", "- ", "&a ", "*a", "!!str ", "!x ", "'", '"', "#", "\n", "\n  ", "\t",
             "2020-13-45", "9" * 120, "<<: ", "? ", "---\n", "|\n", "~", "true", "0x1F", ".inf", "\\", "%YAML 1.2\n"]


@settings(max_examples=80, deadline=None)  # 1,500 pass too; 80 keep the suite quick
@given(cuts=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(FRAGMENTS)), min_size=1, max_size=4))
def test_any_edit_is_problems_or_the_data_the_safe_loader_builds(cuts: list[tuple[float, str]]) -> None:
    from ruamel.yaml import YAML

    from bot.knowledge.prescan import NOT_BUILT, scan_yaml

    text = MODEL_ENTRIES
    for at, fragment in cuts:
        i = int(at * len(text))
        text = text[:i] + fragment + text[i:]
    scanned = scan_yaml("model.yaml", text)
    if scanned.readable and scanned.data is not NOT_BUILT:  # what the fast path loaded before:
        assert scanned.data == YAML(typ="safe", pure=False).load(scanned.text)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "knowledge"
        shutil.copytree(MODEL_KNOWLEDGE_DIR, folder)
        (folder / "entries" / "model.yaml").write_text(text, encoding="utf-8")
        try:
            load_knowledge(folder)
        except KnowledgeError as exc:
            assert exc.problems and all(p.file.startswith("knowledge") for p in exc.problems)


def test_knowledge_files_lists_only_what_is_safe_to_read(knowledge_folder: Path, tmp_path: Path) -> None:
    """For tools that read the files themselves (exports, edits): no link, no pipe that would block a read."""
    from bot.knowledge.loader import knowledge_files

    os.mkfifo(knowledge_folder / "entries" / "pipe.yaml")
    (knowledge_folder / "entries" / "link.yaml").symlink_to(knowledge_folder / "sides.yaml")
    listed = {p.relative_to(knowledge_folder).as_posix() for p in knowledge_files(knowledge_folder)}
    assert listed == {"article.yaml", "sides.yaml", "entries/model.yaml"}
