"""POST /content/generate-<kind>: one endpoint for every kind of content."""

import logging
from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import StreamingResponse

from app.api.deps import CurrentIdentity
from app.api.envelope import ApiResponse
from app.api.routes.content.dependencies import ContentDeps
from app.api.routes.content.models import GenerateRequest, GenerationResult
from app.api.routes.content.presenters import generation_result
from app.services.content.generation import generate_content
from app.services.content.kinds import ContentKind
from app.services.content.request import GenerationRequest
from app.services.content.streaming import start_stream

logger = logging.getLogger(__name__)

EVENT_STREAM = "text/event-stream"
STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}

router = APIRouter()


@router.post(
    "/generate-{kind}",
    response_model=ApiResponse[GenerationResult],
    responses={200: {"content": {EVENT_STREAM: {"description": "delta, retry, then done or error events"}}}},
)
async def generate(
    kind: ContentKind,
    body: GenerateRequest,
    identity: CurrentIdentity,
    deps: ContentDeps,
    accept: Annotated[str | None, Header()] = None,
) -> ApiResponse[GenerationResult] | StreamingResponse:
    """
    Write marketing content in the client's voice from its stored business context.

    Kinds: caption, post, hashtags, ideas, video-script, bio, ad, email. With
    `Accept: text/event-stream` the text streams as server-sent events
    (`delta`, `retry` before a rewrite, and a last `done` event with the stored
    ids, or `error`).

    Args:
        kind: what to write, from the path.
        body: client_id (required for an admin or the owner), social_account_id or
            platform, brief, language, variants (1-3) and extra_instructions.

    Returns:
        ApiResponse[GenerationResult] with one stored item per variant, or an event stream.

    Raises:
        HTTPException 400: client_id missing for an admin or owner, or platform contradicts the account.
        HTTPException 401: missing or invalid token.
        HTTPException 402: the subscription does not allow work.
        HTTPException 403: the caller may not act for that client.
        HTTPException 404: unknown client or social account.
        HTTPException 409: the client has no business context yet, or the account is inactive.
        HTTPException 422: invalid body.
        HTTPException 429: the monthly quota is used up; the message gives the reset date.
        HTTPException 502: the provider failed or rejected the request.
        HTTPException 503: the provider is rate limiting or out of quota, or no provider is configured.
        HTTPException 504: the provider timed out.
    """
    request = GenerationRequest(kind=kind, **body.model_dump())
    if accept and EVENT_STREAM in accept.lower():
        events = await start_stream(deps, identity, request)
        return StreamingResponse(events, media_type=EVENT_STREAM, headers=STREAM_HEADERS)

    outcome = await generate_content(deps, identity, request)
    logger.info(
        "Generated %d %s variant(s) for client %s", len(outcome.items), kind.stored_name, identity.client_id
    )
    return ApiResponse(data=generation_result(outcome), message=f"{len(outcome.items)} variant(s) generated")
