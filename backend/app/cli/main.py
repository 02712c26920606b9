"""Entry point of the `omega` command."""

import argparse
import logging
import sys

import psycopg

from app.cli.billing_command import add_billing_commands, run_billing_command
from app.cli.db_commands import add_db_commands, run_db_command
from app.cli.dev_command import add_dev_command, run_dev
from app.cli.keys_command import add_keys_command, run_keys_command
from app.cli.serve_command import add_serve_command, run_serve
from app.core.logging import configure_logging
from app.infrastructure.migrations.files import MigrationError

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """Describe every command and option."""
    parser = argparse.ArgumentParser(
        prog="omega", description="OMEGA backend: local development, serving and database tools"
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_dev_command(subparsers)
    add_serve_command(subparsers)
    add_db_commands(subparsers)
    add_keys_command(subparsers)
    add_billing_commands(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except MigrationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except psycopg.OperationalError as error:
        print(f"error: cannot reach the database: {error}", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    """Run the command named on the command line."""
    if args.command == "dev":
        return run_dev(args)
    if args.command == "serve":
        return run_serve(args)
    if args.command == "keys":
        return run_keys_command(args)

    configure_logging("WARNING")
    if args.command == "billing":
        return run_billing_command(args)
    return run_db_command(args)


if __name__ == "__main__":
    sys.exit(main())
