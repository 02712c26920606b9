"""ES256 signing keys: parsing, generation and their public JWK."""

import base64
import logging

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

logger = logging.getLogger(__name__)

P256_COORDINATE_BYTES = 32


def load_es256_private_key(pem: str) -> ec.EllipticCurvePrivateKey:
    """Parse a PEM private key and require the P-256 curve that ES256 uses.

    Raises:
        ValueError: the text is not a PEM private key on P-256.
    """
    try:
        key = serialization.load_pem_private_key(pem.encode("utf-8"), password=None)
    except (ValueError, TypeError) as error:
        raise ValueError("JWT_PRIVATE_KEY is not a readable unencrypted PEM private key") from error
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise ValueError("JWT_PRIVATE_KEY must be an EC key on the P-256 curve for ES256")
    return key


def generate_es256_private_key_pem() -> str:
    """Create a new P-256 private key as unencrypted PKCS#8 PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    ).decode("ascii")


def public_jwk(key: ec.EllipticCurvePrivateKey, key_id: str) -> dict[str, str]:
    """Return the public half of `key` as a JWK (RFC 7517) for `/.well-known/jwks.json`."""
    numbers = key.public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": _base64url(numbers.x.to_bytes(P256_COORDINATE_BYTES, "big")),
        "y": _base64url(numbers.y.to_bytes(P256_COORDINATE_BYTES, "big")),
        "alg": "ES256",
        "use": "sig",
        "kid": key_id,
    }


def private_jwk(key: ec.EllipticCurvePrivateKey, key_id: str) -> dict[str, str]:
    """Return `key` as a private JWK, the form Supabase imports as a signing key."""
    private_value = key.private_numbers().private_value.to_bytes(P256_COORDINATE_BYTES, "big")
    return {**public_jwk(key, key_id), "d": _base64url(private_value)}


def _base64url(data: bytes) -> str:
    """Encode without padding, as JWK requires."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
