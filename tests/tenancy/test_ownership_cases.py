"""No client or admin can move a row to another owner, raise its own plan or write another agency's data."""

import psycopg
import pytest
from psycopg.rows import DictRow

from tests.tenancy.conftest import Postgrest, Tenancy


def one(admin: psycopg.Connection[DictRow], query: str, *params: object) -> DictRow:
    row = admin.execute(query, params).fetchone()  # type: ignore[arg-type]
    assert row is not None
    return row


def test_client_cannot_move_social_account(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()
    account_id = tenancy.social_account(agency.client_a.id)
    before = one(admin, "select * from public.social_accounts where id = %s", account_id)

    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(agency.client_a.claims) as request:
        request.execute(
            "update public.social_accounts set client_id = %s where id = %s", (agency.client_b.id, account_id)
        )

    assert one(admin, "select * from public.social_accounts where id = %s", account_id) == before


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("social_accounts", "(client_id, platform, handle) values (%s, 'tiktok', '@ajeno')"),
        ("client_context", "(client_id, business_name, industry) values (%s, 'Ajeno', 'Comercio')"),
    ],
)
def test_client_cannot_insert_for_another(
    postgrest: Postgrest, tenancy: Tenancy, admin, table: str, columns: str
) -> None:
    agency = tenancy.agency(plan="pro")
    statement = f"insert into public.{table} {columns}"

    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(agency.client_a.claims) as request:
        request.execute(statement, (agency.client_b.id,))  # type: ignore[arg-type]

    count = one(admin, f"select count(*) as n from public.{table} where client_id = %s", agency.client_b.id)
    assert count["n"] == 0


@pytest.mark.parametrize(("column", "value"), [("role", "owner"), ("reseller_id", "other")])
def test_client_cannot_promote_or_move_itself(
    postgrest: Postgrest, tenancy: Tenancy, admin, column: str, value: str
) -> None:
    agency = tenancy.agency()
    other = tenancy.agency()
    target = other.reseller_id if value == "other" else value
    before = one(admin, "select * from public.clients where id = %s", agency.client_a.id)

    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(agency.client_a.claims) as request:
        request.execute(
            f"update public.clients set {column} = %s where id = %s", (target, agency.client_a.id)
        )  # type: ignore[arg-type]

    assert one(admin, "select * from public.clients where id = %s", agency.client_a.id) == before


@pytest.mark.parametrize(("column", "value"), [("status", "active"), ("plan_id", "enterprise")])
def test_client_cannot_change_subscription(
    postgrest: Postgrest, tenancy: Tenancy, admin, column: str, value: str
) -> None:
    agency = tenancy.agency(plan="basic", status="canceled")
    before = one(admin, "select * from public.subscriptions where client_id = %s", agency.client_a.id)

    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(agency.client_a.claims) as request:
        request.execute(
            f"update public.subscriptions set {column} = %s where client_id = %s",  # type: ignore[arg-type]
            (value, agency.client_a.id),
        )

    after = one(admin, "select * from public.subscriptions where client_id = %s", agency.client_a.id)
    assert after == before
    assert after["status"] == "canceled"
    assert after["plan_id"] == "basic"


def test_admin_cannot_write_other_agency_context(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    mine = tenancy.agency()
    theirs = tenancy.agency()
    tenancy.context(theirs.client_a.id)
    before = one(admin, "select * from public.client_context where client_id = %s", theirs.client_a.id)

    with postgrest(mine.admin.claims) as request:
        updated = request.execute(
            "update public.client_context set business_name = 'Secuestrado' where client_id = %s",
            (theirs.client_a.id,),
        )
    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(mine.admin.claims) as request:
        request.execute(
            "insert into public.client_context (client_id, business_name, industry) values (%s, 'X', 'Y')",
            (theirs.client_b.id,),
        )

    assert updated == 0
    assert (
        one(admin, "select * from public.client_context where client_id = %s", theirs.client_a.id) == before
    )
    count = one(
        admin, "select count(*) as n from public.client_context where client_id = %s", theirs.client_b.id
    )
    assert count["n"] == 0


def test_admin_writes_own_client_context(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()
    tenancy.context(agency.client_a.id)

    with postgrest(agency.admin.claims) as request:
        updated = request.execute(
            "update public.client_context set business_name = 'Panadería Nueva' where client_id = %s",
            (agency.client_a.id,),
        )

    row = one(admin, "select * from public.client_context where client_id = %s", agency.client_a.id)
    assert updated == 1
    assert row["business_name"] == "Panadería Nueva"
    assert row["version"] == 2


def test_huge_description_rejected(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()
    tenancy.context(agency.client_a.id)

    with pytest.raises(psycopg.errors.CheckViolation) as raised, postgrest(agency.client_a.claims) as request:
        request.execute(
            "update public.client_context set business_description = %s where client_id = %s",
            ("a" * 500_000, agency.client_a.id),
        )

    assert raised.value.diag.constraint_name == "client_context_business_description_length"
    assert "client_context_business_description_length" in str(raised.value)
    row = one(admin, "select * from public.client_context where client_id = %s", agency.client_a.id)
    assert row["business_description"] is None
    assert row["version"] == 1
