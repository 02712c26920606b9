"""Authority comes from the tables at request time; each agency reads only its own clients."""

from datetime import UTC, datetime, timedelta

import httpx
import psycopg

from app.core.security.tokens import TokenService
from tests.tenancy.conftest import Postgrest, Tenancy

IMPULSO = "10000000-0000-4000-a000-000000000001"


async def test_seed_reseller_sees_own_clients(
    client: httpx.AsyncClient, postgrest: Postgrest, tokens: TokenService, admin
) -> None:
    login = await client.post(
        "/api/v1/auth/login", json={"email": "reseller@example.com", "password": "omega-demo"}
    )
    claims = tokens.verify(login.json()["data"]["access_token"]).claims

    with postgrest(claims) as request:
        visible = {row["email"] for row in request.rows("select email from public.clients")}
        contexts = {
            row["business_name"] for row in request.rows("select business_name from public.client_context")
        }
        leads = {str(row["reseller_id"]) for row in request.rows("select reseller_id from public.leads")}

    agency = {
        row["email"]
        for row in admin.execute("select email from public.clients where reseller_id = %s", (IMPULSO,))
    }
    assert login.status_code == 200
    assert visible == agency
    assert "client@example.com" in visible
    assert "floristeria@example.com" not in visible
    assert "Panadería La Espiga" in contexts
    assert "Floristería Prieto" not in contexts
    assert leads == {IMPULSO}


def test_demoted_admin_loses_access_at_once(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()
    with postgrest(agency.admin.claims) as request:
        before = request.rows("select id from public.clients where role = 'client'")

    admin.execute("update public.clients set role = 'client' where id = %s", (agency.admin.id,))
    with postgrest(agency.admin.claims) as request:
        after = request.rows("select id from public.clients")

    assert {row["id"] for row in before} == {agency.client_a.id, agency.client_b.id}
    assert [row["id"] for row in after] == [agency.admin.id]


def test_suspended_agency_reads_only_profiles(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency(plan="pro", status="active")
    tenancy.context(agency.client_a.id)
    admin.execute("update public.resellers set status = 'suspended' where id = %s", (agency.reseller_id,))

    with postgrest(agency.admin.claims) as request:
        admin_view = request.rows("select id from public.clients")
        admin_leads = request.rows("select id from public.leads")
    with postgrest(agency.client_a.claims) as request:
        own_profile = request.rows("select id from public.clients")
        own_context = request.rows("select client_id from public.client_context")
        renamed = request.execute(
            "update public.clients set full_name = 'Cambio' where id = %s", (agency.client_a.id,)
        )

    assert [row["id"] for row in admin_view] == [agency.admin.id]
    assert admin_leads == []
    assert [row["id"] for row in own_profile] == [agency.client_a.id]
    assert own_context == []
    assert renamed == 0
    row = admin.execute(
        "select full_name from public.clients where id = %s", (agency.client_a.id,)
    ).fetchone()
    assert row["full_name"] == "Usuario de Prueba"


async def test_registration_starts_basic_trial(client: httpx.AsyncClient, admin) -> None:
    response = await client.post(
        "/api/v1/auth/register",
        json={
            "email": "prueba.trial@example.net",
            "password": "contraseña segura",
            "full_name": "Prueba Trial",
        },
    )

    client_id = response.json()["data"]["client"]["id"]
    row = admin.execute("select * from public.subscriptions where client_id = %s", (client_id,)).fetchone()
    assert response.status_code == 201
    assert row["plan_id"] == "basic"
    assert row["status"] == "trialing"
    assert abs(row["trial_ends_at"] - (datetime.now(UTC) + timedelta(days=7))) < timedelta(minutes=1)


def test_lead_contacted_at_stamped(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()
    lead = admin.execute(
        "insert into public.leads (reseller_id, name, email) "
        "values (%s, 'Ana', 'ana@example.net') returning id",
        (agency.reseller_id,),
    ).fetchone()

    with postgrest(agency.admin.claims) as request:
        request.execute("update public.leads set status = 'contacted' where id = %s", (lead["id"],))

    row = admin.execute(
        "select status, contacted_at from public.leads where id = %s", (lead["id"],)
    ).fetchone()
    assert row["status"] == "contacted"
    assert row["contacted_at"] is not None


def test_admin_cannot_change_commission(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()

    try:
        with postgrest(agency.admin.claims) as request:
            request.execute(
                "update public.resellers set commission_rate = 0 where id = %s", (agency.reseller_id,)
            )
        sqlstate = "ok"
    except psycopg.Error as error:
        sqlstate = error.sqlstate or "unknown"

    row = admin.execute(
        "select commission_rate from public.resellers where id = %s", (agency.reseller_id,)
    ).fetchone()
    assert sqlstate == "PT403"
    assert float(row["commission_rate"]) == 0.2


def test_owner_suspends_and_creates_agencies(postgrest: Postgrest, tenancy: Tenancy, factory, admin) -> None:
    agency = tenancy.agency()
    owner = factory.user(role="owner")

    with postgrest(owner.claims) as request:
        request.execute(
            "update public.resellers set status = 'suspended' where id = %s", (agency.reseller_id,)
        )
        request.execute(
            "insert into public.resellers (slug, agency_name, commission_rate) "
            "values ('agencia-creada-por-owner', 'Agencia Nueva', 0.15)"
        )
    with postgrest(agency.admin.claims) as request:
        clients_seen = request.rows("select id from public.clients where role = 'client'")

    suspended = admin.execute(
        "select status from public.resellers where id = %s", (agency.reseller_id,)
    ).fetchone()
    created = admin.execute(
        "select status, commission_rate from public.resellers where slug = 'agencia-creada-por-owner'"
    ).fetchone()
    assert suspended["status"] == "suspended"
    assert created["status"] == "active"
    assert float(created["commission_rate"]) == 0.15
    assert clients_seen == []
