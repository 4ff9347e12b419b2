"""The recordings police themselves, and tests cannot reach the network."""

from __future__ import annotations

import json
import socket

import httpx2
import pytest
from ruamel.yaml import YAML

from tests.recorder import RECORDINGS, MissingRecording, Recorder, orphans

SECRET = "sk-test-0123456789abcdef"
BODY = {"model": "m", "messages": [{"role": "system", "content": "line one\nline two\n"},
                                   {"role": "user", "content": "Why?"}]}
REPLY = {"id": "c1", "object": "chat.completion", "created": 1, "model": "m",
         "choices": [{"index": 0, "finish_reason": "stop",
                      "message": {"role": "assistant", "content": json.dumps({"lead": "x", "in_scope": True})}}],
         "usage": {"prompt_tokens": 10, "completion_tokens": 2, "total_tokens": 12}}


def live(request: httpx2.Request) -> httpx2.Response:
    assert request.headers["authorization"] == f"Bearer {SECRET}"
    return httpx2.Response(200, json=REPLY, headers={"x-request-id": "req_1", "set-cookie": "a=b",
                                                     "openai-organization": "org-secret"})


async def send(recorder: Recorder, body: dict = BODY) -> httpx2.Response:
    async with httpx2.AsyncClient(transport=recorder) as client:
        return await client.post("https://api.openai.com/v1/chat/completions", json=body,
                                 headers={"Authorization": f"Bearer {SECRET}"})


def test_no_recording_is_orphaned() -> None:
    assert orphans() == [], "delete the recordings no test uses, or rename them with the test"


def test_an_orphan_is_found(tmp_path) -> None:
    root = tmp_path / "recordings"
    (tmp_path / "test_x.py").write_text("async def test_kept(recorded_client): ...\ndef test_plain(): ...\n")
    for rel in ("test_x/test_kept/01.yaml", "test_x/test_gone/01.yaml", "test_x/test_plain/01.yaml",
                "test_y/test_a/01.yaml", "test_x/stray.yaml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("origin: hand-written\n")
    found = "\n".join(orphans(root))
    assert "test_kept" not in found
    assert "has no test test_gone" in found and "test_plain does not use recorded_client or recorded_model" in found
    assert "no test module test_y.py" in found and "stray.yaml: not of the form" in found


async def test_recording_keeps_bodies_readable_and_no_secret(tmp_path) -> None:
    recorder = Recorder(tmp_path, "tests/t.py::test_t", "record", upstream=httpx2.MockTransport(live),
                        secrets=(SECRET,))
    response = await send(recorder)
    assert response.json() == REPLY
    text = (tmp_path / "01.yaml").read_text(encoding="utf-8")
    assert SECRET not in text and "authorization" not in text.lower()
    assert "set-cookie" not in text and "org-secret" not in text and "x-request-id" not in text
    data = YAML(typ="safe").load(text)
    assert data["origin"] == "recorded" and data["request"]["body"] == BODY
    assert data["response"]["body"]["choices"][0]["message"]["content"] == {"lead": "x", "in_scope": True}
    assert "content: |\n" in text, "multi-line text is a literal block, not an escaped one-liner"
    assert text.startswith("# Recorded from a live model")

    replay = Recorder(tmp_path, "tests/t.py::test_t")
    again = await send(replay)
    assert again.json() == REPLY and replay.unplayed() == []


async def test_a_request_without_a_recording_fails_naming_the_file(tmp_path) -> None:
    recorder = Recorder(tmp_path / "test_t", "tests/t.py::test_t")
    with pytest.raises(MissingRecording, match=r"test_t/01\.yaml.*\n.*dev record tests/t\.py::test_t"):
        await send(recorder)


async def test_a_changed_request_shows_the_difference(tmp_path) -> None:
    await send(Recorder(tmp_path, "tests/t.py::test_t", "record", upstream=httpx2.MockTransport(live)))
    changed = {**BODY, "messages": [BODY["messages"][0], {"role": "user", "content": "Why not?"}]}
    with pytest.raises(MissingRecording, match=r"(?s)differs.*-\s+content: Why\?.*\+\s+content: Why not\?"):
        await send(Recorder(tmp_path, "tests/t.py::test_t"), changed)


async def test_refresh_rewrites_hand_written_requests_only(tmp_path) -> None:
    hand = tmp_path / "hand"
    hand.mkdir()
    (hand / "01.yaml").write_text("# kept\norigin: hand-written\nresponse:\n  status: 200\n  body:\n"
                                  "    choices: []\n", encoding="utf-8")
    await send(Recorder(hand, "tests/t.py::test_t", "refresh"))
    text = (hand / "01.yaml").read_text(encoding="utf-8")
    assert text.startswith("# kept") and text.index("request:") < text.index("response:")
    assert YAML(typ="safe").load(text)["request"]["body"] == BODY

    recorded = tmp_path / "recorded"
    await send(Recorder(recorded, "t", "record", upstream=httpx2.MockTransport(live)))
    with pytest.raises(MissingRecording):
        await send(Recorder(recorded, "t", "refresh"), {**BODY, "model": "other"})


def test_the_network_is_blocked() -> None:
    with socket.socket() as sock, pytest.raises(RuntimeError, match="Network is disabled"):
        sock.connect(("203.0.113.1", 443))  # TEST-NET-3: never routable anyway


def test_recordings_live_under_tests() -> None:
    assert RECORDINGS.is_dir() and RECORDINGS.parent.name == "tests"
