"""The YAML limits, checked on the parser's event stream before anything is built from a file.

Knowledge files are plain mappings, lists and text. YAML can also express things moderators never need,
and each is a way to take the bot down with a small file:

- deep nesting (``[[[[…`` 30,000 deep) makes libyaml's composer recurse until the process segfaults;
- anchors and aliases (``&a`` / ``*a``, "billion laughs") expand a few hundred bytes into gigabytes;
- tags (``!!python/object``, ``!custom``) ask for types the loader does not build.

So before a file is composed, its events are read once — libyaml's C parser emits them iteratively,
without recursing, at well under a millisecond per knowledge file — and a file with any of these is
refused with the line it happens on. Working on events, not on the text, means a ``&``, ``*`` or ``!``
inside quotes or a comment is never mistaken for one.

The same pass checks the plain (unquoted) scalars that YAML would turn into dates and numbers, because
building those is where everyday typos used to escape as exceptions: ``date: 2020-13-45`` is not a date,
and a 5,000-digit number is past what Python converts. Such a value is a problem at its line, but not of
the whole file: it is read as the text it is, so the file's other problems are reported with it.

And since it reads every event anyway, it builds the data as ruamel's safe loader would (the resolver's
table, the safe constructor's scalars): a valid file is parsed once, which makes a reload faster than
before the limits existed. What it does not build the same way (merge keys, duplicate or complex keys, a
second document) it leaves to the loader, which parses the text within the same limits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from bot.errors import Problem

MAX_DEPTH = 32  # the bundled files nest 6 deep (entries → entry → positions → position → says)
MAX_NUMBER_DIGITS = 100  # no knowledge number needs more; Python refuses to convert past 4,300
TAG = "tag:yaml.org,2002:"
TIMESTAMP = TAG + "timestamp"
INT = TAG + "int"
STR = TAG + "str"
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2}))?")
_RESOLVER = VersionedResolver(version=(1, 2))
# YAML 1.2's implicit types by the first character they can start with ("" for the empty scalar): the
# resolver's own table, read directly (its resolve() looks the version up on every call, which would double
# the time of the pass). A plain scalar starting with any other character is text.
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [(str(tag), regexp) for tag, regexp in resolvers]
    for first, resolvers in _RESOLVER.versioned_resolver.items() if first is not None}
_CONSTRUCTOR = YAML(typ="safe", pure=True).constructor  # how ruamel's safe loaders build each scalar type
_SCALARS = {TAG + name for name in ("null", "bool", "int", "float", "timestamp")}
# Indentation mistakes come out of the parser as "expected <block end>" and the like: say what they mean.
_INDENT = ("expected <block end>", "did not find expected key", "did not find expected '-' indicator")
NOT_BUILT = object()  # the data could not be built from the events alone: the caller loads the text instead

try:
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]  # libyaml's parser, which ruamel wraps

    def _events(text: str) -> Iterator[Any]:
        parser = CParser(text)
        while True:
            event = parser.get_event()
            yield event
            if type(event) is StreamEndEvent:
                return
except ImportError:  # no libyaml (not CPython): ruamel's pure parser is iterative too, only slower
    def _events(text: str) -> Iterator[Any]:
        return iter(YAML(typ="safe", pure=True).parse(text))


@dataclass
class _Level:
    mapping: bool
    value: Any  # the dict or list being built
    key_next: bool = True  # in a mapping: whether the next node is a key
    key: Any = ""


@dataclass
class _Scan:
    name: str
    problems: list[Problem] = field(default_factory=list)
    stack: list[_Level] = field(default_factory=list)
    # anchor / alias / tag: the first one's description, and the lines they occur on
    seen: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    # What the events build, as ruamel's safe loader would, so that valid knowledge is parsed once, not twice.
    # Anything this pass does not build the same way (a merge key, a duplicate or complex key, a second
    # document) leaves it NOT_BUILT, and the loader parses the text itself, as safely: the limits hold.
    built: bool = True
    documents: int = 0
    root: Any = None
    # A date or number that cannot be one is a problem of its value, not of the file: it is reported, read as
    # the text it is (quoted, at these character spans), and the rest of the file is still checked.
    as_text: list[tuple[int, int]] = field(default_factory=list)
    value_problems: list[Problem] = field(default_factory=list)

    def saw(self, kind: str, what: str, line: int) -> None:
        self.seen.setdefault(kind, (what, []))[1].append(line)

    def where(self) -> str:
        """The key being read, as the field of a problem (``date``), or ``(yaml)`` outside any mapping."""
        keys = [str(level.key) for level in self.stack if level.mapping and level.key not in ("", None)]
        return keys[-1] if keys else "(yaml)"

    def add(self, line: int, message: str, where: str | None = None) -> None:
        self.problems.append(Problem(self.name, line, where or self.where(), message))

    def node(self, value: Any) -> None:
        """One node finished: into its list, or, in a mapping, as the key or the value (they take turns)."""
        if not self.stack:
            self.root = value
            return
        level = self.stack[-1]
        if not level.mapping:
            level.value.append(value)
        elif level.key_next:
            level.key = value
            level.key_next = False
        else:
            level.key_next = True
            try:
                duplicate = level.key in level.value
            except TypeError:  # a list or mapping as a key: the round-trip loader's to report
                self.built = False
                return
            if duplicate:
                self.built = False  # the loaders report it, at its line
            else:
                level.value[level.key] = value


@dataclass(frozen=True)
class Scanned:
    """What the pass found in a file."""

    problems: list[Problem]  # every one, in the order found
    readable: bool  # whether the file can be loaded at all (its only problems, if any, are values')
    text: str  # the text to load: as given, with any impossible date or number quoted
    data: Any  # what the text holds when the pass could build it, else NOT_BUILT


def scan_yaml(name: str, text: str) -> Scanned:
    """The limits and value checks on ``text`` (reported as ``name``), and the data it holds."""
    scan = _Scan(name)
    try:
        _scan_events(scan, text)
    except MarkedYAMLError as exc:
        scan.problems.append(syntax_problem(name, exc))
    except YAMLError as exc:
        scan.add(1, f"cannot be read as YAML: {str(exc).splitlines()[0]}", "(yaml)")
    _report_once(scan)
    readable = not scan.problems
    for start, end in reversed(scan.as_text):
        text = text[:start] + "'" + text[start:end].replace("'", "''") + "'" + text[end:]
    data = scan.root if scan.built and readable else NOT_BUILT
    return Scanned([*scan.value_problems, *scan.problems], readable, text, data)


def _scan_events(scan: _Scan, text: str) -> None:
    """Build the data from the parser's events, noting what the limits forbid; stop past the depth limit."""
    stack = scan.stack
    # One pass over every event of every file on each reload: kept tight, the rare cases out of line.
    for event in _events(text):
        cls = type(event)
        if cls is ScalarEvent:
            if event.anchor or event.tag:
                _marked(scan, event)
                scan.node(event.value)
            elif event.style or (event.value and event.value[0] not in _IMPLICIT):
                scan.node(event.value)  # quoted, a block, or plain text: a string
            else:
                scan.node(_plain_scalar(scan, event))
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if event.anchor or event.tag:
                _marked(scan, event)
            mapping = cls is MappingStartEvent
            stack.append(_Level(mapping, {} if mapping else []))
            if len(stack) > MAX_DEPTH:
                scan.add(event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep; knowledge "
                         "files need a few (a run of [ or { brackets?)", "(yaml)")
                return  # nothing past this point is read: that is the point of the limit
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            scan.node(stack.pop().value)
        elif cls is AliasEvent:
            scan.saw("alias", f"an alias (*{event.anchor})", event.start_mark.line + 1)
            scan.node(None)
        elif cls is DocumentStartEvent:
            scan.documents += 1
            scan.built = scan.built and scan.documents == 1


