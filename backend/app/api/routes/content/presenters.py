"""Conversions from stored variants to response schemas."""

import logging

from app.api.routes.content.models import (
    GeneratedItem,
    GenerationResult,
    HashtagsOutput,
    IdeaOut,
    IdeasOutput,
    TextOutput,
)
from app.services.content.generation import GenerationOutcome
from app.services.content.store import StoredVariant

logger = logging.getLogger(__name__)


def generation_result(outcome: GenerationOutcome) -> GenerationResult:
    """Convert the stored variants of one request to the response schema."""
    return GenerationResult(items=[_item(outcome, item) for item in outcome.items])


def _item(outcome: GenerationOutcome, item: StoredVariant) -> GeneratedItem:
    """Convert one variant, with its typed output."""
    parsed = item.result.output
    output: TextOutput | HashtagsOutput | IdeasOutput
    if parsed.hashtags is not None:
        output = HashtagsOutput(hashtags=parsed.hashtags)
    elif parsed.ideas is not None:
        output = IdeasOutput(ideas=[IdeaOut(title=idea.title, angle=idea.angle) for idea in parsed.ideas])
    else:
        output = TextOutput(text=parsed.text)
    return GeneratedItem(
        id=item.id,
        variant=item.result.variant,
        kind=outcome.request.kind.stored_name,
        platform=outcome.platform,
        language=outcome.language,
        output=output,
        warnings=list(item.result.warnings),
        provider=item.result.provider,
        model=item.result.model,
        prompt_tokens=item.result.prompt_tokens,
        completion_tokens=item.result.completion_tokens,
        context_version=outcome.context_version,
        created_at=item.created_at,
    )
