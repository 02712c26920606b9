"""Content generation settings, mixed into the service's Settings."""

import logging

from pydantic_settings import BaseSettings

logger = logging.getLogger(__name__)


class ContentSettings(BaseSettings):
    """LLM provider selection and limits; environment variable names are the field names in upper case."""
