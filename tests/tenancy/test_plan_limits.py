"""The plan's social-account limit and the subscription status are enforced by the database."""

import threading

import psycopg
import pytest

from tests.helpers.database import TestDatabase
from tests.helpers.postgrest import as_postgrest
from tests.tenancy.conftest import Postgrest, Tenancy

ADD_ACCOUNT = "insert into public.social_accounts (client_id, platform, handle) values (%s, %s, %s)"


def active_accounts(admin, client_id) -> int:
    row = admin.execute(
        "select count(*) as n from public.social_accounts where client_id = %s and is_active", (client_id,)
    ).fetchone()
    return int(row["n"])


def test_limit_names_the_plan(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency(plan="basic", status="active")
    user = agency.client_a
    with postgrest(user.claims) as request:
        request.execute(ADD_ACCOUNT, (user.id, "instagram", "@uno"))
        request.execute(ADD_ACCOUNT, (user.id, "facebook", "uno"))

    with pytest.raises(psycopg.Error) as raised, postgrest(user.claims) as request:
        request.execute(ADD_ACCOUNT, (user.id, "tiktok", "@tres"))

    assert raised.value.sqlstate == "PT402"
    assert raised.value.diag.message_primary == "The basic plan allows at most 2 active social accounts"
    assert active_accounts(admin, user.id) == 2


def test_reactivation_counts_against_limit(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency(plan="basic", status="active")
    user = agency.client_a
    removed = tenancy.social_account(user.id, "x", active=False)
    tenancy.social_account(user.id, "instagram")
    tenancy.social_account(user.id, "facebook")

    with pytest.raises(psycopg.Error) as raised, postgrest(user.claims) as request:
        request.execute("update public.social_accounts set is_active = true where id = %s", (removed,))

    assert raised.value.sqlstate == "PT402"
    row = admin.execute("select is_active from public.social_accounts where id = %s", (removed,)).fetchone()
    assert row["is_active"] is False
    assert active_accounts(admin, user.id) == 2


def test_removed_account_can_be_added_again(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency(plan="basic", status="active")
    user = agency.client_a
    with postgrest(user.claims) as request:
        request.execute(ADD_ACCOUNT, (user.id, "instagram", "@panaderia"))
        request.execute(
            "update public.social_accounts set is_active = false where client_id = %s", (user.id,)
        )
        request.execute(ADD_ACCOUNT, (user.id, "instagram", "@Panaderia"))

    rows = admin.execute(
        "select is_active from public.social_accounts where client_id = %s order by created_at", (user.id,)
    ).fetchall()
    assert [row["is_active"] for row in rows] == [False, True]


def test_enterprise_has_no_limit(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency(plan="enterprise", status="active")
    user = agency.client_a
    platforms = ["instagram", "facebook", "tiktok", "linkedin", "x", "youtube", "pinterest"]
    with postgrest(user.claims) as request:
        for platform in platforms:
            request.execute(ADD_ACCOUNT, (user.id, platform, "@marca"))

    assert active_accounts(admin, user.id) == len(platforms)


@pytest.mark.parametrize("status", ["canceled", "unpaid", "incomplete_expired", "paused"])
def test_inactive_subscription_blocks_accounts(
    postgrest: Postgrest, tenancy: Tenancy, admin, status: str
) -> None:
    agency = tenancy.agency(plan="pro", status=status)
    user = agency.client_a

    with pytest.raises(psycopg.Error) as raised, postgrest(user.claims) as request:
        request.execute(ADD_ACCOUNT, (user.id, "instagram", "@bloqueada"))

    assert raised.value.sqlstate == "PT402"
    assert status in (raised.value.diag.message_primary or "")
    assert active_accounts(admin, user.id) == 0


def test_expired_trial_blocks_accounts(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency(plan="basic", status="trialing")
    user = agency.client_a
    admin.execute(
        "update public.subscriptions set trial_ends_at = now() - interval '1 minute' where client_id = %s",
        (user.id,),
    )

    with pytest.raises(psycopg.Error) as raised, postgrest(user.claims) as request:
        request.execute(ADD_ACCOUNT, (user.id, "instagram", "@caducada"))

    assert raised.value.sqlstate == "PT402"
    assert active_accounts(admin, user.id) == 0


def test_last_slot_race_lets_one_through(database: TestDatabase, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency(plan="basic", status="active")
    user = agency.client_a
    tenancy.social_account(user.id, "instagram")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def add(platform: str) -> None:
        try:
            with as_postgrest(database.authenticator_url, user.claims) as request:
                barrier.wait(timeout=10)
                request.execute(ADD_ACCOUNT, (user.id, platform, "@carrera"))
                # Hold the transaction open so the other insert has to wait for the lock.
                request.execute("select pg_sleep(0.2)")
            outcomes.append("ok")
        except psycopg.Error as error:
            outcomes.append(error.sqlstate or "unknown")

    threads = [threading.Thread(target=add, args=(platform,)) for platform in ("tiktok", "youtube")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["PT402", "ok"]
    assert active_accounts(admin, user.id) == 2
