"""The command line: the contract of DESIGN.md (subcommands, the JSON shape, one-line errors)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import PROJECT_ROOT

JSON_KEYS = ["question", "mode", "in_scope", "text", "messages", "citations", "flags"]


def ask_json(capsys: pytest.CaptureFixture[str], question: str) -> dict:
    assert main(["ask", "--json", question]) == 0
    return json.loads(capsys.readouterr().out)


def test_ask_json_has_exactly_the_contract_shape(capsys: pytest.CaptureFixture[str], knowledge) -> None:
    out = ask_json(capsys, "Did Skripal die?")
    assert list(out) == JSON_KEYS
    assert out["mode"] == "offline" and out["in_scope"] is True
    assert out["messages"] and all(len(m) <= 2000 for m in out["messages"])
    assert "\n\n".join(out["messages"]) == out["text"]
    assert out["citations"] and all(set(c) == {"id", "status"} for c in out["citations"])
    assert all(knowledge.entry(c["id"]) for c in out["citations"])
    assert out["flags"] and all(set(f) == {"id", "status", "positions"} for f in out["flags"])
    for flag in out["flags"]:
        assert flag["status"] in {"contested", "opinion", "inaccurate"}
        assert all(set(p) == {"side", "says"} for p in flag["positions"])


def test_ask_out_of_scope(capsys: pytest.CaptureFixture[str]) -> None:
    out = ask_json(capsys, "What is the square root of 1764?")
    assert out["in_scope"] is False and out["citations"] == [] and out["flags"] == []


def test_ask_plain_prints_what_discord_would_post(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "What did Germany's foreign minister say?"]) == 0
    assert "Maas" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["ask", ""], "parley: Please ask a question"),
    (["ask", "   \n\t "], "parley: Please ask a question"),
    (["ask", "x" * 501], "parley: That question is 501 characters long; the limit is 500."),
    (["ask", "<@123456> @here"], "parley: I only saw a mention."),
    (["--knowledge", "/nonexistent/kb", "ask", "hi"], "/nonexistent/kb: folder: not found"),
])
def test_bad_input_is_one_clear_line_and_a_non_zero_exit(capsys: pytest.CaptureFixture[str], args: list[str],
                                                         message: str) -> None:
    assert main(args) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(message)
    assert "Traceback" not in captured.err


def test_chat_keeps_the_thread(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    lines = iter(["What does Russia say about NATO expansion?", "and what does the other side say?", "", "/quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert out.count("parley> ") == 3  # two answers and one polite refusal of the empty line
    assert "Please ask a question" in out


def test_eval_reports_failures_and_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - id: wrong\n    q: Did Skripal die?\n    mention: ['Skripal was killed by']\n"
                     "  - id: right\n    q: Did Skripal die?\n    mention: ['Skripal']\n", encoding="utf-8")
    assert main(["eval", str(cases)]) == 1
    out = capsys.readouterr().out
    assert "FAIL wrong: Did Skripal die?" in out and "text does not mention /Skripal was killed by/" in out
    assert out.rstrip().endswith("eval: 1 passed, 1 failed")


def test_eval_rejects_a_malformed_file_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - id: x\n    question: typo\n", encoding="utf-8")
    assert main(["eval", str(cases)]) == 1
    assert capsys.readouterr().err.startswith(f"parley: {cases}: cases.0.q: Field required")


def test_the_module_runs_as_a_program(tmp_path: Path) -> None:
    """`python -m bot` itself, in a fresh interpreter with nothing configured."""
    out = subprocess.run([sys.executable, "-m", "bot", "check"], capture_output=True, text=True, cwd=tmp_path,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT)}, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok: ")


def test_an_unexpected_error_is_one_line_too(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("bot.knowledge.loader.load_knowledge", broken)
    assert main(["check"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("parley: unexpected error (RuntimeError: a bug)")


def test_a_bad_log_level_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARLEY_LOG_LEVEL", "verbose")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("parley: setting PARLEY_LOG_LEVEL: Input should be 'DEBUG', 'INFO', 'WARNING' or 'ERROR'")
    assert err.count("\n") == 1


def test_a_question_without_words_is_asked_for_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "?! 👍"]) == 2
    assert capsys.readouterr().err.startswith("parley: Please ask a question in words")
