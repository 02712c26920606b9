"""Direct reads and set-up writes on the billing tables, through the superuser connection."""

import uuid

import psycopg
from psycopg.rows import DictRow

Admin = psycopg.Connection[DictRow]


def subscription_row(admin: Admin, client_id: uuid.UUID) -> DictRow | None:
    """The client's subscription row, or None."""
    return admin.execute("select * from public.subscriptions where client_id = %s", (client_id,)).fetchone()


def stored_event(admin: Admin, event_id: str) -> DictRow | None:
    """The stored row of a Stripe event, or None when it was not processed."""
    return admin.execute("select * from private.stripe_events where id = %s", (event_id,)).fetchone()


def link_customer(
    admin: Admin,
    client_id: uuid.UUID,
    customer_id: str,
    *,
    status: str = "trialing",
    plan_id: str = "basic",
    subscription_id: str | None = None,
) -> None:
    """Give a client a subscription row with a Stripe customer, as a completed checkout leaves it."""
    admin.execute(
        "insert into public.subscriptions "
        "(client_id, plan_id, status, stripe_customer_id, stripe_subscription_id) "
        "values (%s, %s, %s, %s, %s) on conflict (client_id) do update set plan_id = excluded.plan_id, "
        "status = excluded.status, stripe_customer_id = excluded.stripe_customer_id, "
        "stripe_subscription_id = excluded.stripe_subscription_id",
        (client_id, plan_id, status, customer_id, subscription_id),
    )


def notices(admin: Admin, client_id: uuid.UUID) -> list[DictRow]:
    """The billing notices recorded for a client, oldest first."""
    return admin.execute(
        "select * from private.billing_notices where client_id = %s order by id", (client_id,)
    ).fetchall()
