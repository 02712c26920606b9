"""`omega serve`: the production entry point, configured only by environment variables."""

import argparse
import logging
import os
import sys

import uvicorn
from pydantic import ValidationError

from app.core.logging import configure_logging
from app.core.settings import describe_settings_error, get_settings
from app.main import create_app

logger = logging.getLogger(__name__)


def add_serve_command(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register `omega serve`."""
    serve = subparsers.add_parser("serve", help="run the API in production mode from environment settings")
    # Containers behind a load balancer must listen on every interface.
    default_host = os.environ.get("HOST", "0.0.0.0")  # noqa: S104
    serve.add_argument("--host", default=default_host, help="bind address (default $HOST or 0.0.0.0)")
    serve.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT", "8000")),
        help="TCP port (default $PORT or 8000)",
    )
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")


def run_serve(args: argparse.Namespace) -> int:
    """Validate every setting, then serve; exit 2 naming each missing or invalid variable."""
    try:
        settings = get_settings()
    except ValidationError as error:
        print(describe_settings_error(error), file=sys.stderr)
        return 2

    configure_logging(settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=settings.trust_proxy_headers,
    )
    return 0
