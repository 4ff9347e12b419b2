"""The command line as a Unix tool: a closed pipe ends it quietly; bytes that are not UTF-8 on chat's standard
input are skipped with a note. Real processes and real pipes: these are about what the interpreter does at
its edges, which no in-process test sees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import CLOSED_PIPE, NOT_UTF8
from bot.settings import PROJECT_ROOT

ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT)}


@pytest.mark.parametrize("args", [
    ["ask", "Who is right, NATO or Russia?"],
    ["ask", "--json", "Did Skripal die?"],
    ["ask", "/claims"],
    ["check"],
    ["eval", str(PROJECT_ROOT / "tests" / "questions" / "tuning.yaml")],
    ["chat"],
    ["--help"],
], ids=["ask", "ask-json", "ask-claims", "check", "eval", "chat", "help"])
def test_a_closed_pipe_ends_the_command_quietly(args: list[str], tmp_path: Path) -> None:
    """`./dev ask "…" | head -c 10`: whether the reader has gone before the first write or after, as here
    (its end is closed before the command writes anything, so the race always goes the same way)."""
    proc = subprocess.Popen([sys.executable, "-m", "bot", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path, env=ENV)
    assert proc.stdout is not None and proc.stdin is not None and proc.stderr is not None
    proc.stdout.close()
    proc.stdin.write(b"What does Russia say about NATO expansion?\n")
    proc.stdin.close()
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == CLOSED_PIPE == 141
    assert err == ""  # no "unexpected error (BrokenPipeError…)", no "Exception ignored in: <stdout>"


def test_invalid_utf8_on_chats_input_is_skipped_with_a_note_under_a_strict_locale(tmp_path: Path) -> None:
    typed = "Qui a raison ? café".encode("latin-1") + b"\n" + b"Did Skripal die?\n/quit\n"
    out = subprocess.run([sys.executable, "-m", "bot", "chat"], input=typed, capture_output=True, cwd=tmp_path,
                         env=ENV | {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONUTF8": "0"}, timeout=120)
    assert out.returncode == 0, out.stderr.decode()
    text = out.stdout.decode()
    assert f"parley> {NOT_UTF8}" in text
    assert text.count("parley> ") == 2 and "Skripal" in text.split(NOT_UTF8, 1)[1]  # the next line is answered
    assert out.stderr == b""
