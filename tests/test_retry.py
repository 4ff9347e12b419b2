"""The retry policy's arithmetic: what it waits, and when it stops (the HTTP behaviour is in test_model_http)."""

from __future__ import annotations

import email.utils
import time

import pytest
from tenacity import RetryCallState

from bot.errors import ConfigError
from bot.llm.adapter import OpenAIModel
from bot.llm.retry import BadOutput, RetryPolicy, Transient, retry_after


@pytest.mark.parametrize(("headers", "seconds"), [
    ({"retry-after": "2"}, 2.0), ({"retry-after": "0.5"}, 0.5), ({"retry-after-ms": "150"}, 0.15),
    ({"retry-after-ms": "150", "retry-after": "9"}, 0.15),  # the finer one wins, as OpenAI's client does
    ({"retry-after": "soon"}, None), ({}, None), (None, None), ({"retry-after": "-3"}, 0.0),
])
def test_retry_after_headers(headers, seconds) -> None:
    assert retry_after(headers) == seconds


def test_retry_after_as_an_http_date() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    waited = retry_after({"retry-after": when})
    assert waited is not None and 28 <= waited <= 31


def state_after(exc: BaseException, attempt: int, elapsed: float) -> RetryCallState:
    state = RetryCallState(retry_object=None, fn=None, args=(), kwargs={})  # type: ignore[arg-type]
    state.attempt_number = attempt
    state.start_time -= elapsed
    state.set_exception((type(exc), exc, None))
    state.outcome_timestamp = state.start_time + elapsed
    return state


def test_the_wait_honours_retry_after_but_never_past_the_deadline() -> None:
    policy = RetryPolicy(attempts=5, deadline=10.0, timeout=5.0)
    assert policy.wait(state_after(Transient("429", retry_after=2.0), 1, elapsed=1.0)) == 2.0
    assert policy.wait(state_after(Transient("429", retry_after=60.0), 1, elapsed=7.0)) == pytest.approx(3.0)


def test_backoff_is_jittered_exponential_and_bad_output_retries_at_once() -> None:
    policy = RetryPolicy(attempts=5, deadline=100.0, timeout=20.0, backoff=0.5, max_backoff=8.0)
    waits = [policy.wait(state_after(Transient("500"), 3, elapsed=0.0)) for _ in range(200)]
    assert all(0 <= w <= 2.0 for w in waits) and len(set(waits)) > 100  # 0.5 · 2² = 2 s at most, spread out
    assert policy.wait(state_after(BadOutput("not JSON"), 2, elapsed=0.0)) == 0.0


def test_the_call_budget_is_the_timeout_or_what_is_left() -> None:
    policy = RetryPolicy(attempts=3, deadline=10.0, timeout=4.0)
    now = time.monotonic()
    assert policy.budget(now) == pytest.approx(4.0, abs=0.01)
    assert policy.budget(now - 8.0) == pytest.approx(2.0, abs=0.01)
    assert policy.budget(now - 20.0) == 0.0


async def test_settings_bound_the_policy(model_settings) -> None:
    model = OpenAIModel.from_settings(model_settings.model_copy(update={"openai_base_url": "http://127.0.0.1:9/v1"}))
    assert (model.policy.attempts, model.policy.deadline, model.policy.timeout) == (3, 2.5, 1.0)
    await model.aclose()


def test_no_model_configured_is_a_one_line_config_error(model_settings) -> None:
    with pytest.raises(ConfigError, match=r"set OPENAI_API_KEY, or OPENAI_BASE_URL .* offline"):
        OpenAIModel.from_settings(model_settings)


def test_the_bounds_admit_a_small_model_on_a_cpu(model_settings) -> None:
    """A 1.5B model on 2 cores takes minutes to read a prompt cold: the bounds let an operator wait for it,
    up to the 15 minutes a Discord interaction can still be answered in."""
    from pydantic import ValidationError

    from bot.settings import Settings

    local = Settings(_env_file=None, model_timeout=240, model_deadline=600, model_attempts=2, context_tokens=3000)
    assert (local.model_timeout, local.model_deadline, local.context_tokens) == (240, 600, 3000)
    for too_much in ({"model_timeout": 601}, {"model_deadline": 841}, {"context_tokens": 1000}):
        with pytest.raises(ValidationError):
            Settings.model_validate(too_much)
