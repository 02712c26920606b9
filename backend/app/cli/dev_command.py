"""`omega dev`: embedded Postgres, migrations, seed data and the API on 127.0.0.1."""

import argparse
import logging
import signal
from types import FrameType

import uvicorn
from pydantic import SecretStr

from app.cli.local_env import load_or_create_secrets, open_local_database
from app.core.logging import configure_logging
from app.core.paths import DEFAULT_PATHS
from app.core.settings import Settings
from app.infrastructure.migrations.bootstrap import apply_sql_file
from app.infrastructure.migrations.runner import migrate
from app.main import create_app

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8000
LOCAL_HOST = "127.0.0.1"
LOCAL_FRONTEND_ORIGINS = ["http://localhost:3000", "http://localhost:5173", "http://127.0.0.1:5173"]
DEMO_ACCOUNTS = (
    ("owner@example.com", "OMEGA owner"),
    ("reseller@example.com", "admin of Impulso Digital"),
    ("client@example.com", "client of Impulso Digital (Panadería La Espiga)"),
    ("cafeteria@example.com", "client of Impulso Digital (Cafetería El Molino)"),
    ("norte@example.com", "admin of Agencia Norte"),
    ("floristeria@example.com", "client of Agencia Norte"),
    ("directo@example.com", "client with no agency"),
    ("suspendido@example.com", "suspended client (sign-in answers 403)"),
    ("sur@example.com", "admin of Estudio Sur, a suspended agency"),
)
DEMO_PASSWORD = "omega-demo"  # noqa: S105  # shared by the seed.sql demo users, local only


def add_dev_command(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register `omega dev`."""
    dev = subparsers.add_parser("dev", help="run the API locally on an embedded Postgres with demo data")
    dev.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"TCP port on {LOCAL_HOST} (default {DEFAULT_PORT})"
    )


def run_dev(args: argparse.Namespace) -> int:
    """Prepare the local database and serve until interrupted."""
    configure_logging("INFO")
    secrets = load_or_create_secrets(DEFAULT_PATHS)
    database = open_local_database(DEFAULT_PATHS, stop_at_exit=True)
    applied = migrate(database.admin_url, DEFAULT_PATHS.migrations)
    if database.created:
        apply_sql_file(database.admin_url, DEFAULT_PATHS.seed)
        logger.info("Loaded demo data from seed.sql")
    logger.info("%d new migration(s) applied", len(applied))

    settings = Settings(
        environment="development",
        database_url=database.service_url,
        jwt_algorithm="ES256",
        jwt_private_key=SecretStr(secrets.jwt_private_key),
        jwt_key_id=secrets.jwt_key_id,
        cors_origins=LOCAL_FRONTEND_ORIGINS,
    )
    _print_banner(args.port, database.admin_url)
    # uvicorn re-raises SIGTERM after its graceful shutdown, which would kill the
    # process before the exit handler stops the embedded server. Turning it into
    # KeyboardInterrupt, like Ctrl-C, lets this function return normally.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        uvicorn.run(create_app(settings), host=LOCAL_HOST, port=args.port, log_level="info")
    except KeyboardInterrupt:
        logger.info("Interrupted")
    return 0


def _interrupt(signal_number: int, frame: FrameType | None) -> None:
    """Raise KeyboardInterrupt on SIGTERM."""
    raise KeyboardInterrupt


def _print_banner(port: int, admin_url: str) -> None:
    """Tell the developer where everything is and how to sign in."""
    base = f"http://{LOCAL_HOST}:{port}"
    lines = [
        "",
        f"  OMEGA API   {base}/api/v1",
        f"  API docs    {base}/docs",
        f"  JWKS        {base}/.well-known/jwks.json",
        f"  Database    {admin_url}",
        "",
        f"  Demo sign-ins (password: {DEMO_PASSWORD}):",
        *(f"    {email:<24} {description}" for email, description in DEMO_ACCOUNTS),
        "",
    ]
    print("\n".join(lines), flush=True)
