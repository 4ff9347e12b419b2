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
    follow_up = out.split("parley> ")[2]
    # "the other side" means something only after the first answer: the chat remembered it.
    assert "`[nato-enlargement]`" in follow_up and "outside what I can answer" not in follow_up


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
    assert capsys.readouterr().err.startswith(f"parley: {cases}:2: cases.0.q: Field required")


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


@pytest.mark.parametrize(("name", "value", "said"), [
    ("OPENAI_BASE_URL", "notaurl", "must be an http:// or https:// URL with a host"),
    ("OPENAI_BASE_URL", "ftp://x/v1", "must be an http:// or https:// URL with a host"),
    ("PARLEY_ALLOWED_CHANNELS", "123,abc", 'must be channel ids (numbers) separated by commas, not "abc"'),
    ("PARLEY_STORE_BUSY_TIMEOUT", "nan", "finite number"),
])
def test_a_bad_setting_is_one_line_that_says_what_it_should_be(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str], name: str,
                                                             value: str, said: str) -> None:
    monkeypatch.setenv(name, value)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"parley: setting {name}: ") and said in err and err.count("\n") == 1, err


def test_ask_with_an_unknown_command_or_entry_exits_2_and_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "/bogus"]) == 2
    assert capsys.readouterr().err.startswith("parley: There is no `/bogus` command here.")
    assert main(["ask", "/source skripal"]) == 2  # a word of several ids: those ids, the main one among them
    assert "`skripal-poisoning`" in capsys.readouterr().err


def test_check_names_each_file_as_this_shell_can_open_it(tmp_path: Path, knowledge_folder: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    broken = knowledge_folder / "entries" / "model.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: ", "status: bogus-", 1), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the folder is not under the working directory: its absolute path
    assert main(["--knowledge", str(knowledge_folder), "check"]) == 1
    assert capsys.readouterr().err.startswith(f"{broken}:")
    monkeypatch.chdir(knowledge_folder.parent)  # it is: relative, as typed
    assert main(["--knowledge", str(knowledge_folder), "check"]) == 1
    assert capsys.readouterr().err.startswith(f"{knowledge_folder.name}/entries/model.yaml:")


def test_a_question_without_words_is_asked_for_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "?! 👍"]) == 2
    assert capsys.readouterr().err.startswith("parley: Please ask a question in words")


# --- the commands answers recommend work in the terminal too ------------------------------------------------

def chat(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *typed: str) -> list[str]:
    """What Parley printed for each line typed (the banner dropped)."""
    lines = iter([*typed, "/quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["chat"]) == 0
    return capsys.readouterr().out.split("parley> ")[1:]


def test_chat_understands_the_commands_discord_has(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str], knowledge) -> None:
    claims, source, typo, sides, about, help_, unknown = chat(
        monkeypatch, capsys, "/claims", "/source [nato-enlargement]", "/source nato-enlargment", "/sides Crimea",
        "/about", "/help", "/summon")
    assert claims.startswith("**Flagged claims**") and "`[nato-enlargement]`" in claims
    assert source.startswith("⚠️ **NATO enlargement") and "**Sources**" in source
    assert "Did you mean `nato-enlargement`?" in typo
    assert "Crimea" in sides and "outside what I can answer" not in sides
    assert about.startswith("**Parley** helps") and "/ask" not in about  # the terminal's way of asking
    assert all(c in help_ for c in ("/claims", "/source ID", "/sides TOPIC", "/about", "/help", "/new", "/quit"))
    assert unknown.startswith("There is no `/summon` command here.")


def test_what_an_answer_recommends_is_a_command_the_terminal_has(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The footer points at `/source <id>`, an out-of-scope answer at `/claims`: both work, in chat and in ask."""
    (footer_answer, off_topic) = chat(monkeypatch, capsys, "Did Skripal die?", "What is the square root of 1764?")
    recommended = {cmd for text in (footer_answer, off_topic) for cmd in ("/source", "/claims") if f"`{cmd}" in text}
    assert recommended == {"/source", "/claims"}
    for line in ("/claims", "/source skripal-survived"):
        assert main(["ask", line]) == 0
        out = capsys.readouterr().out
        assert "There is no" not in out and "outside what I can answer" not in out and out.strip()


def test_ask_runs_sides_as_a_command_and_refuses_json_for_text(capsys: pytest.CaptureFixture[str]) -> None:
    out = ask_json(capsys, "/sides NATO expansion")
    assert out["in_scope"] and out["question"] == "NATO expansion"
    assert main(["ask", "--json", "/claims"]) == 2
    assert capsys.readouterr().err.startswith("parley: --json is for answers; /claims prints text")


def test_usage_says_dev_and_points_at_what_exists(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["ask", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: ./dev ask ") and "DESIGN.md" not in out
    assert "README" in out and (PROJECT_ROOT / "README.md").exists()


def test_dev_help_prints_the_commands_and_nothing_of_the_script() -> None:
    out = subprocess.run(["bash", str(PROJECT_ROOT / "dev"), "help"], capture_output=True, text=True, timeout=30,
                         check=True).stdout
    assert out.startswith("The one place that names Parley's commands.")
    assert "./dev test" in out and "set -euo pipefail" not in out and "#" not in out


@pytest.mark.parametrize(("content", "expected"), [
    ("article:\n  title: x\n", "{file}:1: is not a question set: it needs a top-level `cases:` list"),
    ("- just\n- a list\n", "{file}:1: is not a question set"),
    ("cases:\n  - id: one\n    q: Did Skripal die?\n  - id: two\n    qq: typo\n",
     "{file}:4: cases.1.q: Field required (and 1 more)"),
    ("cases: [\n", "{file}:2: (yaml): syntax error"),
], ids=["knowledge-file", "a-list", "typo-in-a-case", "not-yaml"])
def test_eval_on_a_file_that_is_not_a_question_set_says_where(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               content: str, expected: str) -> None:
    path = tmp_path / "not-questions.yaml"
    path.write_text(content, encoding="utf-8")
    assert main(["eval", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("parley: " + expected.format(file=path)) and err.count("\n") == 1


def test_eval_on_a_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (f"parley: {tmp_path}: is a folder, not a questions file "
                                       "(e.g. tests/questions/tuning.yaml)\n")


def test_a_moderator_role_given_by_name_is_refused_at_start_up(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARLEY_MODERATOR_ROLE", "Moderators")
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith('parley: setting PARLEY_MODERATOR_ROLE: must be the role\'s id, not a name ("Moderators"): '
                          "with Developer Mode on") and "Copy Role ID" in err
    assert err.count("\n") == 1
    monkeypatch.setenv("PARLEY_MODERATOR_ROLE", " 1111111111111111111 ")
    from bot.settings import Settings
    assert Settings(_env_file=None).moderator_role == 1111111111111111111
