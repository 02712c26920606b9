"""Local development state: the embedded database and generated secrets under `.omega/`."""

import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from app.core.paths import ProjectPaths
from app.core.security.keys import generate_es256_private_key_pem
from app.infrastructure.embedded_db import EmbeddedServer, ensure_database, start_embedded_server
from app.infrastructure.migrations.bootstrap import apply_sql_file

logger = logging.getLogger(__name__)

LOCAL_DATABASE = "omega"
SERVICE_ROLE_NAME = "omega_api"
SECRETS_FILE = "local-secrets.json"


@dataclass(frozen=True)
class LocalSecrets:
    """Signing key generated for this checkout; never committed."""

    jwt_private_key: str
    jwt_key_id: str


@dataclass(frozen=True)
class LocalDatabase:
    """The embedded server with the project database created on it."""

    server: EmbeddedServer
    created: bool

    @property
    def admin_url(self) -> str:
        """Superuser URL, for migrations and psql."""
        return self.server.url("postgres", LOCAL_DATABASE)

    @property
    def service_url(self) -> str:
        """URL of the service's own login role."""
        return self.server.url(SERVICE_ROLE_NAME, LOCAL_DATABASE)


def load_or_create_secrets(paths: ProjectPaths) -> LocalSecrets:
    """Read `.omega/local-secrets.json`, creating it with a fresh ES256 key on first use."""
    path = paths.local_state / SECRETS_FILE
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
        return LocalSecrets(jwt_private_key=stored["jwt_private_key"], jwt_key_id=stored["jwt_key_id"])

    paths.local_state.mkdir(parents=True, exist_ok=True)
    local_secrets = LocalSecrets(
        jwt_private_key=generate_es256_private_key_pem(),
        jwt_key_id=f"omega-local-{secrets.token_hex(4)}",
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(
            {"jwt_private_key": local_secrets.jwt_private_key, "jwt_key_id": local_secrets.jwt_key_id}, handle
        )
    logger.info("Generated local signing key %s in %s", local_secrets.jwt_key_id, path)
    return local_secrets


def open_local_database(paths: ProjectPaths, stop_at_exit: bool) -> LocalDatabase:
    """Start the embedded server, create the project database, and apply the platform shim and roles."""
    server = start_embedded_server(paths.local_state / "pgdata", stop_at_exit=stop_at_exit)
    created = ensure_database(server.url("postgres", "postgres"), LOCAL_DATABASE)
    database = LocalDatabase(server=server, created=created)
    apply_sql_file(database.admin_url, paths.local_platform)
    apply_sql_file(database.admin_url, paths.roles)
    return database


def local_database_exists(paths: ProjectPaths) -> bool:
    """Report whether the embedded data folder was initialised before."""
    return Path(paths.local_state / "pgdata" / "PG_VERSION").exists()
