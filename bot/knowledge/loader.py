"""Load and check the knowledge files, reporting every problem as ``file:line: field: message``.

ruamel.yaml's round-trip loader is used because it keeps line numbers for every key and item, rejects
duplicate keys (PyYAML silently keeps the last one), and keeps comments if a tool ever writes a file back.
Loading is all-or-nothing: either a complete, valid ``Knowledge`` or a ``KnowledgeError`` listing every
problem, so the running bot can keep its last good version.

No file can take the loader down: ``bot.knowledge.files`` reads only regular files inside the folder, within
a size limit checked before reading, and ``bot.knowledge.prescan`` refuses deep nesting, anchors, aliases
and tags before anything is composed. Whatever still fails inside the YAML library is one problem for
that file, not an exception.

Every problem is reported at once, and only the real ones: each side and entry is validated on its own, so
a mistake in one entry neither hides the others' problems nor makes the entries of its file unknown
elsewhere — a reference to an entry that exists but is broken, or that may be in a file that could not be
read at all, is not a second problem.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from bot.errors import KnowledgeError, Problem
from bot.knowledge.files import MAX_FILE_BYTES, folder_problem, list_folder, read_file
from bot.knowledge.prescan import NOT_BUILT, Scanned, scan_yaml, syntax_problem
from bot.knowledge.schema import Article, Entry, Knowledge, Side, Status, digest_of

__all__ = ["MAX_FILE_BYTES", "knowledge_files", "line_of", "load_knowledge", "normalise_alias", "plain"]

log = logging.getLogger("parley.knowledge")

SECTIONS = ("article", "sides", "entries")


@dataclass
class _Parsed:
    """One file that could be read as YAML, with what of it validated."""

    file: str
    node: Any
    article: Article | None = None
    has_article: bool = False  # given, even if invalid: no "no file has an 'article' section" then
    sides: list[tuple[int, Side]] = field(default_factory=list)  # (index in the file, side)
    entries: list[tuple[int, Entry]] = field(default_factory=list)


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)
    # What exists but failed to validate: references to it are not problems of their own.
    broken_sides: set[str] = field(default_factory=set)
    broken_entries: set[str] = field(default_factory=set)
    # Whether some side or entry could not even be named (a file that is not YAML, an item without an id):
    # a reference to an unknown one may point at it, so it is not reported.
    unnamed_sides: bool = False
    unnamed_entries: bool = False
    # Impossible dates and numbers, reported by the pre-scan: any other problem at the same line only repeats
    # them (a number read as text is no integer, nor an existing paragraph).
    value_problems: list[Problem] = field(default_factory=list)
    folder: str = "knowledge"  # as problems name it: a section missing from every file is the folder's

    def real_problems(self) -> list[Problem]:
        lines = {(p.file, p.line) for p in self.value_problems}
        return [p for p in self.problems if p in self.value_problems or (p.file, p.line) not in lines]

    def add(self, file: str, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(file, line, where, message))

    def unreadable(self, problem: Problem) -> None:
        """A file that could not be read at all: anything may have been in it."""
        self.problems.append(problem)
        self.unnamed_sides = self.unnamed_entries = True


def _yaml(fast: bool = False) -> YAML:
    # fast: libyaml's C parser (ruamel.yaml.clib) into plain data, ~8x quicker than the round-trip loader
    # but without line numbers. Both reject duplicate keys and read YAML 1.2 (`no` stays a string). On the
    # fast path the pre-scan's own data is used when it could build it, so a valid file is parsed once.
    yaml = YAML(typ="safe", pure=False) if fast else YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def knowledge_files(folder: Path) -> list[Path]:
    """The regular knowledge files under ``folder``, safe to read: no links, pipes or devices (the loader
    reports those, from ``bot.knowledge.files.list_folder``, which lists them too)."""
    out = []
    for path in list_folder(folder).files:
        try:
            if stat.S_ISREG(path.lstat().st_mode):
                out.append(path)
        except OSError:  # gone, or not to be looked at: not a file to read
            continue
    return out


def load_knowledge(folder: str | Path) -> Knowledge:
    """Load every ``*.yaml`` under ``folder`` into one validated ``Knowledge`` or raise ``KnowledgeError``."""
    folder = Path(folder)
    problem = folder_problem(folder)
    if problem is not None:
        raise KnowledgeError([problem])
    listing = list_folder(folder)
    unread = [Problem(_display(path, folder), 0, "folder", f"cannot be read ({exc.strerror or exc})")
              for path, exc in listing.unreadable]
    if not listing.files and not unread:
        raise KnowledgeError([Problem(str(folder), 0, "folder", "has no .yaml files")])

    files: list[tuple[str, bytes | Problem]] = []
    for path in listing.files:
        name = _display(path, folder)
        files.append((name, read_file(path, name)))  # the bytes, or why they could not be read
    # Valid knowledge — the bot's every reload — takes the fast path; a file with a problem is read again
    # by the round-trip loader, whose line numbers every problem is reported with.
    where = _display(folder, folder)
    knowledge, problems = _load(files, fast=True, unread=unread, where=where)
    if problems or knowledge is None:
        knowledge, problems = _load(files, fast=False, unread=unread, where=where)
    if problems or knowledge is None:
        raise KnowledgeError(problems)
    contents = [(name, data) for name, data in files if isinstance(data, bytes)]
    return knowledge.model_copy(update={"digest": digest_of(name.encode() + b"\0" + data
                                                              for name, data in contents)})


def _load(files: list[tuple[str, bytes | Problem]], fast: bool, unread: list[Problem],
          where: str = "knowledge") -> tuple[Knowledge | None, list[Problem]]:
    out = _Collector(folder=where)
    for problem in unread:
        out.unreadable(problem)
    yaml = _yaml(fast)
    parsed = []
    for name, data in files:
        if isinstance(data, Problem):
            out.unreadable(data)
        elif (item := _parse_file(name, data, out, yaml, fast)) is not None:
            parsed.append(item)
    knowledge = _assemble(parsed, out)
    if knowledge is not None:
        knowledge = knowledge.model_copy(update={"files": tuple(p.file for p in parsed)})
    return knowledge, out.real_problems()


def _display(path: Path, folder: Path) -> str:
    # Report paths as a moderator would type them: relative to the knowledge folder's parent.
    try:
        return str(path.relative_to(folder.parent))
    except ValueError:
        return str(path)


def _parse_file(name: str, data: bytes, out: _Collector, yaml: YAML, fast: bool) -> _Parsed | None:
    text = _decode(name, data, out)
    if text is None:
        return None
    # Before composing: nesting, anchors, aliases, tags, dates, numbers. The same pass builds the data.
    scanned = scan_yaml(name, text)
    if not scanned.readable:
        for problem in scanned.problems:
            out.unreadable(problem)
        return None
    out.value_problems.extend(scanned.problems)  # impossible dates and numbers: the file is still read
    out.problems.extend(scanned.problems)
    node = _compose(name, scanned, yaml, fast, out)
    if node is _UNREADABLE:
        return None
    if node is None:
        out.add(name, 1, "(file)", "is empty; give it an 'article', 'sides' or 'entries' section")
        return None
    if not isinstance(node, dict):
        out.unreadable(Problem(name, 1, "(file)", "must be a mapping with 'article', 'sides' or 'entries' at "
                               "the top"))
        return None
    return _validate(name, node, out)


def _decode(name: str, data: bytes, out: _Collector) -> str | None:
    """The file's text, or None (and the problem reported) when it is too large, not UTF-8 or tab-indented."""
    if len(data) > MAX_FILE_BYTES:  # read_file stops at the limit; kept so the rule holds for any caller
        out.unreadable(Problem(name, 1, "(file)", f"is larger than {MAX_FILE_BYTES:,} bytes"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.unreadable(Problem(name, line, "(file)",
                               f"is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            out.unreadable(Problem(name, number, "(yaml)", "tab used for indentation; YAML needs spaces"))
            return None
    return text


_UNREADABLE: Any = object()  # what _compose returns when the YAML cannot be read (None is an empty file)


def _compose(name: str, scanned: Scanned, yaml: YAML, fast: bool, out: _Collector) -> Any:
    """The file's data: the pre-scan's when it built it, else ruamel's; _UNREADABLE when neither can."""
    try:
        return scanned.data if fast and scanned.data is not NOT_BUILT else yaml.load(scanned.text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = re.search(r'found duplicate key "([^"]*)"', str(exc))
        what = f'duplicate key "{key.group(1)}"' if key else "duplicate key"
        out.unreadable(Problem(name, (mark.line + 1) if mark else 1, key.group(1) if key else "(yaml)",
                               f"{what}; keep one"))
    except MarkedYAMLError as exc:
        out.unreadable(syntax_problem(name, exc))
    except YAMLError as exc:
        out.unreadable(Problem(name, 1, "(yaml)", f"cannot be read: {str(exc).splitlines()[0]}"))
    except Exception as exc:  # the YAML library failing on input the pre-scan let through: still one problem
        log.debug("loading %s failed", name, exc_info=True)
        out.unreadable(Problem(name, 1, "(yaml)", f"cannot be read as YAML ({type(exc).__name__}: "
                               f"{str(exc)[:200]})"))
    return _UNREADABLE


def _validate(name: str, node: Any, out: _Collector) -> _Parsed:
    """Validate the file's sections, and each side and entry on its own."""
    parsed = _Parsed(name, node)
    data = plain(node)
    for key in data:
        if key not in SECTIONS:
            out.add(name, line_of(node, (key,)), key, "is not a known field (check the spelling)")
    if data.get("article") is not None:
        parsed.has_article = True
        try:
            parsed.article = Article.model_validate(data["article"])
        except ValidationError as exc:
            _report(exc, ("article",), parsed, out)
    for section in ("sides", "entries"):
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            out.add(name, line_of(node, (section,)), section, "input should be a valid list")
            continue
        for i, item in enumerate(items):
            _validate_item(section, i, item, parsed, out)
    return parsed


def _validate_item(section: str, i: int, item: Any, parsed: _Parsed, out: _Collector) -> None:
    """One side or entry: kept when valid; otherwise its problems reported and its id marked broken."""
    model: type[BaseModel] = Side if section == "sides" else Entry
    try:
        valid = model.model_validate(item)
    except ValidationError as exc:
        _report(exc, (section, i), parsed, out)
        item_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item_id, str) and item_id:
            (out.broken_sides if section == "sides" else out.broken_entries).add(item_id)
        elif section == "sides":
            out.unnamed_sides = True
        else:
            out.unnamed_entries = True
        return
    if isinstance(valid, Side):
        parsed.sides.append((i, valid))
    elif isinstance(valid, Entry):
        parsed.entries.append((i, valid))


def _report(exc: ValidationError, prefix: tuple[Any, ...], parsed: _Parsed, out: _Collector) -> None:
    for error in exc.errors():
        loc = (*prefix, *error["loc"])
        out.add(parsed.file, line_of(parsed.node, loc), _field_of(parsed.node, loc), _message_of(error))


def plain(node: Any) -> Any:
    """Turn ruamel's round-trip types into plain data for pydantic (dates become ISO strings)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()[:10]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _walk(node: Any, loc: tuple[Any, ...]) -> tuple[Any, int]:
    """Follow ``loc`` into the ruamel tree as far as it goes; return the deepest node and its line (0-based)."""
    line = 0
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0]
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0]
            node = node[part]
        else:
            break
    return node, line


def line_of(root: Any, loc: tuple[Any, ...]) -> int:
    node, line = _walk(root, loc)
    # A missing key points at the mapping that should hold it.
    if isinstance(node, (CommentedMap, CommentedSeq)) and loc and not _reaches(root, loc):
        line = node.lc.line
    return line + 1


def _reaches(root: Any, loc: tuple[Any, ...]) -> bool:
    node = root
    for part in loc:
        in_map = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_map or in_list:
            node = node[part]
        else:
            return False
    return True


def _field_of(root: Any, loc: tuple[Any, ...]) -> str:
    """A readable path: ``nato-expels-eight.positions[0].side`` rather than ``entries.3.positions.0.side``."""
    parts: list[str] = []
    node = root
    for i, part in enumerate(loc):
        child = node[part] if _reaches(node, (part,)) else None
        if isinstance(part, int):
            label = child.get("id") if isinstance(child, dict) and i == 1 else None
            if label:
                parts = [str(label)]
            else:
                parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
        else:
            parts.append(str(part))
        node = child
    return ".".join(parts) or "(file)"


def _message_of(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    message = str(error.get("msg", "invalid"))
    return message.removeprefix("Value error, ")[:1].lower() + message.removeprefix("Value error, ")[1:]


# --- rules that span entries and files ---------------------------------------------------------------


def _assemble(parsed: list[_Parsed], out: _Collector) -> Knowledge | None:
    articles = [p for p in parsed if p.has_article]
    if not articles and not out.problems:
        out.add(out.folder, 0, "article", "no file has an 'article' section (the bundled knowledge keeps it in "
                "article.yaml)")
    for extra in articles[1:]:
        out.add(extra.file, line_of(extra.node, ("article",)), "article", f"already given in {articles[0].file}")
    sides, entries = _check_sides(parsed, out), _check_entries(parsed, out)
    # The article's own checks and those against it need a valid article; with none (missing or invalid),
    # they wait for it rather than guess.
    article = articles[0].article if articles else None
    if article is not None:
        _check_paragraphs(article, articles[0], out)
        if entries:  # with no entries at all, every gist's reference would fail for that one reason
            _check_gists(article, articles[0], {e.id: e for e in entries}, out)
    _check_refs(parsed, {s.id for s in sides}, {e.id for e in entries}, article, out)
    if out.problems or article is None:
        return None
    return Knowledge(article=article, sides=sides, entries=entries)


def _check_paragraphs(article: Article, where: _Parsed, out: _Collector) -> None:
    numbers = [p.n for p in article.paragraphs]
    expected = list(range(1, len(numbers) + 1))
    if numbers != expected:
        for i, (got, want) in enumerate(zip(numbers, expected, strict=False)):
            if got != want:
                line = line_of(where.node, ("article", "paragraphs", i, "n"))
                out.add(where.file, line, f"article.paragraphs[{i}].n",
                        f"is {got}; expected {want} (number 1, 2, 3… in order)")
                break


def _check_gists(article: Article, where: _Parsed, entries: dict[str, Entry], out: _Collector) -> None:
    for i, para in enumerate(article.paragraphs):
        for j, entry_id in enumerate(para.gist):
            entry = entries.get(entry_id)
            if entry is None and (entry_id in out.broken_entries or out.unnamed_entries):
                continue  # it exists but is broken (reported where it is), or may be in an unreadable file
            problem = (f'unknown entry "{entry_id}"' if entry is None else
                       None if entry.paragraph == para.n and not entry.after_article else
                       f'"{entry_id}" does not cite paragraph {para.n}')
            if problem:
                line = line_of(where.node, ("article", "paragraphs", i, "gist", j))
                out.add(where.file, line, f"article.paragraphs[{i}].gist[{j}]", problem)


def _check_sides(parsed: list[_Parsed], out: _Collector) -> list[Side]:
    sides: list[Side] = []
    first: dict[str, str] = {}
    alias_owner: dict[str, str] = {}
    for p in parsed:
        for i, side in p.sides:
            line = line_of(p.node, ("sides", i, "id"))
            if side.id in first:
                out.add(p.file, line, f"sides[{i}].id", f'duplicate side id "{side.id}" (first in {first[side.id]})')
                continue
            first[side.id] = f"{p.file}:{line}"
            sides.append(side)
            for j, alias in enumerate([side.short, *side.aliases]):
                key = normalise_alias(alias)
                if key in alias_owner and alias_owner[key] != side.id:
                    out.add(p.file, line_of(p.node, ("sides", i, "aliases", j - 1)), f"{side.id}.aliases",
                            f'"{alias}" is already an alias of side "{alias_owner[key]}"')
                alias_owner.setdefault(key, side.id)
    if parsed and not sides and not out.problems:
        out.add(out.folder, 0, "sides", "no file has a 'sides' section (the bundled knowledge keeps it in "
                "sides.yaml)")
    return sides


def _check_entries(parsed: list[_Parsed], out: _Collector) -> list[Entry]:
    entries: list[Entry] = []
    first: dict[str, str] = {}
    alias_owner: dict[str, str] = {}
    for p in parsed:
        for i, entry in p.entries:
            line = line_of(p.node, ("entries", i, "id"))
            if entry.id in first:
                out.add(p.file, line, f"{entry.id}.id", f'duplicate id (first at {first[entry.id]})')
                continue
            first[entry.id] = f"{p.file}:{line}"
            entries.append(entry)
            for j, alias in enumerate(entry.aliases):
                key = normalise_alias(alias)
                owner = alias_owner.setdefault(key, entry.id)
                if owner != entry.id:
                    out.add(p.file, line_of(p.node, ("entries", i, "aliases", j)), f"{entry.id}.aliases[{j}]",
                            f'"{alias}" is already an alias of "{owner}"; an alias must lead to one entry')
    if parsed and not entries and not out.problems:
        out.add(out.folder, 0, "entries", "no file has an 'entries' section with at least one entry (the bundled "
                "knowledge keeps them in entries/*.yaml)")
    return entries


@dataclass(frozen=True)
class _Known:
    """What a reference may point at, and whether an unknown one is a problem of its own."""

    sides: set[str]
    entries: set[str]
    out: _Collector

    def unknown_side(self, side: str) -> bool:
        return side not in self.sides and side not in self.out.broken_sides and not self.out.unnamed_sides

    def unknown_entry(self, entry: str) -> bool:
        return entry not in self.entries and entry not in self.out.broken_entries and not self.out.unnamed_entries


def _check_refs(parsed: list[_Parsed], side_ids: set[str], entry_ids: set[str], article: Article | None,
                out: _Collector) -> None:
    known = _Known(side_ids, entry_ids, out)
    for p in parsed:
        for i, side in p.sides:
            if side.part_of and known.unknown_side(side.part_of):
                out.add(p.file, line_of(p.node, ("sides", i, "part_of")), f"{side.id}.part_of",
                        f'unknown side "{side.part_of}"')
        for i, entry in p.entries:
            _check_entry(p, i, entry, known, article, out)


_Add = Callable[[tuple[Any, ...], str, str], None]  # (where in the entry, field shown, message)


def _check_entry(p: _Parsed, i: int, entry: Entry, known: _Known, article: Article | None,
                 out: _Collector) -> None:
    def add(loc: tuple[Any, ...], where: str, message: str) -> None:
        out.add(p.file, line_of(p.node, ("entries", i, *loc)), f"{entry.id}.{where}", message)

    _check_references(entry, known, add)
    _check_status(entry, add)
    _check_paragraph(entry, article, add)
    if (entry.paragraph is None or entry.after_article) and not entry.sources:
        add(("sources",) if "sources" in p.node["entries"][i] else ("id",), "sources",
            "an entry not internal to the article needs at least one source")


def _check_references(entry: Entry, known: _Known, add: _Add) -> None:
    """Every side and related entry it names exists."""
    for j, side in enumerate(entry.held_by):
        if known.unknown_side(side):
            add(("held_by", j), f"held_by[{j}]", f'unknown side "{side}" (see sides.yaml)')
    for j, pos in enumerate(entry.positions):
        if known.unknown_side(pos.side):
            add(("positions", j, "side"), f"positions[{j}].side", f'unknown side "{pos.side}" (see sides.yaml)')
    for j, rel in enumerate(entry.related):
        if known.unknown_entry(rel):
            add(("related", j), f"related[{j}]", f'unknown entry "{rel}"')


def _check_status(entry: Entry, add: _Add) -> None:
    """What its status requires: two sides for a dispute, a correction for an inaccuracy."""
    if entry.status in (Status.CONTESTED, Status.OPINION):
        distinct = Counter(pos.side for pos in entry.positions)
        if len(entry.positions) < 2 or len(distinct) < 2:
            add(("positions",) if entry.positions else ("status",), "positions",
                f"a {entry.status} entry needs at least two positions from different sides")
    if entry.status is Status.INACCURATE and entry.correction is None:
        add(("status",), "correction", "an inaccurate entry needs a correction with a source")


def _check_paragraph(entry: Entry, article: Article | None, add: _Add) -> None:
    """Its paragraph exists, and its quote is verbatim in it."""
    if entry.paragraph is None:
        if entry.quote:
            add(("quote",), "quote", "a quote needs the paragraph it comes from")
    elif article is not None:  # without a valid article, checked against it once it is valid
        para = article.paragraph(entry.paragraph)
        if para is None:
            add(("paragraph",), "paragraph", f"there is no paragraph {entry.paragraph} "
                f"(the article has 1–{len(article.paragraphs)})")
        elif entry.quote and entry.quote not in para.text:
            add(("quote",), "quote", f"is not verbatim in paragraph {entry.paragraph} "
                "(copy it exactly, including curly apostrophes)")


def normalise_alias(alias: str) -> str:
    return " ".join(alias.casefold().split())
