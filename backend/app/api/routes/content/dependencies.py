"""FastAPI dependency that hands endpoints the content collaborators built at start-up."""

import logging
from typing import Annotated

from fastapi import Depends, Request

from app.services.content.dependencies import ContentDependencies

logger = logging.getLogger(__name__)


def get_content_dependencies(request: Request) -> ContentDependencies:
    """Return the collaborators stored on app.state.content."""
    deps: ContentDependencies = request.app.state.content
    return deps


ContentDeps = Annotated[ContentDependencies, Depends(get_content_dependencies)]
