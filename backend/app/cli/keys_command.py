"""`omega keys new`: create an ES256 signing key for production and for Supabase."""

import argparse
import json
import logging
import secrets

from app.core.security.keys import generate_es256_private_key_pem, load_es256_private_key, private_jwk

logger = logging.getLogger(__name__)


def add_keys_command(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register `omega keys new`."""
    keys = subparsers.add_parser("keys", help="signing key tools")
    commands = keys.add_subparsers(dest="keys_command", required=True)
    new = commands.add_parser("new", help="print a new ES256 key as settings and as a JWK for Supabase")
    new.add_argument("--kid", help="key id to put in tokens (default: omega-<random hex>)")


def run_keys_command(args: argparse.Namespace) -> int:
    """Print JWT_KEY_ID, JWT_PRIVATE_KEY and the private JWK to import into Supabase."""
    key_id: str = args.kid or f"omega-{secrets.token_hex(6)}"
    pem = generate_es256_private_key_pem()
    jwk = private_jwk(load_es256_private_key(pem), key_id)
    print(f"JWT_KEY_ID={key_id}")
    print(f'JWT_PRIVATE_KEY="{pem.strip()}"')
    print()
    print("# Private JWK to import into Supabase (Project Settings > JWT Keys > import a private key):")
    print(json.dumps(jwk, indent=2))
    return 0
