"""Request and response schemas of the content routes."""

import logging
import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.api.validators import StorableText

logger = logging.getLogger(__name__)

Platform = Literal["instagram", "facebook", "tiktok", "linkedin", "x", "youtube", "pinterest", "threads"]
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
# Whitespace is stripped first, so a brief of only spaces is rejected as empty.
# Validated before the response starts, because a streamed response cannot turn into a 4xx later.
Brief = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), StorableText]
ExtraInstructions = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), StorableText]


class GenerateRequest(BaseModel):
    """A generation request; `client_id` is required when an admin or the owner acts for a client."""

    model_config = ConfigDict(extra="forbid")

    client_id: uuid.UUID | None = None
    social_account_id: uuid.UUID | None = Field(default=None, description="Sets the platform")
    platform: Platform | None = None
    brief: Brief
    language: str | None = Field(
        default=None, pattern=LANGUAGE_PATTERN, description="Defaults to the context's"
    )
    variants: int = Field(default=1, ge=1, le=3)
    extra_instructions: ExtraInstructions | None = None


class IdeaOut(BaseModel):
    """A content idea."""

    title: str
    angle: str


class TextOutput(BaseModel):
    """Output of the text kinds."""

    type: Literal["text"] = "text"
    text: str


class HashtagsOutput(BaseModel):
    """Hashtags: `#word` strings without spaces or duplicates."""

    type: Literal["hashtags"] = "hashtags"
    hashtags: list[str]


class IdeasOutput(BaseModel):
    """Ideas, each a title and an angle."""

    type: Literal["ideas"] = "ideas"
    ideas: list[IdeaOut]


class GeneratedItem(BaseModel):
    """One stored variant."""

    id: uuid.UUID
    variant: int
    kind: str
    platform: str | None
    language: str
    output: Annotated[TextOutput | HashtagsOutput | IdeasOutput, Field(discriminator="type")]
    warnings: list[str]
    provider: str
    model: str
    prompt_tokens: int | None
    completion_tokens: int | None
    context_version: int
    created_at: datetime


class GenerationResult(BaseModel):
    """Every variant of one request."""

    items: list[GeneratedItem]
