"""Build the configured provider from settings."""

import logging

from app.core.settings import Settings
from app.infrastructure.llm.anthropic_provider import AnthropicProvider
from app.infrastructure.llm.offline_provider import OfflineProvider
from app.infrastructure.llm.openai_provider import OpenAICompatibleProvider
from app.infrastructure.llm.types import LLMProvider

logger = logging.getLogger(__name__)


def build_provider(settings: Settings) -> LLMProvider | None:
    """Return the provider that settings select, or None when generation is not configured."""
    choice = settings.resolved_content_provider()
    timeout = settings.content_timeout_seconds
    if choice == "openai" and settings.openai_api_key is not None and settings.openai_base_url:
        logger.info("Content provider: OpenAI-compatible, model %s", settings.openai_model)
        return OpenAICompatibleProvider(
            settings.openai_api_key.get_secret_value(),
            settings.openai_base_url,
            settings.openai_model,
            timeout,
        )
    if choice == "anthropic" and settings.anthropic_api_key is not None and settings.anthropic_base_url:
        logger.info("Content provider: Anthropic, model %s", settings.anthropic_model)
        return AnthropicProvider(
            settings.anthropic_api_key.get_secret_value(),
            settings.anthropic_base_url,
            settings.anthropic_model,
            timeout,
        )
    if choice == "offline":
        logger.info("Content provider: offline templates")
        return OfflineProvider()
    logger.warning("No content provider configured: generation endpoints return 503")
    return None
