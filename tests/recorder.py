"""Recorded model replies: one readable YAML file per request, replayed with no network.

``Recorder`` is an httpx2 transport handed to the openai client (Parley's client is injected, so nothing
is patched). Each test that uses the ``recorded_client`` fixture owns a folder,
``tests/recordings/<test module>/<test name>/``, holding ``01.yaml``, ``02.yaml``… — one request and its
response each, in the order the test makes them. Three modes:

- replay (default): a request is answered by the first unplayed recording whose method, endpoint and JSON
  body equal it; with none, the test fails naming the file to create and the nearest recording's diff;
- record (``pytest --record`` or ``PARLEY_RECORD=1``, with ``OPENAI_API_KEY``): requests go to the live
  model and the test's folder is rewritten, ``origin: recorded``;
- refresh (``pytest --refresh-recordings``): for hand-written recordings after a prompt or knowledge change,
  each request is written into the next hand-written file in order, keeping the hand-written response.

Why not vcrpy: vcrpy could store structured bodies with a custom serializer, but one file per request,
an error that names the file to create, the order-based refresh of hand-written files and the origin
field each needed a hook into its internals (persister, matcher, pytest wrapper). This transport does the
four plainly; pytest-recording still provides ``--block-network``.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import httpx2
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

RECORDINGS = Path(__file__).parent / "recordings"
# Only these headers are kept: the rest is noise (dates, ids, cookies) or a secret (authorization).
REQUEST_HEADERS = ("content-type",)
RESPONSE_HEADERS = ("content-type", "retry-after", "retry-after-ms")
Mode = Literal["replay", "record", "refresh"]
RECORDED = "Recorded from a live model by `./dev record` (tests/README.md). Re-record rather than edit."


class MissingRecording(AssertionError):
    """Not an httpx error, so the openai client and Parley's retry policy let it through untouched."""


@dataclass
class Recording:
    path: Path
    data: CommentedMap
    played: bool = False

    @property
    def origin(self) -> str:
        return str(self.data.get("origin", ""))

    def matches(self, method: str, endpoint: str, body: Any) -> bool:
        req = self.data.get("request") or {}
        return req.get("method") == method and req.get("path") == endpoint and _plain(req.get("body")) == body


def yaml() -> YAML:
    y = YAML()  # round-trip: a refresh keeps the comments people wrote in hand-written files
    y.width = 110
    y.indent(mapping=2, sequence=4, offset=2)
    return y


class Recorder(httpx2.AsyncBaseTransport):
    def __init__(self, folder: Path, test: str, mode: Mode = "replay", *, base_path: str = "/v1",
                 upstream: httpx2.AsyncBaseTransport | None = None, secrets: tuple[str, ...] = ()) -> None:
        self.folder, self.test, self.mode, self.base_path = folder, test, mode, base_path
        self.upstream = upstream
        self.secrets = tuple(s for s in secrets if s)
        self.misses: list[str] = []
        self.written: list[Path] = []
        if mode == "record":
            for old in folder.glob("*.yaml"):
                old.unlink()
            self.recordings: list[Recording] = []
        else:
            self.recordings = [Recording(p, yaml().load(p.read_text(encoding="utf-8")))
                               for p in sorted(folder.glob("*.yaml"))]

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        await request.aread()
        body = json.loads(request.content) if request.content else None
        endpoint = request.url.path.removeprefix(self.base_path)
        if self.mode == "record":
            return await self._record(request, endpoint, body)
        found = next((r for r in self.recordings if not r.played and r.matches(request.method, endpoint, body)),
                     None)
        if found is None and self.mode == "refresh":
            found = self._refresh(request.method, endpoint, body)
        if found is None:
            message = self._missing(request.method, endpoint, body)
            self.misses.append(message)
            raise MissingRecording(message)
        found.played = True
        return _response(found.data["response"])

    async def aclose(self) -> None:
        if self.upstream is not None:
            await self.upstream.aclose()

    def unplayed(self) -> list[Path]:
        return [r.path for r in self.recordings if not r.played]

    # --- replay ---------------------------------------------------------------------------------------

    def _next_path(self) -> Path:
        return self.folder / f"{len(self.recordings) + 1:02d}.yaml"

    def _missing(self, method: str, endpoint: str, body: Any) -> str:
        played = sum(r.played for r in self.recordings)
        want = self.folder / f"{played + 1:02d}.yaml"
        lines = [f"no recording matches request {played + 1} of {self.test} ({method} {endpoint}).",
                 f"  It belongs in {_rel(want)}: record it from a live model with",
                 f"    OPENAI_API_KEY=… ./dev record {self.test}",
                 "  or, for a hand-written reply, write its response there (tests/README.md) and run",
                 f"    .venv/bin/python -m pytest --refresh-recordings {self.test}"]
        nearest = next((r for r in self.recordings if not r.played), None)
        if nearest is not None and not nearest.data.get("request"):
            lines.append(f"  {_rel(nearest.path)} has a response but no request yet: run the refresh above.")
        elif nearest is not None:
            old = _dump((nearest.data.get("request") or {}).get("body"))
            new = _dump(body)
            diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), _rel(nearest.path),
                                             "this request", n=1, lineterm=""))
            lines += ["  How it differs from the next unplayed recording:", *("    " + d for d in diff[:40])]
            if len(diff) > 40:
                lines.append(f"    … {len(diff) - 40} more diff lines")
        return "\n".join(lines)

    # --- refresh (hand-written recordings) -------------------------------------------------------------

    def _refresh(self, method: str, endpoint: str, body: Any) -> Recording | None:
        found = next((r for r in self.recordings if not r.played), None)
        if found is None or found.origin != "hand-written":
            return None  # recorded replies are re-recorded, never re-pointed at a request they did not answer
        found.data["request"] = _request_map(method, endpoint, {"content-type": "application/json"}, body)
        found.data.move_to_end("response")
        self._write(found.path, found.data)
        return found

    # --- record ---------------------------------------------------------------------------------------

    async def _record(self, request: httpx2.Request, endpoint: str, body: Any) -> httpx2.Response:
        assert self.upstream is not None, "recording needs an upstream transport"
        live = await self.upstream.handle_async_request(request)
        content = await live.aread()
        await live.aclose()
        headers = {k: v for k, v in live.headers.items() if k.lower() in RESPONSE_HEADERS}
        data = CommentedMap()
        data["origin"] = "recorded"
        data["test"] = self.test
        data["request"] = _request_map(request.method, endpoint, dict(request.headers), body)
        data["response"] = _response_map(live.status_code, headers, content)
        data.yaml_set_start_comment(RECORDED)
        path = self._next_path()
        self.recordings.append(Recording(path, data, played=True))
        self._write(path, data)
        return httpx2.Response(live.status_code, headers=headers, content=content)

    def _write(self, path: Path, data: CommentedMap) -> None:
        out = io.StringIO()
        yaml().dump(data, out)
        text = out.getvalue()
        for secret in self.secrets:
            if secret in text:
                raise AssertionError(f"refusing to write {_rel(path)}: it would contain a credential")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.written.append(path)


