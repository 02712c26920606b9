"""Anthropic messages through the official `anthropic` SDK."""

import logging
from collections.abc import AsyncGenerator, AsyncIterator

import anthropic
from anthropic import AsyncAnthropic
from anthropic.types import RawMessageStreamEvent

from app.infrastructure.llm.errors import ProviderError, ProviderServerError, ProviderTimeoutError
from app.infrastructure.llm.status import classify_status
from app.infrastructure.llm.types import Completion, OpenedStream, ProviderJob, StreamUsage

logger = logging.getLogger(__name__)


class AnthropicProvider:
    """Messages API at `base_url` with a system prompt and one user turn."""

    name = "anthropic"

    def __init__(self, api_key: str, base_url: str, model: str, timeout: float) -> None:
        self.model = model
        # Retries are the content service's job, with its own limits; the SDK must not add more.
        self._client = AsyncAnthropic(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0)

    async def complete(self, job: ProviderJob, time_budget: float) -> Completion:
        """Return the whole text of one message."""
        try:
            message = await self._client.messages.create(
                model=self.model,
                system=job.system,
                messages=[{"role": "user", "content": job.user}],
                max_tokens=job.max_output_tokens,
                timeout=time_budget,
            )
        except anthropic.APIError as error:
            raise _translate(error) from error
        text = "".join(block.text for block in message.content if block.type == "text")
        return Completion(
            text=text,
            provider=self.name,
            model=message.model or self.model,
            response_id=message.id,
            prompt_tokens=message.usage.input_tokens,
            completion_tokens=message.usage.output_tokens,
        )

    async def open_stream(self, job: ProviderJob, time_budget: float) -> OpenedStream:
        """Start a streamed message; token counts come in the start and delta events."""
        try:
            stream = await self._client.messages.create(
                model=self.model,
                system=job.system,
                messages=[{"role": "user", "content": job.user}],
                max_tokens=job.max_output_tokens,
                stream=True,
                timeout=time_budget,
            )
        except anthropic.APIError as error:
            raise _translate(error) from error
        usage = StreamUsage(model=self.model)
        return OpenedStream(deltas=_deltas(stream, usage), usage=usage)

    async def aclose(self) -> None:
        """Close the SDK's HTTP client."""
        await self._client.close()


async def _deltas(
    stream: AsyncIterator[RawMessageStreamEvent], usage: StreamUsage
) -> AsyncGenerator[str, None]:
    """Yield text deltas and record ids and token counts as the events arrive."""
    try:
        async for event in stream:
            if event.type == "message_start":
                usage.response_id = event.message.id
                usage.model = event.message.model or usage.model
                usage.prompt_tokens = event.message.usage.input_tokens
            elif event.type == "content_block_delta" and event.delta.type == "text_delta":
                yield event.delta.text
            elif event.type == "message_delta":
                usage.completion_tokens = event.usage.output_tokens
            elif event.type == "message_stop":
                usage.finished = True
    except anthropic.APIError as error:
        raise _translate(error) from error


def _translate(error: anthropic.APIError) -> ProviderError:
    """Map an SDK exception onto the provider-neutral errors."""
    if isinstance(error, anthropic.APITimeoutError):
        return ProviderTimeoutError("provider timed out")
    if isinstance(error, anthropic.APIStatusError):
        return classify_status(error.status_code, error.response.headers, error.body, error.request_id)
    return ProviderServerError(f"provider connection failed: {type(error).__name__}")
