"""One streamed attempt: open the provider stream, then pass on text that is whole and leak-free."""

import asyncio
import functools
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from app.core.errors import BadGatewayError, GatewayTimeoutError
from app.infrastructure.llm.errors import ProviderError
from app.infrastructure.llm.types import OpenedStream
from app.services.content.dependencies import ContentDependencies
from app.services.content.output import LEAK_WINDOW_CHARS, leaks_system_prompt
from app.services.content.provider_calls import call_with_retries, provider_failure
from app.services.content.request import PreparedGeneration
from app.services.content.text_chunks import CharacterSafeJoiner

logger = logging.getLogger(__name__)


@dataclass
class StreamAttempt:
    """An opened provider stream with the system message it was sent and its deadline."""

    opened: OpenedStream
    system: str
    deadline: float
    text: str = ""
    leaked: bool = False


async def open_attempt(
    deps: ContentDependencies, prepared: PreparedGeneration, variant: int, attempt: int, feedback: str | None
) -> StreamAttempt:
    """Open one provider stream with the same retries as a plain call.

    Raises:
        DomainError: 502, 503 or 504 when the provider does not accept the request.
    """
    prompt = deps.prompts.build(prepared.target.context, prepared.prompt_request(variant), feedback)
    job = prepared.job(deps, prompt, variant, attempt)
    deadline = asyncio.get_running_loop().time() + deps.policy.timeout
    label = f"{prepared.provider.name}:{prepared.target.context.client_id}:v{variant}a{attempt}:stream"
    opened = await call_with_retries(
        functools.partial(prepared.provider.open_stream, job), deps.policy, deadline, label
    )
    return StreamAttempt(opened=opened, system=prompt.system, deadline=deadline)


async def attempt_pieces(attempt: StreamAttempt, canary: str) -> AsyncIterator[str]:
    """Yield the response in character-safe pieces; stop as soon as it repeats the system message.

    The last LEAK_WINDOW_CHARS characters are held back until more text (or
    the end) shows they are not the start of a leak, so no leaked window is
    ever sent. `attempt.text` ends up holding everything received.

    Raises:
        GatewayTimeoutError: the stream stalled past the call's deadline.
        DomainError: the provider failed in the middle of the stream.
    """
    joiner = CharacterSafeJoiner()
    sent = 0
    holdback = max(LEAK_WINDOW_CHARS, len(canary))
    try:
        async for piece in _deltas_until(attempt.opened, attempt.deadline):
            start = len(attempt.text)
            attempt.text += joiner.feed(piece)
            if leaks_system_prompt(attempt.text, attempt.system, canary, start):
                attempt.leaked = True
                return
            if len(attempt.text) - holdback > sent:
                yield attempt.text[sent : len(attempt.text) - holdback]
                sent = len(attempt.text) - holdback
    finally:
        await attempt.opened.deltas.aclose()

    start = len(attempt.text)
    attempt.text += joiner.flush()
    if leaks_system_prompt(attempt.text, attempt.system, canary, start):
        attempt.leaked = True
        return
    if len(attempt.text) > sent:
        yield attempt.text[sent:]


async def _deltas_until(opened: OpenedStream, deadline: float) -> AsyncIterator[str]:
    """Yield provider deltas while the deadline holds, as HTTP-level errors on failure."""
    try:
        while True:
            async with asyncio.timeout_at(deadline):
                delta = await anext(opened.deltas, None)
            if delta is None:
                break
            yield delta
    except TimeoutError as error:
        logger.error("Provider stream stalled past its deadline")
        raise GatewayTimeoutError("The model provider stopped responding; nothing was stored") from error
    except ProviderError as error:
        # A provider failure in the middle of a stream cannot be retried: text was already sent.
        logger.error(
            "Provider stream failed: %s, status %s, request id %s",
            type(error).__name__,
            error.status,
            error.request_id,
        )
        raise provider_failure(error) from error
    if not opened.usage.finished:
        logger.error("Provider stream %s ended before the provider finished it", opened.usage.response_id)
        raise BadGatewayError("The model provider cut its response off; nothing was stored")
