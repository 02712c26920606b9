"""GET /.well-known/jwks.json."""

import logging

from fastapi import APIRouter

from app.api.deps import AuthDeps
from app.api.routes.well_known.models import JsonWebKeySet

logger = logging.getLogger(__name__)

router = APIRouter()


@router.get("/jwks.json", response_model=JsonWebKeySet)
async def jwks(deps: AuthDeps) -> JsonWebKeySet:
    """
    Publish the public signing key, in the plain JWKS format verifiers expect.

    Returns:
        JsonWebKeySet with the ES256 public key and its `kid`; empty under
        HS256, whose shared secret is never published.

    Raises:
        Nothing: the key set is built at start-up.
    """
    return JsonWebKeySet(**deps.tokens.jwks())
