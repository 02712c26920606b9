"""Schemas of the key discovery endpoint."""

import logging

from pydantic import BaseModel

logger = logging.getLogger(__name__)


class JsonWebKeySet(BaseModel):
    """RFC 7517 key set; each key maps JWK member names to string values."""

    keys: list[dict[str, str]]
