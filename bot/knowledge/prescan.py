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
and a 5,000-digit number is past what Python converts.
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
TIMESTAMP = "tag:yaml.org,2002:timestamp"
INT = "tag:yaml.org,2002:int"
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2}))?")
_RESOLVER = VersionedResolver(version=(1, 2))
_NUMERIC_START = frozenset("0123456789+-.")  # how every YAML date and number begins ("" is not in it)
# Indentation mistakes come out of the parser as "expected <block end>" and the like: say what they mean.
_INDENT = ("expected <block end>", "did not find expected key", "did not find expected '-' indicator")

try:
    from ruamel.yaml.cyaml import CParser

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
    key_next: bool = True  # in a mapping: whether the next node is a key
    key: str = ""


@dataclass
class _Scan:
    name: str
    problems: list[Problem] = field(default_factory=list)
    stack: list[_Level] = field(default_factory=list)
    # anchor / alias / tag: the first one's description, and the lines they occur on
    seen: dict[str, tuple[str, list[int]]] = field(default_factory=dict)

    def saw(self, kind: str, what: str, line: int) -> None:
        self.seen.setdefault(kind, (what, []))[1].append(line)

    def where(self) -> str:
        """The key being read, as the field of a problem (``date``), or ``(yaml)`` outside any mapping."""
        keys = [level.key for level in self.stack if level.mapping and level.key]
        return keys[-1] if keys else "(yaml)"

    def add(self, line: int, message: str, where: str | None = None) -> None:
        self.problems.append(Problem(self.name, line, where or self.where(), message))

    def ended(self) -> None:
        """One node finished: in a mapping, keys and values take turns."""
        if self.stack and self.stack[-1].mapping:
            self.stack[-1].key_next = not self.stack[-1].key_next


def prescan(name: str, text: str) -> list[Problem]:
    """Every problem the limits find in ``text`` (reported as ``name``); empty when it is safe to compose."""
    scan = _Scan(name)
    stack = scan.stack
    # One pass over every event of every file on each reload: kept tight, the rare cases out of line.
    try:
        for event in _events(text):
            cls = type(event)
            if cls is ScalarEvent:
                if event.anchor or event.tag:
                    _marked(scan, event)
                elif not event.style and event.value[:1] in _NUMERIC_START:  # a plain scalar that may be a
                    # date or a number (asking the resolver about every scalar would double the load time)
                    _plain_scalar(scan, event.value, event.start_mark.line + 1)
                if stack and stack[-1].mapping and stack[-1].key_next:
                    stack[-1].key = event.value
                scan.ended()
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if event.anchor or event.tag:
                    _marked(scan, event)
                stack.append(_Level(mapping=cls is MappingStartEvent))
                if len(stack) > MAX_DEPTH:
                    scan.add(event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep; knowledge "
                             "files need a few (a run of [ or { brackets?)", "(yaml)")
                    break  # nothing past this point is read: that is the point of the limit
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
                scan.ended()
            elif cls is AliasEvent:
                scan.saw("alias", f"an alias (*{event.anchor})", event.start_mark.line + 1)
                scan.ended()
    except MarkedYAMLError as exc:
        scan.problems.append(syntax_problem(name, exc))
    except YAMLError as exc:
        scan.add(1, f"cannot be read as YAML: {str(exc).splitlines()[0]}", "(yaml)")
    _report_once(scan)
    return scan.problems


def _marked(scan: _Scan, event: Any) -> None:
    line = event.start_mark.line + 1
    if event.anchor:
        scan.saw("anchor", f"an anchor (&{event.anchor})", line)
    if event.tag:
        scan.saw("tag", f"a tag ({_short_tag(event.tag)})", line)


def _plain_scalar(scan: _Scan, value: str, line: int) -> None:
    tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
    if tag == TIMESTAMP:
        problem = _bad_date(value)
        if problem:
            scan.add(line, f"{value} looks like a date but is not one ({problem}); correct it, or put it in "
                     "quotes if it is text")
    elif tag == INT:
        digits = sum(ch.isdigit() for ch in value)
        if digits > MAX_NUMBER_DIGITS:
            scan.add(line, f"a number {digits:,} digits long cannot be right; put it in quotes if it is text")


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
