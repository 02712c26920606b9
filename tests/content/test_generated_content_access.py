"""generated_content under PostgREST: who reads, who marks as saved, who deletes, and that nobody inserts."""

import json

import psycopg
import pytest
from psycopg.rows import dict_row

from app.infrastructure.request_context import SET_CONTEXT_SQL, context_parameters
from tests.content.conftest import ContextClientMaker, stored_rows
from tests.helpers.database import TestDatabase
from tests.helpers.factories import Factory, TestUser

STORE_SQL = (
    "select id from private.store_generated_content(%s, null, 'caption', 'instagram', 'es', 'Brief', 1, %s)"
)


def _store(admin, user: TestUser, text: str) -> str:
    item = {
        "variant": 1,
        "output": text,
        "provider": "offline",
        "model": "offline-templates-v1",
        "warnings": [],
    }
    row = admin.execute(STORE_SQL, (user.id, json.dumps([item]))).fetchone()
    assert row is not None
    return str(row["id"])


def _visible(postgrest, user: TestUser | None) -> set[str]:
    with postgrest(user.claims if user else None) as session:
        return {str(row["id"]) for row in session.rows("select id from public.generated_content")}


@pytest.fixture
def agency_rows(factory: Factory, context_client: ContextClientMaker, admin):
    agency = factory.reseller()
    client_a = context_client(reseller_id=agency)
    client_b = context_client(reseller_id=agency)
    outsider = context_client(reseller_id=factory.reseller())
    rows = {
        "a": _store(admin, client_a, "Texto de A"),
        "b": _store(admin, client_b, "Texto de B"),
        "outsider": _store(admin, outsider, "Texto ajeno"),
    }
    return agency, client_a, client_b, outsider, rows


def test_each_identity_reads_its_scope(agency_rows, factory: Factory, postgrest) -> None:
    agency, client_a, client_b, _, rows = agency_rows
    reseller_admin = factory.user(role="reseller", reseller_id=agency)
    other_admin = factory.user(role="reseller", reseller_id=factory.reseller())
    owner = factory.user(role="owner")

    assert _visible(postgrest, client_a) & set(rows.values()) == {rows["a"]}
    assert _visible(postgrest, client_b) & set(rows.values()) == {rows["b"]}
    assert _visible(postgrest, reseller_admin) == {rows["a"], rows["b"]}
    assert _visible(postgrest, other_admin) & set(rows.values()) == set()
    assert _visible(postgrest, owner) >= set(rows.values())


def test_anon_is_denied(agency_rows, postgrest) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(None) as session:
        session.rows("select id from public.generated_content")


def test_client_marks_own_row_saved(agency_rows, postgrest, admin) -> None:
    _, client_a, client_b, _, rows = agency_rows

    with postgrest(client_a.claims) as session:
        own = session.execute(
            "update public.generated_content set is_saved = true where id = %s", (rows["a"],)
        )
        other = session.execute(
            "update public.generated_content set is_saved = true where id = %s", (rows["b"],)
        )

    assert own == 1
    assert other == 0
    assert [row["is_saved"] for row in stored_rows(admin, client_a.id)] == [True]
    assert [row["is_saved"] for row in stored_rows(admin, client_b.id)] == [False]


@pytest.mark.parametrize(
    "assignment",
    ["output = 'cambiado'", "client_id = gen_random_uuid()", "provider = 'openai'", "created_at = now()"],
)
def test_client_cannot_change_other_columns(agency_rows, postgrest, admin, assignment: str) -> None:
    _, client_a, _, _, rows = agency_rows
    statement = f"update public.generated_content set {assignment} where id = %s"

    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(client_a.claims) as session:
        session.execute(statement, (rows["a"],))  # type: ignore[arg-type]

    assert stored_rows(admin, client_a.id)[0]["output"] == "Texto de A"


def test_reseller_admin_cannot_change_rows(agency_rows, factory: Factory, postgrest, admin) -> None:
    agency, client_a, _, _, rows = agency_rows
    reseller_admin = factory.user(role="reseller", reseller_id=agency)

    with postgrest(reseller_admin.claims) as session:
        updated = session.execute(
            "update public.generated_content set is_saved = true where id = %s", (rows["a"],)
        )
        deleted = session.execute("delete from public.generated_content where id = %s", (rows["a"],))

    assert updated == 0
    assert deleted == 0
    assert len(stored_rows(admin, client_a.id)) == 1


def test_client_deletes_only_own_rows(agency_rows, postgrest, admin) -> None:
    _, client_a, client_b, _, rows = agency_rows

    with postgrest(client_a.claims) as session:
        other = session.execute("delete from public.generated_content where id = %s", (rows["b"],))
        own = session.execute("delete from public.generated_content where id = %s", (rows["a"],))

    assert other == 0
    assert own == 1
    assert stored_rows(admin, client_a.id) == []
    assert len(stored_rows(admin, client_b.id)) == 1


def test_nobody_inserts_through_postgrest(agency_rows, factory: Factory, postgrest, admin) -> None:
    agency, client_a, _, _, _ = agency_rows
    owner = factory.user(role="owner")
    insert = (
        "insert into public.generated_content (client_id, kind, language, brief, output, provider, model, "
        "context_version) values (%s, 'caption', 'es', 'b', 'o', 'offline', 'm', 1)"
    )

    for user in (client_a, owner, factory.user(role="reseller", reseller_id=agency)):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(user.claims) as session:
            session.execute(insert, (client_a.id,))

    assert len(stored_rows(admin, client_a.id)) == 1


def test_service_functions_not_callable_by_users(agency_rows, postgrest) -> None:
    _, client_a, _, _, _ = agency_rows
    calls = [
        ("select private.consume_generations(%s, 1)", (client_a.id,)),
        ("select private.release_generations(%s, current_date, 1)", (client_a.id,)),
        ("select private.client_exists(%s)", (client_a.id,)),
        (STORE_SQL, (client_a.id, "[]")),
    ]

    for statement, params in calls:
        with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(client_a.claims) as session:
            session.rows(statement, params)  # type: ignore[arg-type]


def test_suspended_client_rejected(agency_rows, postgrest, admin, database: TestDatabase) -> None:
    _, client_a, _, _, rows = agency_rows
    admin.execute("update public.clients set status = 'suspended' where id = %s", (client_a.id,))

    with pytest.raises(psycopg.ProgrammingError, match="suspended"), postgrest(client_a.claims) as session:
        session.rows("select id from public.generated_content")

    # Without the pre-request check, the policies alone still hide the row.
    with psycopg.connect(database.authenticator_url, row_factory=dict_row) as conn, conn.transaction():
        conn.execute(SET_CONTEXT_SQL, context_parameters(client_a.claims))
        visible = conn.execute(
            "select id from public.generated_content where id = %s", (rows["a"],)
        ).fetchall()
    assert visible == []
