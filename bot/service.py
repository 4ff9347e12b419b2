"""``Parley``: the one way a question is answered outside the CLI — by the Discord bot, or a soak run.

It holds what an answer needs (settings, the live knowledge, the optional model, the store) and the
conversations in progress, and does the same steps every time: answer on the *current* snapshot (the
engine composes, guards and flags), render, split into Discord-sized parts, record. Nothing in here knows
Discord; the cogs turn a ``Reply`` into messages.

Every write is awaited before ``ask`` returns (off the event loop, in the store's thread), so when the
caller gets a reply its record is committed, and ``close()`` leaves no task or statement behind.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.answer import Answer, Kind
from bot.core.conversation import Conversation
from bot.core.engine import answer
from bot.knowledge.live import LiveKnowledge
from bot.knowledge.schema import Knowledge
from bot.render import render_parts
from bot.settings import Settings
from bot.store import Store, Where

if TYPE_CHECKING:
    from bot.core.engine import Model

log = logging.getLogger("parley.service")

MAX_CONVERSATIONS = 1000  # threads whose history is kept in memory; older ones are read back from the store


@dataclass(frozen=True)
class Reply:
    """One answered question, ready to post."""

    answer: Answer
    text: str  # the whole rendered answer, as the CLI would print it
    parts: list[str]  # ``text`` split into messages Discord accepts (≤ 2,000 characters, ≤ MAX_MESSAGES), in order
    answer_id: int | None  # the store's id (None when the store is failing): posts and feedback point at it
    knowledge: Knowledge  # the snapshot it was answered from
    latency_ms: float


def model_from_settings(settings: Settings) -> Model | None:
    """The configured model, or None for offline mode."""
    if not settings.model_configured:
        return None
    from bot.llm.adapter import OpenAIModel  # the openai client is only imported when a model is configured

    return OpenAIModel.from_settings(settings)


class Parley:
    def __init__(self, settings: Settings, live: LiveKnowledge, store: Store, model: Model | None = None) -> None:
        self.settings = settings
        self.live = live
        self.store = store
        self.model = model
        self._conversations: OrderedDict[int, Conversation] = OrderedDict()
        self._closed = False

    @classmethod
    async def start(cls, settings: Settings, *, model: Model | None = None, watch: bool = False) -> Parley:
        """Open the store, load the knowledge (KnowledgeError if invalid), and optionally start the watcher.

        The returned service owns ``model`` (``close()`` closes it). Pass ``model_from_settings(settings)``
        for the configured one."""
        store = Store(settings.db_path, busy_timeout=settings.store_busy_timeout)
        try:
            await store.open()
            live = await LiveKnowledge.load(settings.knowledge_dir, store=store,
                                            poll_seconds=settings.knowledge_poll_seconds)
        except BaseException:
            await store.close()
            if model is not None:
                await model.aclose()
            raise
        if watch:
            live.start()
            # The long-running bot: a model that can read its prompt prefix ahead does so now, in the
            # background, so the first member's question does not pay for it (a CPU model: about a minute).
            warm_up = getattr(model, "warm_up", None)
            if callable(warm_up):
                warm_up(live.current)
        return cls(settings, live, store, model)

    @property
    def knowledge(self) -> Knowledge:
        return self.live.current

    async def ask(self, question: str, *, conversation: Conversation | None = None, where: Where,
                  kind: Kind | None = None) -> Reply:
        """Answer, render, split and record one question. Raises ``BadQuestion`` for an empty, over-long or
        mention-only question (nothing is recorded then). ``conversation``, when given, is used as history and
        gets this turn added."""
        knowledge = self.live.current  # one snapshot for the whole question, whatever a reload does meanwhile
        started = time.perf_counter()
        result = await answer(question, conversation, knowledge, self.model,
                              max_chars=self.settings.max_question_chars, kind=kind)
        text, parts = render_parts(result, knowledge)  # at most MAX_MESSAGES, whatever the answer's size
        latency_ms = (time.perf_counter() - started) * 1000
        if conversation is not None:
            conversation.remember(result, text)
        answer_id = await self.store.record_answer(result, text=text, latency_ms=latency_ms, where=where,
                                                   citations=result.citations(knowledge))
        return Reply(result, text, parts, answer_id, knowledge, latency_ms)

    # --- conversations

    def new_conversation(self) -> Conversation:
        return Conversation(self.settings.history_turns, self.settings.history_tokens)

    async def conversation(self, thread_id: int) -> Conversation:
        """The thread's conversation: from memory, or rebuilt from the store (e.g. after a restart)."""
        found = self._conversations.get(thread_id)
        if found is not None:
            self._conversations.move_to_end(thread_id)
            return found
        rebuilt = self.new_conversation()
        for turn in await self.store.recent_turns(thread_id, self.settings.history_turns):
            rebuilt.add(turn)
        # Another message in the same thread may have rebuilt it while we awaited: keep the first.
        return self.keep(thread_id, self._conversations.get(thread_id, rebuilt))

    async def conversation_after(self, message_id: int) -> Conversation:
        """A new conversation that continues from the answer ``message_id`` was part of (a reply to it)."""
        conversation = self.new_conversation()
        turn = await self.store.turn_for_message(message_id)
        if turn is not None:
            conversation.add(turn)
        return conversation

    def keep(self, thread_id: int, conversation: Conversation) -> Conversation:
        self._conversations[thread_id] = conversation
        self._conversations.move_to_end(thread_id)
        while len(self._conversations) > MAX_CONVERSATIONS:
            self._conversations.popitem(last=False)
        return conversation

    async def open_thread(self, reply: Reply, thread_id: int, conversation: Conversation) -> None:
        """The reply opened a thread: its conversation continues there, now and after a restart."""
        self.keep(thread_id, conversation)
        if reply.answer_id is not None:
            await self.store.attach_thread(reply.answer_id, thread_id)

    async def close(self) -> None:
        """Stop the watcher, close the model and the store (after their queued writes). Idempotent."""
        if self._closed:
            return
        self._closed = True
        await self.live.stop()
        try:
            if self.model is not None:
                await self.model.aclose()
        finally:
            await self.store.close()
