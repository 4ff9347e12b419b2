"""``python -m bot eval FILE``: ask a file of questions with expectations and report what falls short.

The file format is documented in the header of ``tests/questions/tuning.yaml``. Besides each case's own
expectations, every answer must cite only ids that exist, give no verdict in the bot's own voice and let no
ping through. The report gives the pass rate of each category and the precision and recall of the scope
decision, both ways: a question the knowledge covers that is refused is as much a miss as an unrelated
question answered with an entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from bot.core.answer import Answer
from bot.core.conversation import Conversation
from bot.core.engine import Model, answer
from bot.core.guard import verdicts, voice
from bot.core.mentions import PING
from bot.errors import BadQuestion, ParleyError
from bot.knowledge.files import MAX_FILE_BYTES
from bot.knowledge.loader import line_of, plain
from bot.knowledge.prescan import prescan, syntax_problem
from bot.knowledge.schema import Knowledge, Status
from bot.render import render
from bot.settings import Settings

Category = Literal["core", "paraphrase", "typo", "language", "verdict", "list", "summary", "follow_up",
                   "injection", "out_of_scope"]
Lang = Literal["en", "id", "ru", "de", "fr", "es"]
# A conversation is asked with the bounds the bot uses by default.
HISTORY_TURNS: int = Settings.model_fields["history_turns"].default
HISTORY_TOKENS: int = Settings.model_fields["history_tokens"].default


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    category: Category = "core"
    lang: Lang = "en"
    q: str | None = None
    turns: list[str] = Field(default_factory=list)  # a conversation: the expectations are on the last answer
    flag: list[Status] = Field(default_factory=list)
    mention: list[str] = Field(default_factory=list)
    lead: list[str] = Field(default_factory=list)  # regexes on the answer's first paragraph
    forbid: list[str] = Field(default_factory=list)
    cite_any: list[str] = Field(default_factory=list)
    in_scope: bool = True
    cite: bool | None = None

    @model_validator(mode="after")
    def _one_question(self) -> Case:
        if (self.q is None) == (not self.turns):
            raise ValueError("give either q (one question) or turns (a conversation), not both")
        for pattern in [*self.mention, *self.lead, *self.forbid]:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regex /{pattern}/: {exc}") from None
        return self

    @property
    def questions(self) -> list[str]:
        return self.turns or [self.q or ""]


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
    data = plain(node)
    problem = _missing_question(path, node, data)
    if problem:
        raise ParleyError(problem)
    try:
        cases = CaseFile.model_validate(data).cases
    except ValidationError as exc:
        errors = exc.errors()
        loc = tuple(errors[0]["loc"])
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        where = ".".join(map(str, loc)) or "(file)"
        raise ParleyError(f"{path}:{line_of(node, loc)}: {where}: {errors[0]['msg']}{more}") from None
    seen: set[str] = set()
    for i, case in enumerate(cases):
        if case.id in seen:
            raise ParleyError(f"{path}:{line_of(node, ('cases', i))}: case id {case.id!r} appears twice")
        seen.add(case.id)
    return cases


def _missing_question(path: Path, node: Any, data: Any) -> str | None:
    """A case needs ``q`` or ``turns``: said as a missing required field is, with how much else is wrong."""
    cases = data.get("cases") if isinstance(data, dict) else None
    missing = [i for i, raw in enumerate(cases if isinstance(cases, list) else [])
               if isinstance(raw, dict) and "q" not in raw and "turns" not in raw]
    if not missing or not isinstance(cases, list):
        return None
    patched = {**data, "cases": [{**c, "q": ""} if i in missing else c for i, c in enumerate(cases)]}
    try:
        CaseFile.model_validate(patched)
        others = 0
    except ValidationError as exc:
        others = len(exc.errors())
    more = len(missing) - 1 + others
    return (f"{path}:{line_of(node, ('cases', missing[0], 'q'))}: cases.{missing[0]}.q: Field required"
            + (f" (and {more} more)" if more else " (or give turns: a conversation)"))


def read_question_set(path: Path) -> Any:
    """The file's YAML with its line numbers (round-trip), within the knowledge's limits; ``ParleyError``
    with where it goes wrong when it is no question set at all."""
    try:
        if path.is_dir():
            raise ParleyError(f"{path}: is a folder, not a questions file (e.g. tests/questions/tuning.yaml)")
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
                          "{id, q, …} (see tests/questions/tuning.yaml)")
    return node


def lead_of(result: Answer, knowledge: Knowledge) -> str:
    """The answer's first paragraph as posted, after any italic notice (which says how it was answered)."""
    return render(result.model_copy(update={"notice": None}), knowledge).split("\n\n", 1)[0]


def judge(case: Case, result: Answer, knowledge: Knowledge) -> list[str]:
    """What falls short of the case's own expectations, and of the rules every answer keeps."""
    text = render(result, knowledge)
    failures: list[str] = []
    if result.in_scope != case.in_scope:
        failures.append(f"in_scope is {result.in_scope}, expected {case.in_scope}")
    failures += _flag_failures(case, result)
    failures += _text_failures(case, text, lead_of(result, knowledge))
    failures += _citation_failures(case, result, knowledge)
    failures += _rule_failures(result, knowledge, text)
    return failures


