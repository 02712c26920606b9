"""`omega billing sync` repairs rows that drifted from Stripe and reports what changed."""

import secrets
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from app.cli.main import main
from app.core.settings import get_settings
from tests.billing.conftest import RETURN_URL
from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin, subscription_row
from tests.billing.stripe_payloads import (
    PRICE_BASIC,
    PRICE_ENTERPRISE,
    PRICE_PRO,
    WEBHOOK_SECRET,
    subscription,
)
from tests.helpers.database import TestDatabase
from tests.helpers.factories import Factory, TestUser

PERIOD_END = int(time.time()) + 20 * 86_400


@pytest.fixture
def billing_environment(
    monkeypatch: pytest.MonkeyPatch, database: TestDatabase, signing_key_pem: str, fake_stripe: FakeStripe
) -> Iterator[None]:
    values = {
        "ENVIRONMENT": "test",
        "DATABASE_URL": database.service_url,
        "JWT_ALGORITHM": "ES256",
        "JWT_PRIVATE_KEY": signing_key_pem,
        "JWT_KEY_ID": "omega-test-key",
        "STRIPE_SECRET_KEY": "sk_test_fake_sync",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_PRICE_BASIC": PRICE_BASIC,
        "STRIPE_PRICE_PRO": PRICE_PRO,
        "STRIPE_PRICE_ENTERPRISE": PRICE_ENTERPRISE,
        "STRIPE_API_BASE": fake_stripe.url,
        "BILLING_RETURN_URL": RETURN_URL,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _stored_subscription(
    admin: Admin, factory: Factory, status: str, price: str, plan: str
) -> tuple[TestUser, str, str]:
    """A client whose row matches `status` and `price`, as an old webhook left it."""
    user = factory.user()
    customer_id, sub_id = f"cus_{secrets.token_hex(6)}", f"sub_{secrets.token_hex(6)}"
    admin.execute(
        "insert into public.subscriptions (client_id, plan_id, status, current_period_end, "
        "stripe_customer_id, stripe_subscription_id, stripe_price_id, last_stripe_event_at) "
        "values (%s, %s, %s, %s, %s, %s, %s, now() - interval '1 hour')",
        (user.id, plan, status, datetime.fromtimestamp(PERIOD_END, UTC), customer_id, sub_id, price),
    )
    return user, customer_id, sub_id


def test_sync_repairs_drift_and_reports(
    billing_environment: None,
    fake_stripe: FakeStripe,
    admin: Admin,
    factory: Factory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    drifted, drifted_customer, drifted_sub = _stored_subscription(admin, factory, "active", PRICE_PRO, "pro")
    fake_stripe.put_subscription(
        subscription(drifted_sub, drifted_customer, "past_due", PRICE_PRO, period_end=PERIOD_END)
    )
    in_step, in_step_customer, in_step_sub = _stored_subscription(
        admin, factory, "active", PRICE_BASIC, "basic"
    )
    fake_stripe.put_subscription(
        subscription(in_step_sub, in_step_customer, "active", PRICE_BASIC, period_end=PERIOD_END)
    )
    missing, _, missing_sub = _stored_subscription(admin, factory, "active", PRICE_BASIC, "basic")
    in_step_before = subscription_row(admin, in_step.id)

    exit_status = main(["billing", "sync"])

    output = capsys.readouterr()
    assert exit_status == 1
    assert f"repaired client {drifted.id} ({drifted_sub}):" in output.out
    assert "status active -> past_due" in output.out
    assert f"failed client {missing.id} ({missing_sub})" in output.out
    assert "Syncing subscriptions" in output.err
    repaired = subscription_row(admin, drifted.id)
    assert repaired is not None
    assert repaired["status"] == "past_due"
    in_step_after = subscription_row(admin, in_step.id)
    assert in_step_after is not None
    assert in_step_before is not None
    assert (in_step_after["status"], in_step_after["plan_id"]) == (
        in_step_before["status"],
        in_step_before["plan_id"],
    )
    assert f"client {in_step.id}" not in output.out


def test_sync_without_billing_settings_exits_2(
    billing_environment: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("STRIPE_SECRET_KEY")
    get_settings.cache_clear()

    exit_status = main(["billing", "sync"])

    assert exit_status == 2
    assert "STRIPE_SECRET_KEY" in capsys.readouterr().err
