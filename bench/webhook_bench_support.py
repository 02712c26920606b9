"""Set-up and event streams of the webhook benchmark: per subscription, 10 events in Stripe order.

Each stream starts with customer.subscription.created and continues with
subscription updates (status, price, cancellation flag), invoice.paid,
invoice.payment_failed and trial_will_end, sometimes ending with
customer.subscription.deleted. About 10% of events share their second with
the previous one, the case the service settles by reading Stripe.
"""

import logging
import os
import random
import subprocess
import sys
from dataclasses import dataclass

import psycopg
from tests.billing.conftest import RETURN_URL
from tests.billing.stripe_payloads import (
    DAY,
    PRICE_BASIC,
    PRICE_ENTERPRISE,
    PRICE_PRO,
    WEBHOOK_SECRET,
    event,
    invoice,
    subscription,
)

from app.core.security.keys import generate_es256_private_key_pem

logger = logging.getLogger(__name__)

SUBSCRIPTIONS = 200
EVENTS_PER_SUBSCRIPTION = 10
PLAN_OF_PRICE = {PRICE_BASIC: "basic", PRICE_PRO: "pro", PRICE_ENTERPRISE: "enterprise"}


@dataclass(frozen=True)
class BenchEvent:
    """One serialized event and its position in Stripe's order."""

    payload: bytes
    created: int
    subscription_id: str


@dataclass(frozen=True)
class Stream:
    """The events of one subscription and the Stripe object after the last of them."""

    events: list[BenchEvent]
    final_object: dict[str, object]


def build_stream(rng: random.Random, subscription_id: str, customer_id: str, start: int) -> Stream:
    """Generate the 10 events of one subscription, in increasing `created` order."""
    period_end = start + 30 * DAY
    state = {"status": "trialing", "price": PRICE_BASIC, "cancel": False}
    current = _snapshot(subscription_id, customer_id, state, period_end, trial_end=start + 7 * DAY)
    events = [BenchEvent(event("customer.subscription.created", current, start), start, subscription_id)]

    created = start
    for index in range(1, EVENTS_PER_SUBSCRIPTION):
        created += 0 if rng.random() < 0.1 else rng.randint(1, 30)
        kind = _next_kind(rng, is_last=index == EVENTS_PER_SUBSCRIPTION - 1)
        if kind == "invoice.paid":
            data = invoice(customer_id, subscription_id, amount_paid=2900, amount_due=2900)
        elif kind == "invoice.payment_failed":
            data = invoice(customer_id, subscription_id, amount_paid=0, amount_due=2900)
        else:
            if kind == "customer.subscription.deleted":
                state = state | {"status": "canceled", "cancel": False}
            elif kind == "customer.subscription.updated":
                state = {
                    "status": rng.choice(["active", "active", "past_due", "unpaid", "trialing"]),
                    "price": rng.choice(list(PLAN_OF_PRICE)),
                    "cancel": rng.random() < 0.2,
                }
            period_end += DAY
            current = _snapshot(subscription_id, customer_id, state, period_end, trial_end=start + 7 * DAY)
            data = current
        events.append(BenchEvent(event(kind, data, created), created, subscription_id))
    return Stream(events, current)


def expected_row(final_object: dict[str, object]) -> tuple[object, ...]:
    """Return the subscriptions columns that applying every event in order leaves (the last state wins)."""
    items = final_object["items"]
    assert isinstance(items, dict)
    item = items["data"][0]
    return (
        PLAN_OF_PRICE[item["price"]["id"]],
        final_object["status"],
        final_object["cancel_at_period_end"],
        item["current_period_end"],
        final_object["trial_end"],
    )


def _next_kind(rng: random.Random, is_last: bool) -> str:
    """Pick the type of the next event."""
    if is_last and rng.random() < 0.2:
        return "customer.subscription.deleted"
    return rng.choices(
        [
            "customer.subscription.updated",
            "invoice.paid",
            "invoice.payment_failed",
            "customer.subscription.trial_will_end",
        ],
        weights=[6, 2, 1, 1],
    )[0]


def _snapshot(
    subscription_id: str, customer_id: str, state: dict[str, object], period_end: int, trial_end: int
) -> dict[str, object]:
    """Build a subscription object that carries `state`."""
    return subscription(
        subscription_id,
        customer_id,
        str(state["status"]),
        str(state["price"]),
        period_end=period_end,
        trial_end=trial_end,
        cancel_at_period_end=bool(state["cancel"]),
    )


def create_clients(admin_url: str, label: str) -> list[tuple[str, str]]:
    """Create SUBSCRIPTIONS clients with stored Stripe customers; return (subscription, customer) ids."""
    ids = [(f"sub_bench_{label}_{i}", f"cus_bench_{label}_{i}") for i in range(SUBSCRIPTIONS)]
    with psycopg.connect(admin_url) as conn:
        for index, (_, customer_id) in enumerate(ids):
            conn.execute(
                "with created as "
                "(insert into public.clients (email, full_name) values (%s, 'Bench') returning id) "
                "insert into public.subscriptions (client_id, plan_id, status, stripe_customer_id) "
                "select id, 'basic', 'trialing', %s from created",
                (f"bench-{label}-{index}@example.com", customer_id),
            )
    return ids


def start_api(database_url: str, port: int, stripe_url: str) -> subprocess.Popen[bytes]:
    """Run `omega serve` on 127.0.0.1 with billing pointed at the fake Stripe API."""
    environment = {
        **os.environ,
        "ENVIRONMENT": "development",
        "DATABASE_URL": database_url,
        "JWT_PRIVATE_KEY": generate_es256_private_key_pem(),
        "JWT_KEY_ID": "bench",
        "DB_POOL_MAX_SIZE": "20",
        "LOG_LEVEL": "WARNING",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_PRICE_BASIC": PRICE_BASIC,
        "STRIPE_PRICE_PRO": PRICE_PRO,
        "STRIPE_PRICE_ENTERPRISE": PRICE_ENTERPRISE,
        "STRIPE_API_BASE": stripe_url,
        "BILLING_RETURN_URL": RETURN_URL,
    }
    command = [sys.executable, "-m", "app.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)  # noqa: S603  # fixed argv
