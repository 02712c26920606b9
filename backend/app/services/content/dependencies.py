"""Collaborators of the content service, built once per process."""

import logging
from dataclasses import dataclass

from app.core.errors import ServiceUnavailableError
from app.core.settings import Settings
from app.infrastructure.database import Database
from app.infrastructure.llm.factory import build_provider
from app.infrastructure.llm.types import LLMProvider
from app.services.content.prompt import PromptBuilder
from app.services.content.provider_calls import RetryPolicy

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContentDependencies:
    """Settings, database, the configured provider (None when unset), prompt builder and retry policy."""

    settings: Settings
    db: Database
    provider: LLMProvider | None
    prompts: PromptBuilder
    policy: RetryPolicy

    @classmethod
    def from_settings(cls, settings: Settings, db: Database) -> "ContentDependencies":
        """Build the provider and helpers that settings describe."""
        return cls(
            settings=settings,
            db=db,
            provider=build_provider(settings),
            prompts=PromptBuilder(settings.content_prompt_budget_chars),
            policy=RetryPolicy.from_settings(settings),
        )

    def require_provider(self) -> LLMProvider:
        """Return the provider, or raise 503 when none is configured.

        Raises:
            ServiceUnavailableError: no provider is configured.
        """
        if self.provider is None:
            raise ServiceUnavailableError(
                "Content generation is not configured: set CONTENT_PROVIDER and the provider's key "
                "and base URL"
            )
        return self.provider

    async def aclose(self) -> None:
        """Release the provider's HTTP connections."""
        if self.provider is not None:
            await self.provider.aclose()
