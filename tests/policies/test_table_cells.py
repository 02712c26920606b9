"""Every cell of policies/tables/*.toml, run as PostgREST would run it and checked on the rows afterwards.

Each probe runs in a request transaction that is rolled back, after reading
the rows back as service_role (which bypasses RLS) inside that transaction.
"""

import logging

import psycopg
import pytest
from psycopg.rows import DictRow

from tests.policies.cells import (
    SeedRow,
    column_value,
    delete_owner_rows,
    in_scope,
    insert_statement,
    insert_values,
    matching_rows,
    owner_candidates,
    representatives,
    row_exists,
    seed_rows,
    select_keys,
    update_statement,
)
from tests.policies.conftest import OpenRequest
from tests.policies.matrix import TableMatrix, load_identities, load_tables
from tests.policies.requests import Actor, bypassing_rls, rolled_back

logger = logging.getLogger(__name__)

TABLES = load_tables()
CELLS = [
    pytest.param(table, identity, id=f"{table}-{identity}")
    for table in sorted(TABLES)
    for identity in load_identities()
]


@pytest.mark.parametrize(("table", "identity"), CELLS)
def test_select_cell(
    table: str,
    identity: str,
    actors: dict[str, Actor],
    open_request: OpenRequest,
    admin: psycopg.Connection[DictRow],
) -> None:
    matrix = TABLES[table]
    actor = actors[identity]
    scope = matrix.access[identity]["select"]
    expected = {
        row.key for row in seed_rows(admin, matrix) if in_scope(row, actor, scope, matrix.probe.owner_kind)
    }

    if scope == "denied":
        with pytest.raises(psycopg.errors.InsufficientPrivilege), rolled_back(open_request(actor)) as request:
            select_keys(request.conn, matrix)
        return

    with rolled_back(open_request(actor)) as request:
        visible = select_keys(request.conn, matrix)
    assert visible == expected


@pytest.mark.parametrize(("table", "identity"), CELLS)
def test_update_cell(
    table: str,
    identity: str,
    actors: dict[str, Actor],
    open_request: OpenRequest,
    admin: psycopg.Connection[DictRow],
) -> None:
    matrix = TABLES[table]
    actor = actors[identity]
    scope = matrix.access[identity]["update"]
    statement, values = update_statement(matrix)
    column, value = next(iter(matrix.probe.update.items()))

    for target in representatives(seed_rows(admin, matrix)):
        allowed = in_scope(target, actor, scope, matrix.probe.owner_kind)
        with rolled_back(open_request(actor)) as request:
            with bypassing_rls(request, actor):
                before = column_value(request.conn, matrix, column, target.key)
            error, changed = _attempt(request.conn, statement, [*values, target.key])
            with bypassing_rls(request, actor):
                after = column_value(request.conn, matrix, column, target.key)

        context = f"{identity} updating {table} row {target.key} (scope {scope})"
        if allowed:
            assert error is None, f"{context}: {error}"
            assert changed == 1, context
            assert after == value, context
            assert before != value, f"{context}: the probe value must differ from the seed value"
        else:
            assert after == before, context
            assert error is not None or changed == 0, context
        if scope == "denied":
            assert isinstance(error, psycopg.errors.InsufficientPrivilege), context


@pytest.mark.parametrize(("table", "identity"), CELLS)
def test_delete_cell(
    table: str,
    identity: str,
    actors: dict[str, Actor],
    open_request: OpenRequest,
    admin: psycopg.Connection[DictRow],
) -> None:
    matrix = TABLES[table]
    actor = actors[identity]
    scope = matrix.access[identity]["delete"]
    statement = psycopg.sql.SQL("delete from {} where {}::text = %s").format(
        psycopg.sql.Identifier("public", table), psycopg.sql.Identifier(matrix.probe.key)
    )

    for target in representatives(seed_rows(admin, matrix)):
        allowed = in_scope(target, actor, scope, matrix.probe.owner_kind)
        with rolled_back(open_request(actor)) as request:
            error, deleted = _attempt(request.conn, statement, [target.key])
            with bypassing_rls(request, actor):
                still_there = row_exists(request.conn, matrix, target.key)

        context = f"{identity} deleting {table} row {target.key} (scope {scope})"
        assert still_there is not allowed, context
        if allowed:
            assert deleted == 1, context
        else:
            assert error is not None or deleted == 0, context
        if scope == "denied":
            assert isinstance(error, psycopg.errors.InsufficientPrivilege), context


@pytest.mark.parametrize(("table", "identity"), CELLS)
def test_insert_cell(
    table: str,
    identity: str,
    actors: dict[str, Actor],
    open_request: OpenRequest,
    admin: psycopg.Connection[DictRow],
) -> None:
    matrix = TABLES[table]
    actor = actors[identity]
    scope = matrix.access[identity]["insert"]
    if matrix.probe.insert is None:
        assert scope == "denied", f"{table}: a table without an insert probe must deny every insert"

    for target in _insert_targets(admin, matrix):
        allowed = (
            scope == "all" if target is None else in_scope(target, actor, scope, matrix.probe.owner_kind)
        )
        values: dict[str, object] = {}
        if matrix.probe.insert is not None:
            values = insert_values(matrix, target.owner if target else None)
        with rolled_back(open_request(actor)) as request:
            if matrix.probe.replace_on_insert and target is not None:
                with bypassing_rls(request, actor):
                    delete_owner_rows(request.conn, matrix, target.owner)
            error, inserted = _attempt(request.conn, insert_statement(matrix, values), list(values.values()))
            with bypassing_rls(request, actor):
                found = matching_rows(request.conn, matrix, values) if values else 0

        context = (
            f"{identity} inserting into {table} for {target.owner if target else 'a new row'} (scope {scope})"
        )
        if allowed:
            assert error is None, f"{context}: {error}"
            assert inserted == 1, context
            assert found == 1, context
        else:
            assert error is not None, context
            assert found == 0, context
        if scope == "denied":
            assert isinstance(error, psycopg.errors.InsufficientPrivilege), context


def _insert_targets(admin: psycopg.Connection[DictRow], matrix: TableMatrix) -> list[SeedRow | None]:
    """Owners to insert a row for; a single untargeted attempt when the table has no owner column."""
    if matrix.probe.owner is None or matrix.probe.self_owned or matrix.probe.insert is None:
        return [None]
    return [*owner_candidates(admin, matrix)]


def _attempt(
    conn: psycopg.Connection[DictRow], statement: psycopg.sql.Composable, params: list[object]
) -> tuple[psycopg.Error | None, int]:
    """Run a statement in a savepoint; return its error (or None) and the affected row count."""
    try:
        with conn.transaction():
            return None, conn.execute(statement, params).rowcount
    except psycopg.Error as error:
        return error, 0