def prescan(name: str, text: str) -> list[Problem]:
    """Every problem the limits find in ``text``; empty when it is safe to parse."""
    return scan_yaml(name, text).problems


def _marked(scan: _Scan, event: Any) -> None:
    line = event.start_mark.line + 1
    if event.anchor:
        scan.saw("anchor", f"an anchor (&{event.anchor})", line)
    if event.tag:
        scan.saw("tag", f"a tag ({_short_tag(event.tag)})", line)


def _plain_scalar(scan: _Scan, event: Any) -> Any:
    """A plain scalar as YAML 1.2 types it: a date or number that cannot be one is a problem at its line."""
    value: str = event.value
    tag = next((tag for tag, regexp in _IMPLICIT.get(value[:1], ()) if regexp.match(value)), STR)
    if tag == STR:
        return value
    problem = None
    if tag == TIMESTAMP:
        wrong = _bad_date(value)
        if wrong:
            problem = (f"{value} looks like a date but is not one ({wrong}); correct it, or put it in quotes if it "
                       "is text")
    elif tag == INT:
        digits = sum(ch.isdigit() for ch in value)
        if digits > MAX_NUMBER_DIGITS:
            problem = f"a number {digits:,} digits long cannot be right; put it in quotes if it is text"
    if problem is not None:
        scan.value_problems.append(Problem(scan.name, event.start_mark.line + 1, scan.where(), problem))
        scan.as_text.append((event.start_mark.index, event.end_mark.index))
        return value
    if tag not in _SCALARS:  # a merge key (<<) or the like: left to the loader
        scan.built = False
        return value
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, value))
    except Exception:  # whatever ruamel's constructor refuses, the loader reports from the text
        scan.built = False
        return value


def _bad_date(value: str) -> str | None:
    match = _DATE.match(value)
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        dt.date(int(year), int(month), int(day))
        if hour is not None:
            dt.time(int(hour), int(minute), int(second))
    except ValueError as exc:
        return str(exc)
    return None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _report_once(scan: _Scan) -> None:
    """Each kind of construct once per file, at its first line, with how many more there are."""
    for kind, (what, lines) in scan.seen.items():
        more = f" (and {len(lines) - 1} more in this file)" if len(lines) > 1 else ""
        fix = {"alias": "write the text out in full", "anchor": "write the text out in full",
               "tag": "remove it (knowledge files hold plain text, numbers and lists)"}[kind]
        scan.problems.append(Problem(scan.name, lines[0], "(yaml)", f"{what} is not allowed in knowledge files; "
                                     f"{fix}{more}"))


def syntax_problem(name: str, exc: MarkedYAMLError) -> Problem:
    """A parser error as a problem at the line it is about, in words for someone who edits YAML by hand."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = exc.problem or exc.context or "invalid YAML"
    if any(marker in reason for marker in _INDENT):
        return Problem(name, line, "(yaml)", f"this line is out of line: it starts at column {col}, where no key "
                       "or '-' item above it does; indent it like the lines it belongs with")
    if "mapping values are not allowed" in reason:
        return Problem(name, line, "(yaml)", f"a ':' at column {col} starts a key where none can be: indent this "
                       "line like the one above it, or put a value that contains ': ' in quotes")
    return Problem(name, line, "(yaml)", f"syntax error at column {col}: {reason}")
