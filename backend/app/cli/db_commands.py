"""`omega db migrate | status | new | reset | url`."""

import argparse
import logging
import os

from app.cli.local_env import open_local_database
from app.core.paths import DEFAULT_PATHS
from app.infrastructure.migrations.bootstrap import apply_sql_file, is_local_database, reset_database
from app.infrastructure.migrations.files import MigrationFile, create_migration_file
from app.infrastructure.migrations.runner import migrate, migration_states

logger = logging.getLogger(__name__)

ADMIN_URL_VARIABLE = "DATABASE_ADMIN_URL"


def add_db_commands(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register `omega db ...` on the top-level parser."""
    db = subparsers.add_parser("db", help="manage the database schema")
    db.add_argument(
        "--db-url",
        help=f"superuser or owner URL of the target database (default: ${ADMIN_URL_VARIABLE}, "
        "else the local embedded database)",
    )
    commands = db.add_subparsers(dest="db_command", required=True)

    migrate_parser = commands.add_parser("migrate", help="apply pending migrations in version order")
    migrate_parser.add_argument(
        "--include-all",
        action="store_true",
        help="also apply pending files older than the newest applied one",
    )
    commands.add_parser("status", help="list applied and pending migrations")
    new_parser = commands.add_parser("new", help="create an empty migration file")
    new_parser.add_argument("name", help="lower-case words joined by underscores, e.g. add_leads")
    reset_parser = commands.add_parser(
        "reset", help="drop the project's schemas, re-apply everything and the seed"
    )
    reset_parser.add_argument(
        "--yes", action="store_true", help="confirm a reset of a database not on this machine"
    )
    commands.add_parser("url", help="print the local database URL, starting the embedded server if needed")


def run_db_command(args: argparse.Namespace) -> int:
    """Dispatch one `omega db` command and return the exit status."""
    command: str = args.db_command
    if command == "new":
        path = create_migration_file(DEFAULT_PATHS.migrations, args.name)
        print(path.relative_to(DEFAULT_PATHS.root))
        return 0

    explicit_url: str | None = args.db_url or os.environ.get(ADMIN_URL_VARIABLE)
    if command == "url":
        print(open_local_database(DEFAULT_PATHS, stop_at_exit=False).admin_url)
        return 0

    url = explicit_url or open_local_database(DEFAULT_PATHS, stop_at_exit=False).admin_url
    if command == "migrate":
        apply_sql_file(url, DEFAULT_PATHS.roles)
        applied = migrate(url, DEFAULT_PATHS.migrations, args.include_all, on_applied=_print_applied)
        print(f"{len(applied)} migration(s) applied" if applied else "Database is up to date")
    elif command == "status":
        for state in migration_states(url, DEFAULT_PATHS.migrations):
            print(f"{'applied' if state.applied else 'pending'}  {state.version}  {state.name}")
    elif command == "reset":
        local_platform = explicit_url is None or is_local_database(url)
        reset_database(url, DEFAULT_PATHS, local_platform=local_platform, confirmed=args.yes)
        print("Database reset: migrations and seed applied")
    return 0


def _print_applied(migration: MigrationFile) -> None:
    """Print each migration as it lands."""
    print(f"applied  {migration.version}  {migration.name}")
