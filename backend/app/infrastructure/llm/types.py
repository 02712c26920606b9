"""Provider requests and responses, independent of any SDK."""

import logging
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OfflineBrief:
    """Structured facts the offline writer composes from; network providers read only the messages."""

    kind: str
    brief: str
    language: str
    business_name: str
    industry: str
    keywords: tuple[str, ...]
    forbidden_words: tuple[str, ...]
    max_chars: int | None
    variant: int
    attempt: int


@dataclass(frozen=True)
class ProviderJob:
    """One model call: the system and user messages, and the output token ceiling."""

    system: str
    user: str
    max_output_tokens: int
    offline: OfflineBrief


@dataclass(frozen=True)
class Completion:
    """A finished response with the ids and counts worth logging and storing."""

    text: str
    provider: str
    model: str
    response_id: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


@dataclass
class StreamUsage:
    """Filled in while a stream runs; complete once the stream is exhausted."""

    model: str
    response_id: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    # Set when the provider signalled the end (a finish reason, message_stop); a stream
    # that stops without it was cut off.
    finished: bool = False


@dataclass(frozen=True)
class OpenedStream:
    """A stream whose provider accepted the request: text deltas, then usage."""

    deltas: AsyncGenerator[str, None]
    usage: StreamUsage


class LLMProvider(Protocol):
    """A model provider; every method raises ProviderError subclasses on failure.

    `time_budget` is the seconds left before the call's deadline, passed on as the HTTP timeout.
    """

    name: str
    model: str

    async def complete(self, job: ProviderJob, time_budget: float) -> Completion:
        """Return the whole response."""
        ...

    async def open_stream(self, job: ProviderJob, time_budget: float) -> OpenedStream:
        """Start a streamed response and return once the provider has accepted the request."""
        ...

    async def aclose(self) -> None:
        """Release HTTP connections."""
        ...