def _flag_failures(case: Case, result: Answer) -> list[str]:
    if not case.flag:
        return []
    wanted = [f for f in result.flags if f.status in case.flag]
    if not wanted:
        got = ", ".join(f"{f.id} ({f.status})" for f in result.flags) or "none"
        return [f"no flag with status {'/'.join(case.flag)} (flags: {got})"]
    return [f"flag {f.id} gives fewer than two positions" for f in wanted
            if f.status in (Status.CONTESTED, Status.OPINION) and len(f.positions) < 2]


def _text_failures(case: Case, text: str, lead: str) -> list[str]:
    failures = [f"text does not mention /{p}/" for p in case.mention if not re.search(p, text, re.IGNORECASE)]
    failures += [f"the first paragraph does not match /{p}/: {lead[:100]!r}" for p in case.lead
                 if not re.search(p, lead, re.IGNORECASE)]
    failures += [f"text matches forbidden /{p}/" for p in case.forbid if re.search(p, text, re.IGNORECASE)]
    return failures


def _citation_failures(case: Case, result: Answer, knowledge: Knowledge) -> list[str]:
    failures: list[str] = []
    cited = result.cited_ids()
    if case.cite_any and not set(case.cite_any) & set(cited):
        failures.append(f"cites none of {', '.join(case.cite_any)} (cites: {', '.join(cited) or 'nothing'})")
    want_cite = case.cite if case.cite is not None else case.in_scope
    if want_cite and not result.citations(knowledge):
        failures.append("gives no citation")
    unknown = [cid for cid in cited if knowledge.entry(cid) is None]
    if unknown:
        failures.append(f"cites unknown ids: {', '.join(unknown)}")
    return failures


def _rule_failures(result: Answer, knowledge: Knowledge, text: str) -> list[str]:
    """What no answer may do, whatever the case expects: a verdict in Parley's voice, a live ping."""
    failures = [f"verdict in the bot's own voice: {v!r}" for part in voice(result, knowledge)
                for v in verdicts(part, knowledge)]
    if PING.search(text):
        failures.append("lets a ping through")
    return failures


async def run_case(case: Case, knowledge: Knowledge, model: Model | None = None, *, max_chars: int) -> Outcome:
    """Ask the case's question, or each turn of its conversation in order, remembering every answer as the
    chat loop and Discord threads do; the last answer is judged."""
    conversation = Conversation(HISTORY_TURNS, HISTORY_TOKENS) if case.turns else None
    result: Answer | None = None
    for n, question in enumerate(case.questions, 1):
        try:
            result = await answer(question, conversation, knowledge, model, max_chars=max_chars)
        except BadQuestion as exc:
            return Outcome(case, [f"turn {n} rejected as a bad question: {exc}"])
        if conversation is not None:
            conversation.remember(result, render(result, knowledge))
    assert result is not None
    return Outcome(case, judge(case, result, knowledge), result)


async def run_cases(cases: list[Case], knowledge: Knowledge, model: Model | None = None,
                    *, max_chars: int) -> list[Outcome]:
    return [await run_case(case, knowledge, model, max_chars=max_chars) for case in cases]


@dataclass(frozen=True)
class Scores:
    total: int
    passed: int
    categories: dict[str, tuple[int, int]]  # category -> (passed, total)
    scope: dict[str, tuple[float, float]]  # "in scope" / "out of scope" -> (precision, recall)

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 1.0


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def scores(outcomes: list[Outcome]) -> Scores:
    categories: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        categories[o.case.category][0] += o.ok
        categories[o.case.category][1] += 1
    judged = [(o.case.in_scope, o.answer.in_scope) for o in outcomes if o.answer is not None]
    scope = {}
    for label, side in (("in scope", True), ("out of scope", False)):
        hits = sum(1 for want, got in judged if want is side and got is side)
        scope[label] = (_ratio(hits, sum(1 for _, got in judged if got is side)),
                        _ratio(hits, sum(1 for want, _ in judged if want is side)))
    return Scores(len(outcomes), sum(o.ok for o in outcomes),
                  {c: (p, t) for c, (p, t) in sorted(categories.items())}, scope)


def report(outcomes: list[Outcome]) -> tuple[str, bool]:
    lines: list[str] = []
    for o in outcomes:
        if not o.ok:
            lines.append(f"FAIL {o.case.id}: {' / '.join(o.case.questions)} [{o.case.category}]")
            lines += [f"  - {f}" for f in o.failures]
    s = scores(outcomes)
    lines.append("by category:")
    lines += [f"  {c:<13} {p:>3}/{t:<3} {_ratio(p, t):6.1%}" for c, (p, t) in s.categories.items()]
    lines += [f"scope ({label}): precision {p:.1%}, recall {r:.1%}" for label, (p, r) in s.scope.items()]
    lines.append(f"passed: {s.rate:.1%}")
    lines.append(f"eval: {s.passed} passed, {s.total - s.passed} failed")
    return "\n".join(lines), s.passed == s.total


def as_dicts(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    return [{"id": o.case.id, "category": o.case.category, "ok": o.ok, "failures": o.failures} for o in outcomes]