# --- the file format ------------------------------------------------------------------------------------


def _request_map(method: str, endpoint: str, headers: dict[str, str], body: Any) -> CommentedMap:
    req = CommentedMap()
    req["method"] = method
    req["path"] = endpoint
    req["headers"] = {k.lower(): v for k, v in headers.items() if k.lower() in REQUEST_HEADERS}
    req["body"] = _readable(body)
    return req


def _response_map(status: int, headers: dict[str, str], content: bytes) -> CommentedMap:
    resp = CommentedMap()
    resp["status"] = status
    resp["headers"] = {k.lower(): v for k, v in headers.items()}
    try:
        body = json.loads(content)
    except ValueError:
        resp["body_text"] = _readable(content.decode("utf-8", "replace"))
        return resp
    # A reply's content is a JSON string; kept as a mapping here so a person can read and write it.
    for choice in body.get("choices", []) if isinstance(body, dict) else []:
        message = choice.get("message") or {}
        if isinstance(message.get("content"), str):
            try:
                parsed = json.loads(message["content"])
            except ValueError:
                continue
            if isinstance(parsed, dict):
                message["content"] = parsed
    resp["body"] = _readable(body)
    return resp


def _response(data: Any) -> httpx2.Response:
    data = _plain(data)
    headers = {k: str(v) for k, v in (data.get("headers") or {}).items()}
    if "body_text" in data:
        content = str(data["body_text"]).encode()
    else:
        body = data.get("body")
        for choice in body.get("choices", []) if isinstance(body, dict) else []:
            message = choice.get("message") or {}
            if isinstance(message.get("content"), dict | list):
                message["content"] = json.dumps(message["content"], ensure_ascii=False)
        content = json.dumps(body, ensure_ascii=False).encode()
    headers.setdefault("content-type", "application/json")
    return httpx2.Response(int(data.get("status", 200)), headers=headers, content=content)


def _readable(value: Any) -> Any:
    """Multi-line strings as literal blocks (|), so prompts read as text rather than one escaped line."""
    if isinstance(value, dict):
        return {k: _readable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_readable(v) for v in value]
    if isinstance(value, str) and "\n" in value and not re.search(r"[ \t]\n|[\x00-\x08\x0b-\x1f]", value):
        return LiteralScalarString(value)
    return value


def _plain(value: Any) -> Any:
    """ruamel's round-trip types as plain dicts, lists and strs, for comparing with a request body."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _dump(value: Any) -> str:
    out = io.StringIO()
    yaml().dump(_readable(_plain(value)), out)
    return out.getvalue()


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(RECORDINGS.parent.parent))
    except ValueError:
        return str(path)


# --- policing: every recording belongs to a test that exists ----------------------------------------------


FIXTURES = {"recorded_client", "recorded_model"}  # the conftest fixtures that replay recordings


def _uses_recordings(fn: Any, functions: dict[str, Any]) -> bool:
    """The test takes a recording fixture, or a fixture of its module that does (one level is enough)."""
    args = {a.arg for a in fn.args.args}
    return bool(args & FIXTURES) or any(
        {a.arg for a in functions[name].args.args} & FIXTURES for name in args if name in functions)


def orphans(root: Path = RECORDINGS) -> list[str]:
    """Recording files no test can use: a wrong place, a missing module, or a test that no longer exists."""
    import ast

    problems = []
    for path in sorted(root.rglob("*")):
        if path.is_dir() or path.name == "README.md":
            continue
        rel = path.relative_to(root)
        if len(rel.parts) != 3 or not re.fullmatch(r"\d\d\.yaml", rel.name):
            problems.append(f"{_rel(path)}: not of the form <module>/<test>/NN.yaml")
            continue
        module = root.parent / f"{rel.parts[0]}.py"
        test = rel.parts[1].split("[", 1)[0]
        if not module.is_file():
            problems.append(f"{_rel(path)}: no test module {module.name}")
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
        if test not in functions:
            problems.append(f"{_rel(path)}: {module.name} has no test {test}")
        elif not _uses_recordings(functions[test], functions):
            problems.append(f"{_rel(path)}: {test} does not use recorded_client or recorded_model")
    return problems
