"""A generation request, and the prepared state every generation path starts from."""

import logging
import uuid
from dataclasses import dataclass

from app.core.security.tokens import TokenIdentity
from app.infrastructure.llm.types import LLMProvider, OfflineBrief, ProviderJob
from app.services.content.dependencies import ContentDependencies
from app.services.content.kinds import ContentKind, char_limit
from app.services.content.prompt import BuiltPrompt, PromptRequest
from app.services.content.quota import Reservation, reserve_generations
from app.services.content.targets import GenerationTarget, load_target

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GenerationRequest:
    """A validated request to one of the /generate-<kind> endpoints."""

    kind: ContentKind
    brief: str
    client_id: uuid.UUID | None = None
    social_account_id: uuid.UUID | None = None
    platform: str | None = None
    language: str | None = None
    variants: int = 1
    extra_instructions: str | None = None


@dataclass(frozen=True)
class PreparedGeneration:
    """Target, language and quota reservation of a request that may now call the provider."""

    request: GenerationRequest
    target: GenerationTarget
    language: str
    reservation: Reservation
    provider: LLMProvider

    def prompt_request(self, variant: int) -> PromptRequest:
        """Return the prompt inputs of one variant."""
        return PromptRequest(
            kind=self.request.kind,
            platform=self.target.platform,
            language=self.language,
            brief=self.request.brief,
            extra_instructions=self.request.extra_instructions,
            variant=variant,
        )

    def job(self, deps: ContentDependencies, prompt: BuiltPrompt, variant: int, attempt: int) -> ProviderJob:
        """Build the provider call of one attempt at one variant."""
        context = self.target.context
        return ProviderJob(
            system=prompt.system,
            user=prompt.user,
            max_output_tokens=deps.settings.content_max_output_tokens,
            offline=OfflineBrief(
                kind=self.request.kind.stored_name,
                brief=self.request.brief,
                language=self.language,
                business_name=context.business_name,
                industry=context.industry,
                keywords=context.keywords,
                forbidden_words=context.forbidden_words,
                max_chars=char_limit(self.request.kind, self.target.platform),
                variant=variant,
                attempt=attempt,
            ),
        )


async def prepare_generation(
    deps: ContentDependencies, identity: TokenIdentity, request: GenerationRequest
) -> PreparedGeneration:
    """Read the context as the caller, then take the quota; nothing is charged if a check fails.

    Raises:
        DomainError: 400, 402, 403, 404, 409, 429 or 503 as the checks decide.
    """
    provider = deps.require_provider()
    target = await load_target(
        deps.db, identity, request.client_id, request.social_account_id, request.platform
    )
    language = request.language or target.context.language
    reservation = await reserve_generations(deps.db, target.context.client_id, request.variants)
    return PreparedGeneration(request, target, language, reservation, provider)
