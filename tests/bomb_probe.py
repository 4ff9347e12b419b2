"""Run by ``tests/test_knowledge_bombs.py`` in a child process with a memory and CPU limit, so a loader that
regresses on a bomb (a segfault, gigabytes of aliases, a read that never ends) fails that test instead of
taking the test run, or the machine, down with it.

    python tests/bomb_probe.py GOOD_FOLDER BOMB_PATH NAME_IN_FOLDER

With the bot's service running on GOOD_FOLDER (the last good knowledge), the bomb is moved into the folder
as NAME_IN_FOLDER; the watcher polls; a question is asked; then ``check`` runs as a fresh start would.
Prints one JSON object with what happened.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli import main as cli_main
from bot.service import Parley
from bot.settings import Settings
from bot.store import Where


async def probe(folder: Path, bomb: Path, name: str) -> dict[str, object]:
    settings = Settings(_env_file=None, knowledge_dir=folder, db_path=folder.parent / "probe.sqlite3",
                        knowledge_poll_seconds=0)
    parley = await Parley.start(settings)
    try:
        before = parley.knowledge.version
        os.rename(bomb, folder / name)  # a rename moves a link or a pipe as it is, without reading it
        reload = await parley.live.poll()
        again = await parley.live.poll()
        reply = await parley.ask("Did Skripal die?", where=Where(source="cli"))
        result: dict[str, object] = {
            "polled": reload is not None,
            "ok": reload.ok if reload else None,
            "problems": reload.lines() if reload else [],
            "polled_again": again is not None,
            "live_before": before,
            "live_after": parley.knowledge.version,
            "answered_from": reply.knowledge.version,
            "answer": reply.text,
        }
    finally:
        await parley.close()
    return result


def check(folder: Path) -> dict[str, object]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli_main(["--knowledge", str(folder), "check"])
    return {"check_exit": code, "check_stderr": err.getvalue()}


if __name__ == "__main__":
    good, bomb_path, in_folder = sys.argv[1:4]
    seen = asyncio.run(probe(Path(good), Path(bomb_path), in_folder))
    print(json.dumps(seen | check(Path(good))))
