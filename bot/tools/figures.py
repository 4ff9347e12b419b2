"""What the bench and the soak share: the figures report, the questions they ask, and percentiles."""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass, field

from bot.settings import PROJECT_ROOT

QUESTIONS_FILE = PROJECT_ROOT / "tests" / "questions" / "tuning.yaml"
FALLBACK_QUESTIONS = ["What does Russia say about NATO expansion?", "Did Skripal die?", "Who is right?",
                      "What did Heiko Mass say?", "Why did Russia annex Crimea?"]


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None
    note: str = ""


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)

    def add(self, name: str, value: float, unit: str, target: float | None = None, note: str = "",
            lower_is_better: bool = True) -> None:
        ok = None if target is None else (value <= target if lower_is_better else value >= target)
        shown = "" if target is None else (f"≤ {target:g} {unit}" if lower_is_better else f"≥ {target:g} {unit}")
        self.figures.append(Figure(name, round(value, 3), unit, shown, ok, note))

    def table(self) -> str:
        rows = [("figure", "value", "target", ""), *(
            (f.name, f"{f.value:g} {f.unit}".strip(), f.target, {True: "ok", False: "MISSED", None: ""}[f.ok]
             + (f"  {f.note}" if f.note else "")) for f in self.figures)]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        return "\n".join(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip()
                         for r in rows)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def questions() -> list[str]:
    try:
        from bot.evaluate import load_cases

        return [q for c in load_cases(QUESTIONS_FILE) for q in c.questions]
    except Exception:  # the bench must run even where the test files are not shipped
        return FALLBACK_QUESTIONS


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000
