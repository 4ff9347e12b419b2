"""Prompts as versioned, validated files: ``prompts/<name>.md``.

A prompt file is YAML front matter (``version`` and the smaller templates) followed by the system prompt.
Placeholders are ``{{name}}``. Each part must use exactly the placeholders the code fills (``PARTS``):
a prompt that forgets ``{{entries}}`` would send the model no entries at all, and one that uses a
name the code never fills would send it a literal ``{{typo}}`` — both fail loudly at load, which
``OpenAIModel.from_settings`` does at start-up, never when a member asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from bot.errors import ConfigError
from bot.settings import PROJECT_ROOT

PROMPTS_DIR = PROJECT_ROOT / "prompts"
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
VERSION = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# The parts of a prompt file and the placeholders the code fills in each.
PARTS: dict[str, frozenset[str]] = {
    "system": frozenset({"article", "knowledge"}),
    "question": frozenset({"kind", "chosen", "entries", "sides", "question"}),
    "retry": frozenset({"reasons"}),
}


class PromptError(ConfigError):
    """A prompt file that cannot be used: ``str()`` names the file and what is wrong."""


@dataclass(frozen=True)
class Template:
    where: str  # "prompts/answer.md: question", for messages
    text: str

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(PLACEHOLDER.findall(self.text))

    def render(self, **values: str) -> str:
        if set(values) != self.fields:
            raise PromptError(f"{self.where}: filled with {sorted(values)}, but uses {sorted(self.fields)}")
        # One pass with a function: values are never re-scanned, so a question containing "{{knowledge}}"
        # stays the member's text.
        return PLACEHOLDER.sub(lambda m: values[m.group(1)], self.text)


@dataclass(frozen=True)
class Prompt:
    version: str
    system: Template
    question: Template
    retry: Template


def load_prompt(name: str = "answer", folder: Path = PROMPTS_DIR) -> Prompt:
    path = folder / f"{name}.md"
    where = f"prompts/{path.name}" if path.parent == PROMPTS_DIR else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"{where}: cannot be read ({exc.strerror})") from None
    front, body = _split_front_matter(text, where)
    # The system prompt is the body; the other parts live in the front matter.
    unknown = set(front) - ({"version", *PARTS} - {"system"})
    if unknown:
        raise PromptError(f"{where}: unknown front-matter key(s): {', '.join(sorted(unknown))}")
    version = front.get("version")
    if not isinstance(version, str) or not VERSION.match(version):
        raise PromptError(f"{where}: version: give a version such as 'answer-v1' in the front matter")
    texts = {"system": body, **{part: front.get(part) for part in PARTS if part != "system"}}
    templates = {}
    for part, fields in PARTS.items():
        value = texts[part]
        if not isinstance(value, str) or not value.strip():
            raise PromptError(f"{where}: {part}: missing (a non-empty text is needed)")
        template = Template(f"{where}: {part}", value.strip() + "\n")
        missing, extra = fields - template.fields, template.fields - fields
        if missing:
            raise PromptError(f"{where}: {part}: placeholder(s) {_names(missing)} missing; "
                              f"it must use {_names(fields)}")
        if extra:
            raise PromptError(f"{where}: {part}: unknown placeholder(s) {_names(extra)}; it may use {_names(fields)}")
        templates[part] = template
    return Prompt(version=version, **templates)


def _split_front_matter(text: str, where: str) -> tuple[dict[str, object], str]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise PromptError(f"{where}: must start with front matter ('---', version: …, '---')")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    if end is None:
        raise PromptError(f"{where}: the front matter has no closing '---'")
    try:
        front = YAML(typ="safe").load("".join(lines[1:end])) or {}
    except YAMLError as exc:
        raise PromptError(f"{where}: the front matter is not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(front, dict):
        raise PromptError(f"{where}: the front matter must be a mapping (version: …)")
    return front, "".join(lines[end + 1 :])


def _names(fields: frozenset[str] | set[str]) -> str:
    return ", ".join("{{" + f + "}}" for f in sorted(fields))
