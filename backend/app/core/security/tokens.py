"""Access tokens that PostgREST and Supabase accept, and opaque refresh tokens."""

import hashlib
import logging
import secrets
import time
import uuid
from dataclasses import dataclass

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

from app.core.security.keys import load_es256_private_key, public_jwk
from app.core.settings import Settings

logger = logging.getLogger(__name__)

AUDIENCE = "authenticated"
DATABASE_ROLE = "authenticated"
# Longer tokens are rejected before any parsing; real ones are under 1 KB.
MAX_TOKEN_CHARS = 8_192
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub", "role", "session_id"]


class InvalidTokenError(Exception):
    """The access token is missing, malformed, expired or not ours."""


@dataclass(frozen=True)
class TokenIdentity:
    """Identity of the bearer of a verified access token."""

    client_id: uuid.UUID
    session_id: uuid.UUID
    claims: dict[str, object]


@dataclass(frozen=True)
class MintedToken:
    """A signed access token and its lifetime in seconds."""

    token: str
    expires_in: int


class TokenService:
    """Sign and verify access tokens with the one configured algorithm."""

    def __init__(self, settings: Settings) -> None:
        self._algorithm = settings.jwt_algorithm
        self._issuer = settings.jwt_issuer
        self._ttl = settings.access_token_ttl_seconds
        self._key_id = settings.jwt_key_id
        self._es256_key: ec.EllipticCurvePrivateKey | None = None
        self._secret: str | None = None
        if self._algorithm == "ES256" and settings.jwt_private_key is not None:
            self._es256_key = load_es256_private_key(settings.jwt_private_key.get_secret_value())
        elif settings.jwt_secret is not None:
            self._secret = settings.jwt_secret.get_secret_value()

    def mint(
        self, client_id: uuid.UUID, session_id: uuid.UUID, app_role: str, reseller_id: uuid.UUID | None
    ) -> MintedToken:
        """Sign an access token; `app_role` and `reseller_id` are informational only."""
        now = int(time.time())
        claims: dict[str, object] = {
            "iss": self._issuer,
            "sub": str(client_id),
            "aud": AUDIENCE,
            "role": DATABASE_ROLE,
            "iat": now,
            "exp": now + self._ttl,
            "session_id": str(session_id),
            "is_anonymous": False,
            "app_role": app_role,
            "reseller_id": str(reseller_id) if reseller_id else None,
        }
        headers = {"kid": self._key_id} if self._es256_key is not None else None
        token = jwt.encode(claims, self._signing_key(), algorithm=self._algorithm, headers=headers)
        return MintedToken(token=token, expires_in=self._ttl)

    def verify(self, token: str) -> TokenIdentity:
        """Verify signature, algorithm, audience, issuer and expiry.

        Raises:
            InvalidTokenError: any check failed; the message is safe to return.
        """
        if len(token) > MAX_TOKEN_CHARS:
            raise InvalidTokenError("Access token is too long")
        try:
            claims = jwt.decode(
                token,
                self._verification_key(),
                algorithms=[self._algorithm],
                audience=AUDIENCE,
                issuer=self._issuer,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.ExpiredSignatureError as error:
            raise InvalidTokenError("Access token has expired") from error
        except jwt.PyJWTError as error:
            raise InvalidTokenError("Access token is invalid") from error

        if claims.get("role") != DATABASE_ROLE:
            raise InvalidTokenError("Access token is invalid")
        try:
            client_id = uuid.UUID(str(claims["sub"]))
            session_id = uuid.UUID(str(claims["session_id"]))
        except ValueError as error:
            raise InvalidTokenError("Access token is invalid") from error
        return TokenIdentity(client_id=client_id, session_id=session_id, claims=claims)

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        """Return the public keys; empty for HS256, whose secret must never be published."""
        if self._es256_key is None or self._key_id is None:
            return {"keys": []}
        return {"keys": [public_jwk(self._es256_key, self._key_id)]}

    def _signing_key(self) -> ec.EllipticCurvePrivateKey | str:
        """Return the private key (ES256) or the shared secret (HS256)."""
        if self._es256_key is not None:
            return self._es256_key
        if self._secret is None:
            raise RuntimeError("No JWT signing key is configured")
        return self._secret

    def _verification_key(self) -> ec.EllipticCurvePublicKey | str:
        """Return the public key (ES256) or the shared secret (HS256)."""
        if self._es256_key is not None:
            return self._es256_key.public_key()
        if self._secret is None:
            raise RuntimeError("No JWT verification key is configured")
        return self._secret


def new_refresh_token() -> str:
    """Create an opaque refresh token with 256 bits of randomness."""
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> bytes:
    """Return the SHA-256 under which a refresh token is stored."""
    return hashlib.sha256(token.encode("utf-8")).digest()
