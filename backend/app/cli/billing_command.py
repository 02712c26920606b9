"""`omega billing sync`: repair subscriptions that drifted from Stripe."""

import argparse
import asyncio
import logging
import sys

from pydantic import ValidationError
from tqdm import tqdm

from app.core.settings import Settings, describe_settings_error, get_settings
from app.infrastructure.database import Database
from app.services.billing.dependencies import build_billing_dependencies
from app.services.billing.sync import SyncReport, list_known_subscriptions, sync_subscriptions

logger = logging.getLogger(__name__)


def add_billing_commands(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register `omega billing ...`."""
    billing = subparsers.add_parser("billing", help="Stripe billing maintenance")
    commands = billing.add_subparsers(dest="billing_command", required=True)
    commands.add_parser(
        "sync",
        help="re-read every stored subscription from Stripe and repair rows that differ; "
        "uses the same environment variables as `omega serve`",
    )


def run_billing_command(args: argparse.Namespace) -> int:
    """Run `omega billing sync` from environment settings.

    Returns 2 on bad settings, 1 when any subscription failed, else 0.
    """
    try:
        settings = get_settings()
    except ValidationError as error:
        print(describe_settings_error(error), file=sys.stderr)
        return 2
    return asyncio.run(run_sync(settings))


async def run_sync(settings: Settings) -> int:
    """Sync every subscription with a progress bar on stderr, then print the summary on stdout."""
    db = Database(settings.database_url, min_size=1, max_size=2)
    deps = build_billing_dependencies(settings, db)
    if deps is None:
        print(
            f"error: billing is not configured; set {', '.join(settings.missing_billing_settings())}",
            file=sys.stderr,
        )
        return 2

    await db.open()
    try:
        known = await list_known_subscriptions(deps)
        with tqdm(total=len(known), desc="Syncing subscriptions", unit="sub", file=sys.stderr) as progress:
            report = await sync_subscriptions(deps, known, lambda: progress.update(1))
    finally:
        await deps.gateway.close()
        await db.close()

    print(format_report(report))
    return 1 if report.failed else 0


def format_report(report: SyncReport) -> str:
    """Summarize a sync run: counts, then one line per repaired, skipped or failed subscription."""
    lines = [
        f"Checked {report.checked} subscription(s): {len(report.repaired)} repaired, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped, {len(report.failed)} failed"
    ]
    for drift in report.repaired:
        subscription = drift.subscription
        lines.append(f"  repaired client {subscription.client_id} ({subscription.subscription_id}):")
        lines.extend(f"    {change}" for change in drift.changes)
    lines.extend(f"  skipped {line}" for line in report.skipped)
    lines.extend(f"  failed {line}" for line in report.failed)
    return "\n".join(lines)
