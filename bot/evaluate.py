"""``python -m bot eval FILE``: ask a file of questions with expectations and report what falls short.

The file format is that of ``tests/questions.yaml`` (see its header). Besides each case's own expectations,
every answer must cite only ids that exist, give no verdict in the bot's own voice and let no ping through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from bot.core.answer import Answer
from bot.core.engine import Model, answer
from bot.core.guard import verdicts, voice
from bot.core.mentions import PING
from bot.errors import BadQuestion, ParleyError
from bot.knowledge.files import MAX_FILE_BYTES
from bot.knowledge.loader import line_of, plain
from bot.knowledge.prescan import prescan, syntax_problem
from bot.knowledge.schema import Knowledge, Status
from bot.render import render


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    q: str
    flag: list[Status] = Field(default_factory=list)
    mention: list[str] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)
    in_scope: bool = True
    cite: bool | None = None


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cases: list[Case]


@dataclass
class Outcome:
    case: Case
    failures: list[str] = field(default_factory=list)
    answer: Answer | None = None

    @property
    def ok(self) -> bool:
        return not self.failures


def load_cases(path: str | Path) -> list[Case]:
    """The cases in ``path``, or ``ParleyError`` saying where the file falls short, as ``file:line: …``."""
    path = Path(path)
    node = read_question_set(path)
    try:
        return CaseFile.model_validate(plain(node)).cases
    except ValidationError as exc:
        errors = exc.errors()
        loc = tuple(errors[0]["loc"])
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        where = ".".join(map(str, loc)) or "(file)"
        raise ParleyError(f"{path}:{line_of(node, loc)}: {where}: {errors[0]['msg']}{more}") from None


def read_question_set(path: Path) -> Any:
    """The file's YAML with its line numbers (round-trip), within the knowledge's limits; ``ParleyError``
    with where it goes wrong when it is no question set at all."""
    try:
        if path.is_dir():
            raise ParleyError(f"{path}: is a folder, not a questions file (e.g. tests/questions.yaml)")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ParleyError(f"{path}: is larger than {MAX_FILE_BYTES:,} bytes; not a questions file")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParleyError(f"{path}: no such questions file") from None
    except UnicodeDecodeError as exc:
        raise ParleyError(f"{path}: is not UTF-8 (byte 0x{exc.object[exc.start]:02x}); not a questions "
                          "file") from None
    except OSError as exc:
        raise ParleyError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    limits = prescan(str(path), text)  # the knowledge's limits: a questions file is YAML from anyone too
    if limits:
        raise ParleyError(str(limits[0]))
    try:
        node = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        raise ParleyError(str(syntax_problem(str(path), exc))) from None
    except YAMLError as exc:
        raise ParleyError(f"{path}: cannot be read: {str(exc).splitlines()[0]}") from None
    if not isinstance(node, dict) or "cases" not in node:
        raise ParleyError(f"{path}:1: is not a question set: it needs a top-level `cases:` list of "
                          "{id, q, …} (see tests/questions.yaml)")
    return node


def judge(case: Case, result: Answer, knowledge: Knowledge) -> list[str]:
    text = render(result, knowledge)
    failures: list[str] = []
    if result.in_scope != case.in_scope:
        failures.append(f"in_scope is {result.in_scope}, expected {case.in_scope}")
    if case.flag:
        wanted = [f for f in result.flags if f.status in case.flag]
        if not wanted:
            got = ", ".join(f"{f.id} ({f.status})" for f in result.flags) or "none"
            failures.append(f"no flag with status {'/'.join(case.flag)} (flags: {got})")
        for f in wanted:
            if f.status in (Status.CONTESTED, Status.OPINION) and len(f.positions) < 2:
                failures.append(f"flag {f.id} gives fewer than two positions")
    for pattern in case.mention:
        if not re.search(pattern, text, re.IGNORECASE):
            failures.append(f"text does not mention /{pattern}/")
    for pattern in case.forbid:
        if re.search(pattern, text, re.IGNORECASE):
            failures.append(f"text matches forbidden /{pattern}/")
    want_cite = case.cite if case.cite is not None else case.in_scope
    citations = result.citations(knowledge)
    if want_cite and not citations:
        failures.append("gives no citation")
    unknown = [cid for cid in result.cited_ids() if knowledge.entry(cid) is None]
    if unknown:
        failures.append(f"cites unknown ids: {', '.join(unknown)}")
    for part in voice(result, knowledge):
        failures += [f"verdict in the bot's own voice: {v!r}" for v in verdicts(part, knowledge)]
    if PING.search(text):
        failures.append("lets a ping through")
    return failures


async def run_cases(cases: list[Case], knowledge: Knowledge, model: Model | None = None,
                    max_chars: int = 500) -> list[Outcome]:
    outcomes = []
    for case in cases:
        try:
            result = await answer(case.q, None, knowledge, model, max_chars=max_chars)
        except BadQuestion as exc:
            outcomes.append(Outcome(case, [f"rejected as a bad question: {exc}"]))
            continue
        outcomes.append(Outcome(case, judge(case, result, knowledge), result))
    return outcomes


def report(outcomes: list[Outcome]) -> tuple[str, bool]:
    lines: list[str] = []
    for o in outcomes:
        if not o.ok:
            lines.append(f"FAIL {o.case.id}: {o.case.q}")
            lines += [f"  - {f}" for f in o.failures]
    passed = sum(o.ok for o in outcomes)
    failed = len(outcomes) - passed
    lines.append(f"eval: {passed} passed, {failed} failed")
    return "\n".join(lines), failed == 0


def as_dicts(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    return [{"id": o.case.id, "ok": o.ok, "failures": o.failures} for o in outcomes]
