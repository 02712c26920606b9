"""Generate every variant of a request, store them, and give the quota back if anything fails."""

import asyncio
import functools
import logging
import time
from dataclasses import dataclass

from app.core.errors import BadGatewayError
from app.core.security.tokens import TokenIdentity
from app.services.content.dependencies import ContentDependencies
from app.services.content.output import parse_output
from app.services.content.provider_calls import call_with_retries
from app.services.content.quota import release_generations
from app.services.content.request import GenerationRequest, PreparedGeneration, prepare_generation
from app.services.content.review import Review, review_response
from app.services.content.store import StoredVariant, VariantResult, store_variants

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 2


@dataclass(frozen=True)
class GenerationOutcome:
    """The stored variants of one request with the settings they were written under."""

    request: GenerationRequest
    platform: str | None
    language: str
    context_version: int
    items: list[StoredVariant]


async def generate_content(
    deps: ContentDependencies, identity: TokenIdentity, request: GenerationRequest
) -> GenerationOutcome:
    """Write and store `request.variants` variants; all are stored or none.

    Raises:
        DomainError: the checks of prepare_generation, or 502/503/504 when the provider fails.
    """
    started = time.perf_counter()
    prepared = await prepare_generation(deps, identity, request)
    tasks = [
        asyncio.ensure_future(write_variant(deps, prepared, number))
        for number in range(1, request.variants + 1)
    ]
    try:
        results = await asyncio.gather(*tasks)
        stored = await store_variants(
            deps.db,
            target=prepared.target,
            kind=request.kind,
            language=prepared.language,
            brief=request.brief,
            results=list(results),
        )
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.shield(release_generations(deps.db, prepared.reservation))
        raise
    logger.info(
        "Generated %s for client %s with %s in %.0f ms",
        request.kind.stored_name,
        prepared.target.context.client_id,
        prepared.provider.name,
        (time.perf_counter() - started) * 1000,
    )
    return GenerationOutcome(
        request, prepared.target.platform, prepared.language, prepared.target.context.version, stored
    )


async def write_variant(
    deps: ContentDependencies, prepared: PreparedGeneration, variant: int
) -> VariantResult:
    """Request one variant, and request a rewrite once if the response breaks a rule.

    Raises:
        BadGatewayError: both responses repeated the system prompt.
    """
    context = prepared.target.context
    loop = asyncio.get_running_loop()
    feedback: str | None = None
    prompt_tokens = completion_tokens = 0
    counted = False
    for attempt in range(1, MAX_ATTEMPTS + 1):
        prompt = deps.prompts.build(context, prepared.prompt_request(variant), feedback)
        if prompt.cut_fields and attempt == 1:
            logger.info(
                "Context of client %s cut to fit: %s", context.client_id, ", ".join(prompt.cut_fields)
            )
        job = prepared.job(deps, prompt, variant, attempt)
        label = f"{prepared.provider.name}:{context.client_id}:v{variant}a{attempt}"
        completion = await call_with_retries(
            functools.partial(prepared.provider.complete, job),
            deps.policy,
            loop.time() + deps.policy.timeout,
            label,
        )
        logger.info("Provider call %s succeeded (response id %s)", label, completion.response_id)
        if completion.prompt_tokens is not None or completion.completion_tokens is not None:
            counted = True
            prompt_tokens += completion.prompt_tokens or 0
            completion_tokens += completion.completion_tokens or 0

        parsed = parse_output(prepared.request.kind, completion.text, prepared.target.platform)
        review = review_response(
            parsed=parsed,
            raw=completion.text,
            system=prompt.system,
            canary=deps.prompts.canary,
            forbidden=context.forbidden_words,
            kind=prepared.request.kind,
            platform=prepared.target.platform,
        )
        if review.clean or attempt == MAX_ATTEMPTS:
            break
        logger.warning("Response %s rejected, requesting a rewrite: %s", label, _problem_names(review))
        feedback = review.feedback()

    if review.leaked:
        raise BadGatewayError("The model response repeated its confidential instructions; nothing was stored")
    if not parsed.text:
        raise BadGatewayError("The model returned an empty response; nothing was stored")
    return VariantResult(
        variant=variant,
        output=parsed,
        provider=completion.provider,
        model=completion.model,
        prompt_tokens=prompt_tokens if counted else None,
        completion_tokens=completion_tokens if counted else None,
        warnings=tuple(parsed.notes + review.warnings()),
    )


def _problem_names(review: Review) -> str:
    """Short names of the problems, for logs: never the text itself."""
    names = [
        name for name, present in (("leak", review.leaked), ("forbidden", bool(review.forbidden))) if present
    ]
    if review.over_limit:
        names.append(f"length {review.length}>{review.limit}")
    return ", ".join(names)
