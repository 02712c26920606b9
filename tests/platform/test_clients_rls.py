"""Row-level security of public.clients, seen exactly as PostgREST would run each request."""

from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
import psycopg
import pytest
from psycopg.rows import DictRow

from app.core.security.tokens import TokenService
from tests.helpers.factories import Factory
from tests.helpers.postgrest import PostgrestSession

Postgrest = Callable[[dict[str, object] | None], AbstractContextManager[PostgrestSession]]


def client_row(admin: psycopg.Connection[DictRow], client_id: object) -> DictRow:
    row = admin.execute("select * from public.clients where id = %s", (client_id,)).fetchone()
    assert row is not None
    return row


def test_client_reads_only_itself(postgrest: Postgrest, factory: Factory) -> None:
    client_a = factory.user()
    client_b = factory.user()

    with postgrest(client_a.claims) as request:
        visible = request.rows("select id from public.clients")
        other = request.rows("select id from public.clients where id = %s", (client_b.id,))

    assert [row["id"] for row in visible] == [client_a.id]
    assert other == []


@pytest.mark.parametrize(
    ("column", "value"),
    [("role", "owner"), ("status", "suspended"), ("email", "otro@example.com"), ("reseller_id", None)],
)
def test_client_cannot_change_protected_column(
    postgrest: Postgrest, factory: Factory, admin: psycopg.Connection[DictRow], column: str, value: object
) -> None:
    reseller_id = factory.reseller()
    user = factory.user(reseller_id=reseller_id)
    before = client_row(admin, user.id)
    target = value if column != "reseller_id" else factory.reseller()
    statement = f"update public.clients set {column} = %s where id = %s"

    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(user.claims) as request:
        request.execute(statement, (target, user.id))  # type: ignore[arg-type]

    assert client_row(admin, user.id) == before


def test_client_updates_own_display_fields(
    postgrest: Postgrest, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    user = factory.user()

    with postgrest(user.claims) as request:
        changed = request.execute(
            "update public.clients set full_name = %s, avatar_url = %s where id = %s",
            ("Carmen Ortega Ruiz", "https://cdn.example.com/a.png", user.id),
        )

    row = client_row(admin, user.id)
    assert changed == 1
    assert row["full_name"] == "Carmen Ortega Ruiz"
    assert row["avatar_url"] == "https://cdn.example.com/a.png"


def test_client_cannot_rename_another(
    postgrest: Postgrest, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    client_a = factory.user()
    client_b = factory.user()

    with postgrest(client_a.claims) as request:
        changed = request.execute(
            "update public.clients set full_name = 'Hackeado' where id = %s", (client_b.id,)
        )

    assert changed == 0
    assert client_row(admin, client_b.id)["full_name"] == "Usuario de Prueba"


def test_client_cannot_insert_or_delete(
    postgrest: Postgrest, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    user = factory.user()

    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(user.claims) as request:
        request.execute("delete from public.clients where id = %s", (user.id,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(user.claims) as request:
        request.execute("insert into public.clients (email, full_name) values ('x@example.com', 'X')")

    assert client_row(admin, user.id)["id"] == user.id


def test_anon_reads_nothing(postgrest: Postgrest) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege), postgrest(None) as request:
        request.rows("select id from public.clients")


def test_revoked_session_rejected_before_query(
    postgrest: Postgrest, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    user = factory.user()
    admin.execute("update private.sessions set revoked_at = now() where id = %s", (user.session_id,))

    with pytest.raises(psycopg.Error) as raised, postgrest(user.claims) as request:
        request.rows("select id from public.clients")

    assert raised.value.sqlstate == "PT401"


def test_suspended_client_rejected_before_query(
    postgrest: Postgrest, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    user = factory.user()
    admin.execute("update public.clients set status = 'suspended' where id = %s", (user.id,))

    with pytest.raises(psycopg.Error) as raised, postgrest(user.claims) as request:
        request.rows("select id from public.clients")

    assert raised.value.sqlstate == "PT401"


async def test_seed_client_token_sees_own_row(
    client: httpx.AsyncClient, postgrest: Postgrest, tokens: TokenService
) -> None:
    login = await client.post(
        "/api/v1/auth/login", json={"email": "client@example.com", "password": "omega-demo"}
    )
    claims = tokens.verify(login.json()["data"]["access_token"]).claims

    with postgrest(claims) as request:
        rows = request.rows("select email from public.clients")

    assert login.status_code == 200
    assert [row["email"] for row in rows] == ["client@example.com"]
