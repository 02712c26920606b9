"""The agency RPCs: public page, lead submission, dashboard and entitlement."""

import psycopg
import pytest

from tests.tenancy.conftest import Postgrest, Tenancy

SUBMIT = "select public.submit_lead(%s, %s, %s, %s, %s) as id"


def lead_count(admin, reseller_id, email: str | None = None) -> int:
    row = admin.execute(
        "select count(*) as n from public.leads where reseller_id = %s and (%s::text is null or email = %s)",
        (reseller_id, email, email),
    ).fetchone()
    return int(row["n"])


@pytest.mark.parametrize(
    "rpc",
    ["select public.reseller_dashboard()", "select * from public.create_invitation('a@b.co', 'client')"],
)
def test_anon_denied_admin_rpcs(postgrest: Postgrest, admin, rpc: str) -> None:
    before = admin.execute("select count(*) as n from public.invitations").fetchone()

    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(None) as request:
        request.rows(rpc)  # type: ignore[arg-type]

    assert admin.execute("select count(*) as n from public.invitations").fetchone() == before


def test_page_hides_suspended_agency(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()
    with postgrest(None) as request:
        page = request.rows("select public.public_reseller_page(%s) as page", (agency.slug,))[0]["page"]
    admin.execute("update public.resellers set status = 'suspended' where id = %s", (agency.reseller_id,))

    with pytest.raises(psycopg.Error) as suspended, postgrest(None) as request:
        request.rows("select public.public_reseller_page(%s)", (agency.slug,))
    with pytest.raises(psycopg.Error) as unknown, postgrest(None) as request:
        request.rows("select public.public_reseller_page('no-existe-nunca')")

    assert page["slug"] == agency.slug
    assert "commission_rate" not in page
    assert "contact_name" not in page
    assert suspended.value.sqlstate == unknown.value.sqlstate == "PT404"
    assert suspended.value.diag.message_primary == unknown.value.diag.message_primary


def test_lead_stored_normalized(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()

    with postgrest(None) as request:
        lead_id = request.rows(SUBMIT, (agency.slug, "  Irene Campos ", " Irene@Example.NET", "", "Hola"))[0][
            "id"
        ]

    row = admin.execute("select * from public.leads where id = %s", (lead_id,)).fetchone()
    assert row["reseller_id"] == agency.reseller_id
    assert row["name"] == "Irene Campos"
    assert row["email"] == "irene@example.net"
    assert row["phone"] is None
    assert row["status"] == "new"
    assert row["source"] == "public_page"


@pytest.mark.parametrize(
    "case",
    [
        ("", "a@example.net", None, None, "name"),
        ("x" * 201, "a@example.net", None, None, "name"),
        ("Ana", "sin-arroba", None, None, "email"),
        ("Ana", "a@example.net", "llámame", None, "phone"),
        ("Ana", "a@example.net", None, "m" * 2001, "message"),
    ],
)
def test_invalid_lead_rejected(postgrest: Postgrest, tenancy: Tenancy, admin, case: tuple) -> None:
    name, email, phone, message, fragment = case
    agency = tenancy.agency()

    with pytest.raises(psycopg.Error) as raised, postgrest(None) as request:
        request.rows(SUBMIT, (agency.slug, name, email, phone, message))

    assert raised.value.sqlstate == "PT400"
    assert fragment in (raised.value.diag.message_primary or "")
    assert lead_count(admin, agency.reseller_id) == 0


def test_lead_to_inactive_agency_refused(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()
    admin.execute("update public.resellers set status = 'terminated' where id = %s", (agency.reseller_id,))

    with pytest.raises(psycopg.Error) as raised, postgrest(None) as request:
        request.rows(SUBMIT, (agency.slug, "Ana", "ana@example.net", None, None))

    assert raised.value.sqlstate == "PT404"
    assert lead_count(admin, agency.reseller_id) == 0


def test_sixth_lead_in_hour_refused(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()
    other = tenancy.agency()
    for attempt in range(5):
        with postgrest(None) as request:
            request.rows(SUBMIT, (agency.slug, "Ana", "ana@example.net", None, f"intento {attempt}"))

    with pytest.raises(psycopg.Error) as raised, postgrest(None) as request:
        request.rows(SUBMIT, (agency.slug, "Ana", "ANA@example.net", None, "sexto"))
    with postgrest(None) as request:
        request.rows(SUBMIT, (agency.slug, "Bea", "bea@example.net", None, None))
        request.rows(SUBMIT, (other.slug, "Ana", "ana@example.net", None, None))

    assert raised.value.sqlstate == "PT429"
    assert lead_count(admin, agency.reseller_id, "ana@example.net") == 5
    assert lead_count(admin, agency.reseller_id, "bea@example.net") == 1
    assert lead_count(admin, other.reseller_id, "ana@example.net") == 1


def test_dashboard_counts_agency(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency(plan="pro", status="active")
    tenancy.subscribe(agency.client_b.id, "basic", "past_due")
    admin.execute("update public.resellers set commission_rate = 0.25 where id = %s", (agency.reseller_id,))
    admin.execute(
        "insert into public.leads (reseller_id, name, email, status) values "
        "(%s, 'A', 'a@example.net', 'new'), (%s, 'B', 'b@example.net', 'converted'), "
        "(%s, 'C', 'c@example.net', 'converted')",
        (agency.reseller_id, agency.reseller_id, agency.reseller_id),
    )

    with postgrest(agency.admin.claims) as request:
        dashboard = request.rows("select public.reseller_dashboard() as d")[0]["d"]
    with pytest.raises(psycopg.Error) as other, postgrest(agency.admin.claims) as request:
        request.rows("select public.reseller_dashboard('10000000-0000-4000-a000-000000000002')")

    assert dashboard["reseller_id"] == str(agency.reseller_id)
    assert dashboard["clients_by_status"] == {"active": 2, "suspended": 0}
    assert dashboard["subscriptions_by_status"]["active"] == 1
    assert dashboard["subscriptions_by_status"]["past_due"] == 1
    assert dashboard["mrr_cents"] == 7900 + 2900
    assert dashboard["commission_cents"] == round((7900 + 2900) * 0.25)
    assert dashboard["leads_by_status"] == {"new": 1, "contacted": 0, "converted": 2, "lost": 0}
    assert other.value.sqlstate == "PT403"


def test_entitlement_for_self_and_admin(postgrest: Postgrest, tenancy: Tenancy) -> None:
    agency = tenancy.agency(plan="pro", status="active")
    outsider = tenancy.agency()
    tenancy.social_account(agency.client_a.id)

    with postgrest(agency.client_a.claims) as request:
        own = request.rows("select public.client_entitlement() as e")[0]["e"]
    with postgrest(agency.admin.claims) as request:
        managed = request.rows("select public.client_entitlement(%s) as e", (agency.client_a.id,))[0]["e"]
    with pytest.raises(psycopg.Error) as denied, postgrest(outsider.admin.claims) as request:
        request.rows("select public.client_entitlement(%s)", (agency.client_a.id,))

    assert own == managed
    assert own["plan_id"] == "pro"
    assert own["allows_work"] is True
    assert own["max_social_accounts"] == 5
    assert own["social_accounts_used"] == 1
    assert denied.value.sqlstate == "PT403"
