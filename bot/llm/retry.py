"""The one retry policy for model calls: bounded in attempts and in total time, jittered, ``Retry-After``
honoured.

The openai client's own retries are switched off (``max_retries=0``) wherever Parley builds or receives
a client, so an error is retried here or nowhere: two layers retrying the same error would multiply the
attempts (3 × 3 = 9 calls) and blow the deadline a channel is waiting on.

What is retried, and how long it waits first:
- ``Transient`` (rate limits, timeouts, connection errors, 5xx — not a 4xx, which fails again): the
  server's ``Retry-After`` / ``retry-after-ms`` when it sends one, else full-jitter exponential backoff;
- ``BadOutput`` (not JSON, wrong shape, refused, truncated): at once — the
  server is fine, the reply was not.
Every wait is capped to the time left; when the wait would use up the deadline, the policy stops instead
of sleeping into it, and the caller falls back to the offline answer.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    stop_any,
)
from tenacity.stop import stop_base

from bot.core.answer import Usage

log = logging.getLogger("parley.model")


class Transient(Exception):
    """The server could not answer this time (rate-limited, slow, unreachable, 5xx): worth another try."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class BadOutput(Exception):
    """The model answered, but not with a usable draft: worth another try at once. ``usage``: what the
    unusable reply cost, when its body said."""

    def __init__(self, reason: str, reasons: list[str] | None = None, usage: Usage | None = None) -> None:
        super().__init__(reason)
        self.reasons = reasons or [reason]
        self.usage = usage


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds the server asks us to wait: ``retry-after-ms``, ``retry-after`` in seconds or an HTTP date."""
    if not headers:
        return None
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / scale
        except ValueError:
            try:  # Retry-After may also be an HTTP date
                seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError):
                continue
        if seconds == seconds:  # NaN is no answer
            return max(0.0, seconds)
    return None


@dataclass(frozen=True)
class RetryPolicy:
    """Built from ``Settings`` (``PARLEY_MODEL_ATTEMPTS``, ``_DEADLINE``, ``_TIMEOUT``), which own the defaults."""

    attempts: int
    deadline: float  # seconds for all attempts and waits together
    timeout: float  # seconds for one call (shortened to what is left of the deadline)
    backoff: float = 0.5  # the first backoff's upper bound; doubles each time, jittered
    max_backoff: float = 8.0

    def budget(self, started: float) -> float:
        """The timeout for the next call: the per-call timeout, or what is left of the deadline if less."""
        return max(0.0, min(self.timeout, self.deadline - (time.monotonic() - started)))

    def left(self, started: float) -> float:
        return max(0.0, self.deadline - (time.monotonic() - started))

    def wait(self, state: RetryCallState, started: float | None = None) -> float:
        exc = state.outcome.exception() if state.outcome else None
        since = state.seconds_since_start or 0.0
        left = self.left(started) if started is not None else max(0.0, self.deadline - since)
        if isinstance(exc, BadOutput):
            return 0.0
        if isinstance(exc, Transient) and exc.retry_after is not None:
            return min(exc.retry_after, left)
        # Full jitter: uniform in [0, backoff·2^(n-1)], so many questions hitting one rate limit spread out.
        ceiling = min(self.max_backoff, self.backoff * 2 ** (state.attempt_number - 1))
        return min(random.uniform(0, ceiling), left)

    def retrying(self, started: float) -> AsyncRetrying:
        """Attempts for one draft. ``started``: when the question began, so the deadline also covers a
        correction asked for after the first draft."""

        return AsyncRetrying(
            stop=stop_any(stop_after_attempt(self.attempts), _OutOfTime(self, started)),
            wait=lambda state: self.wait(state, started),
            retry=retry_if_exception_type((Transient, BadOutput)),
            before_sleep=_log_retry,
            reraise=True,
        )


class _OutOfTime(stop_base):
    """Stop when the coming wait would reach the deadline, rather than sleep into it and have no time left
    for the call."""

    def __init__(self, policy: RetryPolicy, started: float) -> None:
        self.policy, self.started = policy, started

    def __call__(self, retry_state: RetryCallState) -> bool:
        return (retry_state.upcoming_sleep or 0.0) >= self.policy.left(self.started)


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    wait = state.upcoming_sleep
    log.warning("model attempt %d failed (%s); retrying in %.2f s", state.attempt_number, exc, wait)
