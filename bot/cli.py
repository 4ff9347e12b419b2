"""``./dev`` (``python -m bot``): run the Discord bot, chat in the terminal, ask once, check, eval, bench; the
knowledge's history and rollback.

This is one of Parley's two edges. It maps Parley's errors to one line on stderr and a non-zero exit;
anything unexpected (a bug) is one line too, with the traceback logged at PARLEY_LOG_LEVEL=DEBUG.

A closed pipe (``./dev ask "…" | head -c 10``) ends the command quietly, as Unix tools do: no message,
and exit status 141 — what a shell reports for a tool stopped by SIGPIPE (128 + 13), so ``set -o
pipefail`` scripts see it as they would for ``yes | head``.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from bot.core.conversation import Conversation
from bot.errors import BadQuestion, ConfigError, KnowledgeError, ParleyError, Problem
from bot.settings import Settings
from bot.terminal import command

if TYPE_CHECKING:
    from bot.core.engine import Model
    from bot.knowledge.schema import Knowledge

log = logging.getLogger("parley")

PROG = "./dev"  # what users type (README); `python -m bot` takes the same arguments
CLOSED_PIPE = 128 + signal.SIGPIPE  # 141: a shell's status for a tool stopped by a closed pipe
JSON_HELP = ("print one JSON object: question, mode, in_scope, text, messages, citations, flags (see the README's "
             "Quick start)")
NOT_UTF8 = "(skipped a line that is not valid UTF-8: check the terminal's encoding, or paste the question again)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Parley: grounded, balanced answers "
                                     "about “NATO vs Russia, How will It Ends?”.")
    parser.add_argument("--knowledge", type=Path, help="knowledge folder (default: PARLEY_KNOWLEDGE_DIR)")
    parser.add_argument("--offline", action="store_true", help="ignore any configured model")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    run.add_argument("--sync", choices=["guild", "global"], help="sync slash commands on start "
                     "(guild: to PARLEY_DEV_GUILD, instantly; global: everywhere, can take up to an hour)")
    sub.add_parser("chat", help="talk to Parley in the terminal, with follow-ups and /claims, /source ID, "
                   "/sides TOPIC, /about, /help")
    ask = sub.add_parser("ask", help="answer one question (or run one of chat's /commands)")
    ask.add_argument("question", help="the question (quote it), or e.g. \"/source nato-enlargement\"")
    ask.add_argument("--json", action="store_true", help=JSON_HELP)
    sub.add_parser("check", help="validate the knowledge files")
    ev = sub.add_parser("eval", help="ask a file of questions with expectations; report what falls short")
    ev.add_argument("file", type=Path)
    ev.add_argument("--json", action="store_true", help="print the outcomes as JSON")
    bench = sub.add_parser("bench", help="measure Parley against DESIGN.md's targets")
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.add_argument("--quick", action="store_true", help="fewer rounds (for a smoke test)")
    bench.add_argument("--soak", type=int, metavar="N", help="instead: N questions against a faulty model")
    hist = sub.add_parser("history", help="every change to the knowledge and every reload: who, when, what, version")
    hist.add_argument("--limit", type=int, default=30, help="how many to list, newest first (default 30)")
    back = sub.add_parser("rollback", help="restore a stored knowledge version (see `history`) into the folder")
    back.add_argument("version", help="the version id, or its first characters")
    back.add_argument("--yes", action="store_true", help="write it without asking (after showing the change)")
    return parser


def settings_from_env(args: argparse.Namespace) -> Settings:
    try:
        settings = Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err["loc"] else "setting"
        if not name.startswith(("OPENAI_", "DISCORD_", "PARLEY_")):
            name = f"PARLEY_{name}"  # as it is written in .env, so it can be found there
        message = str(err["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"setting {name}: {message}") from None
    update: dict[str, object] = {}
    if args.knowledge:
        update["knowledge_dir"] = args.knowledge
    if args.offline:
        update |= {"openai_api_key": None, "openai_base_url": None}
    return settings.model_copy(update=update) if update else settings


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()  # here, where a closed pipe can be handled, not by the interpreter at exit
    except BrokenPipeError:
        _quiet_after_closed_pipe()
        return CLOSED_PIPE


def _quiet_after_closed_pipe() -> None:
    """The reader went away: send what is still buffered nowhere, so the exit makes no noise either."""
    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # not a real file (a test's capture): nothing to silence
            pass


def _openable(problem: Problem, folder: Path) -> Problem:
    """``problem`` with its file as this shell can open it: relative to the working directory when the
    knowledge folder is under it (as written, "knowledge/entries/x.yaml"), else the absolute path (the
    loader writes paths from the folder's parent, as a moderator on Discord sees them)."""
    where = folder.resolve().parent / problem.file
    try:
        shown = where.relative_to(Path.cwd())
    except ValueError:
        shown = where
    return dataclasses.replace(problem, file=str(shown))


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = settings_from_env(args)
        level = settings.log_level or ("INFO" if args.command == "run" else "WARNING")
        logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        return asyncio.run(_dispatch(args, settings)) if args.command != "run" else _run(args, settings)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(_openable(problem, Path(settings.knowledge_dir)), file=sys.stderr)
        print(f"parley: the knowledge has {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    except ParleyError as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, BadQuestion | ConfigError) else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise  # the reader has gone: not a bug (see main)
    except Exception as exc:  # a bug, not bad input: still one line for the person, the details in the log
        log.debug("unexpected error", exc_info=True)
        print(f"parley: unexpected error ({type(exc).__name__}: {exc}); run again with PARLEY_LOG_LEVEL=DEBUG "
              "for the details", file=sys.stderr)
        return 70


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.discord_app.app import run_bot

    return run_bot(settings, sync=args.sync)


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.loader import load_knowledge

    if args.command == "bench":
        from bot.tools.bench import main as bench_main

        return await bench_main(settings, as_json=args.json, quick=args.quick, soak=args.soak)
    if args.command in ("history", "rollback"):  # before loading: a broken folder is what a rollback fixes
        from bot import history_cli

        if args.command == "history":
            return await history_cli.history(settings, args.limit)
        return await history_cli.rollback(settings, args.version, yes=args.yes)
    knowledge = load_knowledge(settings.knowledge_dir)
    if args.command == "check":
        return _check(knowledge, settings)
    from bot.service import model_from_settings

    model = model_from_settings(settings)
    try:
        if args.command == "ask":
            return await _ask(args, settings, knowledge, model)
        if args.command == "chat":
            return await _chat(settings, knowledge, model)
        if args.command == "eval":
            from bot import evaluate

            outcomes = await evaluate.run_cases(evaluate.load_cases(args.file), knowledge, model,
                                                max_chars=settings.max_question_chars)
            text, ok = evaluate.report(outcomes)
            print(json.dumps(evaluate.as_dicts(outcomes), indent=2) if args.json else text)
            return 0 if ok else 1
    finally:
        if model is not None:
            await model.aclose()
    raise AssertionError(args.command)


def _check(knowledge: Knowledge, settings: Settings) -> int:
    """Valid is exit 0; what the balance rule warns about is printed, and is no error (moderators decide)."""
    from bot.knowledge.balance import balance

    print(f"ok: {knowledge.summary()}")
    report = balance(knowledge)
    print(f"\nwords per party in the {len(report.entries)} contested entries (positions in brackets):")
    print(report.table())
    for warning in report.warnings:
        print(f"warning: balance: {warning}")
    if report.ok:
        print("balance: every contested entry gives each party its say, within twice the words of another")
    from bot.scope_audit import probe_questions, scope_warnings

    for warning in scope_warnings(knowledge, probe_questions(), settings.max_question_chars):
        print(f"warning: scope: {warning}")
    return 0


async def _ask(args: argparse.Namespace, settings: Settings, knowledge: Knowledge, model: Model | None) -> int:
    from bot.core.engine import answer
    from bot.render import as_json, render_parts

    asked = command(args.question, knowledge, chat=False)
    if asked.refused and asked.text is not None:
        raise BadQuestion(asked.text)
    if asked.text is not None:
        if args.json:
            raise BadQuestion(f"--json is for answers; {args.question.split()[0]} prints text")
        print(asked.text)
        return 0
    result = await answer(asked.question, None, knowledge, model, max_chars=settings.max_question_chars,
                          kind=asked.kind)
    if args.json:
        print(json.dumps(as_json(result, knowledge), ensure_ascii=False, indent=2))
    else:
        print(render_parts(result, knowledge)[0])
    return 0


async def _chat(settings: Settings, knowledge: Knowledge, model: Model | None) -> int:
    from bot.core.engine import answer
    from bot.render import render_parts

    conversation = Conversation(settings.history_turns, settings.history_tokens)
    print(f"Parley — {settings.describe_mode()}. Knowledge {knowledge.summary()}.")
    print("Ask about the article; follow-ups keep the thread. /help lists the commands (/claims, /source ID, "
          "/sides TOPIC, /about); /new starts over, /quit (or Ctrl-D) leaves.")
    # Bytes that are not UTF-8 (a strict locale, a pasted Latin-1 line) are kept as surrogates rather than
    # ending the chat: the line is then skipped with a note.
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="surrogateescape")
    loop = asyncio.get_running_loop()
    while True:
        try:
            line = await loop.run_in_executor(None, input, "\nyou> ")
        except EOFError:
            print()
            return 0
        if any("\udc80" <= ch <= "\udcff" for ch in line):
            print(f"parley> {NOT_UTF8}")
            continue
        if line.strip() in {"/quit", "/exit"}:
            return 0
        if line.strip() == "/new":
            conversation = Conversation(settings.history_turns, settings.history_tokens)
            print("(new conversation)")
            continue
        asked = command(line, knowledge, chat=True)
        if asked.text is not None:
            print(f"parley> {asked.text}")
            continue
        try:
            result = await answer(asked.question, conversation, knowledge, model,
                                  max_chars=settings.max_question_chars, kind=asked.kind)
        except BadQuestion as exc:
            print(f"parley> {exc}")
            continue
        text = render_parts(result, knowledge)[0]
        conversation.remember(result, text)
        print(f"parley> {text}")

