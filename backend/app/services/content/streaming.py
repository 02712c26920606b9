"""Server-sent events: text deltas as they arrive, then the stored ids, or an error event."""

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import asdict

import psycopg

from app.core.errors import BadGatewayError, DomainError, domain_error_from_database
from app.core.security.tokens import TokenIdentity
from app.services.content.dependencies import ContentDependencies
from app.services.content.generation import MAX_ATTEMPTS
from app.services.content.output import ParsedOutput, parse_output
from app.services.content.quota import release_generations
from app.services.content.request import GenerationRequest, PreparedGeneration, prepare_generation
from app.services.content.review import Review, review_response
from app.services.content.store import StoredVariant, VariantResult, store_variants
from app.services.content.stream_attempt import StreamAttempt, attempt_pieces, open_attempt

logger = logging.getLogger(__name__)


def sse_event(event: str, data: object) -> bytes:
    """Encode one event; JSON data never contains a raw newline, so one `data:` line suffices."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def start_stream(
    deps: ContentDependencies, identity: TokenIdentity, request: GenerationRequest
) -> AsyncIterator[bytes]:
    """Run the checks and open the first provider stream, so early failures keep their HTTP status.

    Raises:
        DomainError: as generate_content, when it happens before the first byte is sent.
    """
    prepared = await prepare_generation(deps, identity, request)
    try:
        first = await open_attempt(deps, prepared, 1, 1, None)
    except BaseException:
        await asyncio.shield(release_generations(deps.db, prepared.reservation))
        raise
    return _events(deps, prepared, first)


async def _events(
    deps: ContentDependencies, prepared: PreparedGeneration, first: StreamAttempt
) -> AsyncIterator[bytes]:
    """Yield the events of every variant, store the results, and end with `done` or `error`."""
    stored: list[StoredVariant] = []
    results: list[VariantResult] = []
    try:
        for variant in range(1, prepared.request.variants + 1):
            opening = first if variant == 1 else None
            async for event in _variant_events(deps, prepared, variant, opening, results):
                yield event
        stored = await store_variants(
            deps.db,
            target=prepared.target,
            kind=prepared.request.kind,
            language=prepared.language,
            brief=prepared.request.brief,
            results=results,
        )
        yield sse_event("done", done_payload(stored))
    except DomainError as error:
        logger.warning(
            "Stream for client %s failed with %d", prepared.target.context.client_id, error.status_code
        )
        yield sse_event("error", {"status": error.status_code, "detail": error.detail})
    except Exception as error:
        # The status line was sent long ago, so an unexpected failure can only end the stream with an event.
        mapped = domain_error_from_database(error) if isinstance(error, psycopg.Error) else None
        logger.error(
            "Stream for client %s failed unexpectedly: %s",
            prepared.target.context.client_id,
            error,
            exc_info=error,
        )
        status, detail = (
            (mapped.status_code, mapped.detail) if mapped else (500, "An unexpected error occurred")
        )
        yield sse_event("error", {"status": status, "detail": detail})
    finally:
        if not stored:
            await asyncio.shield(release_generations(deps.db, prepared.reservation))


async def _variant_events(
    deps: ContentDependencies,
    prepared: PreparedGeneration,
    variant: int,
    opening: StreamAttempt | None,
    results: list[VariantResult],
) -> AsyncIterator[bytes]:
    """Stream one variant, with one rewrite after a `retry` event; append its result to `results`."""
    feedback: str | None = None
    prompt_tokens = completion_tokens = 0
    for number in range(1, MAX_ATTEMPTS + 1):
        attempt = opening or await open_attempt(deps, prepared, variant, number, feedback)
        opening = None
        async for piece in attempt_pieces(attempt, deps.prompts.canary):
            yield sse_event("delta", {"variant": variant, "text": piece})
        usage = attempt.opened.usage
        prompt_tokens += usage.prompt_tokens or 0
        completion_tokens += usage.completion_tokens or 0
        parsed = parse_output(prepared.request.kind, attempt.text, prepared.target.platform)
        review = _review(deps, prepared, attempt, parsed)
        if review.clean or number == MAX_ATTEMPTS:
            break
        feedback = review.feedback()
        logger.warning("Streamed response for variant %d rejected, requesting a rewrite", variant)
        yield sse_event("retry", {"variant": variant, "reason": feedback})

    if review.leaked:
        raise BadGatewayError("The model response repeated its confidential instructions; nothing was stored")
    if not parsed.text:
        raise BadGatewayError("The model returned an empty response; nothing was stored")
    results.append(
        VariantResult(
            variant=variant,
            output=parsed,
            provider=prepared.provider.name,
            model=usage.model,
            prompt_tokens=prompt_tokens or None,
            completion_tokens=completion_tokens or None,
            warnings=tuple(parsed.notes + review.warnings()),
        )
    )


def _review(
    deps: ContentDependencies, prepared: PreparedGeneration, attempt: StreamAttempt, parsed: ParsedOutput
) -> Review:
    """Review a streamed response, counting a leak found mid-stream although the text stopped there."""
    review = review_response(
        parsed=parsed,
        raw=attempt.text,
        system=attempt.system,
        canary=deps.prompts.canary,
        forbidden=prepared.target.context.forbidden_words,
        kind=prepared.request.kind,
        platform=prepared.target.platform,
    )
    if attempt.leaked and not review.leaked:
        return Review(leaked=True, forbidden=review.forbidden, length=review.length, limit=review.limit)
    return review


def done_payload(stored: list[StoredVariant]) -> dict[str, object]:
    """Build the last event: the stored ids and each variant's typed output and warnings."""
    return {
        "content_id": str(stored[0].id),
        "content_ids": [str(item.id) for item in stored],
        "items": [
            {
                "id": str(item.id),
                "variant": item.result.variant,
                "text": item.result.output.text,
                "hashtags": item.result.output.hashtags,
                "ideas": [asdict(idea) for idea in item.result.output.ideas]
                if item.result.output.ideas
                else None,
                "warnings": list(item.result.warnings),
            }
            for item in stored
        ],
    }
