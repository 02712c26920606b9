"""Persist the variants of one generation through the service-only SQL function."""

import json
import logging
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime

from app.infrastructure.database import Database
from app.services.content.kinds import ContentKind
from app.services.content.output import ParsedOutput
from app.services.content.targets import GenerationTarget

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VariantResult:
    """One finished variant, ready to store."""

    variant: int
    output: ParsedOutput
    provider: str
    model: str
    prompt_tokens: int | None
    completion_tokens: int | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class StoredVariant:
    """A variant with the id and time its row got."""

    id: uuid.UUID
    created_at: datetime
    result: VariantResult


async def store_variants(
    db: Database,
    *,
    target: GenerationTarget,
    kind: ContentKind,
    language: str,
    brief: str,
    results: list[VariantResult],
) -> list[StoredVariant]:
    """Insert every variant in one statement and return them with their ids."""
    items = [
        {
            "variant": result.variant,
            "output": result.output.text,
            "output_items": _typed_items(result.output),
            "provider": result.provider,
            "model": result.model,
            "prompt_tokens": result.prompt_tokens,
            "completion_tokens": result.completion_tokens,
            "warnings": list(result.warnings),
        }
        for result in results
    ]
    async with db.as_service() as conn:
        cursor = await conn.execute(
            "select id, variant, created_at "
            "from private.store_generated_content(%s, %s, %s, %s, %s, %s, %s, %s)",
            (
                target.context.client_id,
                target.social_account_id,
                kind.stored_name,
                target.platform,
                language,
                brief,
                target.context.version,
                json.dumps(items, ensure_ascii=False),
            ),
        )
        rows = await cursor.fetchall()
    by_variant = {result.variant: result for result in results}
    stored = [StoredVariant(row["id"], row["created_at"], by_variant[row["variant"]]) for row in rows]
    logger.info(
        "Stored %d %s variant(s) for client %s: %s",
        len(stored),
        kind.stored_name,
        target.context.client_id,
        ", ".join(str(item.id) for item in stored),
    )
    return stored


def _typed_items(output: ParsedOutput) -> list[object] | None:
    """Return the JSON form of hashtags or ideas; None for text kinds."""
    if output.hashtags is not None:
        return list(output.hashtags)
    if output.ideas is not None:
        return [asdict(idea) for idea in output.ideas]
    return None
