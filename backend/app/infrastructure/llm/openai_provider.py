"""OpenAI-compatible chat completions through the official `openai` SDK.

Every server that speaks the protocol works: OpenAI, Groq, DeepSeek, Ollama, vLLM.
"""

import logging
from collections.abc import AsyncGenerator, AsyncIterator

import openai
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionChunk, ChatCompletionMessageParam

from app.infrastructure.llm.errors import ProviderError, ProviderServerError, ProviderTimeoutError
from app.infrastructure.llm.status import classify_status
from app.infrastructure.llm.types import Completion, OpenedStream, ProviderJob, StreamUsage

logger = logging.getLogger(__name__)


class OpenAICompatibleProvider:
    """Chat completions against any server that speaks OpenAI's protocol at `base_url`."""

    name = "openai"

    def __init__(self, api_key: str, base_url: str, model: str, timeout: float) -> None:
        self.model = model
        # Retries are the content service's job, with its own limits; the SDK must not add more.
        self._client = AsyncOpenAI(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0)

    async def complete(self, job: ProviderJob, time_budget: float) -> Completion:
        """Return the whole text of one chat completion."""
        try:
            response = await self._client.chat.completions.create(
                model=self.model,
                messages=_messages(job),
                max_tokens=job.max_output_tokens,
                timeout=time_budget,
            )
        except openai.APIError as error:
            raise _translate(error) from error
        text = response.choices[0].message.content if response.choices else None
        if text is None:
            raise ProviderServerError("provider returned no text", 200, response.id)
        usage = response.usage
        return Completion(
            text=text,
            provider=self.name,
            model=response.model or self.model,
            response_id=response.id,
            prompt_tokens=usage.prompt_tokens if usage else None,
            completion_tokens=usage.completion_tokens if usage else None,
        )

    async def open_stream(self, job: ProviderJob, time_budget: float) -> OpenedStream:
        """Start a streamed chat completion; usage arrives in the last chunk when the server sends it."""
        try:
            stream = await self._client.chat.completions.create(
                model=self.model,
                messages=_messages(job),
                max_tokens=job.max_output_tokens,
                stream=True,
                stream_options={"include_usage": True},
                timeout=time_budget,
            )
        except openai.APIError as error:
            raise _translate(error) from error
        usage = StreamUsage(model=self.model)
        return OpenedStream(deltas=_deltas(stream, usage), usage=usage)

    async def aclose(self) -> None:
        """Close the SDK's HTTP client."""
        await self._client.close()


async def _deltas(
    stream: AsyncIterator[ChatCompletionChunk], usage: StreamUsage
) -> AsyncGenerator[str, None]:
    """Yield the text of each chunk and record ids and token counts as they arrive."""
    try:
        async for chunk in stream:
            usage.response_id = chunk.id or usage.response_id
            usage.model = chunk.model or usage.model
            if chunk.usage is not None:
                usage.prompt_tokens = chunk.usage.prompt_tokens
                usage.completion_tokens = chunk.usage.completion_tokens
            for choice in chunk.choices:
                if choice.delta.content:
                    yield choice.delta.content
                if choice.finish_reason is not None:
                    usage.finished = True
    except openai.APIError as error:
        raise _translate(error) from error


def _messages(job: ProviderJob) -> list[ChatCompletionMessageParam]:
    """System rules first, then the user message with the delimited data."""
    return [{"role": "system", "content": job.system}, {"role": "user", "content": job.user}]


def _translate(error: openai.APIError) -> ProviderError:
    """Map an SDK exception onto the provider-neutral errors."""
    if isinstance(error, openai.APITimeoutError):
        return ProviderTimeoutError("provider timed out")
    if isinstance(error, openai.APIStatusError):
        return classify_status(error.status_code, error.response.headers, error.body, error.request_id)
    return ProviderServerError(f"provider connection failed: {type(error).__name__}")
