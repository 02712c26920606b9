"""Turn a matrix cell (table, identity, command) into statements and read back the rows they touched."""

import logging
from dataclasses import dataclass

import psycopg
from psycopg import sql
from psycopg.rows import DictRow

from tests.policies.matrix import TableMatrix
from tests.policies.requests import Actor

logger = logging.getLogger(__name__)

# seed.sql gives its clients and agencies fixed ids with these prefixes.
SEED_ID_PREFIXES = ("00000000-0000-4000-a000-", "10000000-0000-4000-a000-")


@dataclass(frozen=True)
class SeedRow:
    """A row of the table under test: its key, its owner (client or agency) and the owner's agency."""

    key: str
    owner: str | None
    agency: str | None


def seed_rows(admin: psycopg.Connection[DictRow], matrix: TableMatrix) -> list[SeedRow]:
    """Read every row of the table with the owner and agency the scopes are judged by."""
    probe = matrix.probe
    table = sql.Identifier("public", matrix.table)
    key = sql.Identifier(probe.key)
    if probe.owner is None:
        query = sql.SQL("select t.{}::text as key, null as owner, null as agency from {} t").format(
            key, table
        )
    elif probe.owner_kind == "client":
        query = sql.SQL(
            "select t.{key}::text as key, t.{owner}::text as owner, c.reseller_id::text as agency "
            "from {table} t left join public.clients c on c.id = t.{owner}"
        ).format(key=key, owner=sql.Identifier(probe.owner), table=table)
    else:
        query = sql.SQL(
            "select t.{key}::text as key, t.{owner}::text as owner, t.{owner}::text as agency from {table} t"
        ).format(key=key, owner=sql.Identifier(probe.owner), table=table)
    return [SeedRow(row["key"], row["owner"], row["agency"]) for row in admin.execute(query).fetchall()]


def in_scope(row: SeedRow, actor: Actor, scope: str, owner_kind: str | None) -> bool:
    """Report whether a matrix scope (all, agency, own, none, denied) covers a row for an actor."""
    if scope == "all":
        return True
    if scope == "agency":
        return actor.reseller_id is not None and row.agency == str(actor.reseller_id)
    if scope == "own":
        mine = actor.client_id if owner_kind == "client" else actor.reseller_id
        return mine is not None and row.owner == str(mine)
    return False


def representatives(rows: list[SeedRow]) -> list[SeedRow]:
    """Pick one row per seed owner (every row when the table has no owner) to probe writes with.

    Rows of owners that other tests created are skipped: each probe opens a
    request, and those owners add cost without adding a kind of user.
    """
    picked: dict[str | None, SeedRow] = {}
    for row in sorted(rows, key=lambda candidate: candidate.key):
        if row.owner is None or row.owner.startswith(SEED_ID_PREFIXES):
            picked.setdefault(row.owner if row.owner is not None else row.key, row)
    return list(picked.values())


def owner_candidates(admin: psycopg.Connection[DictRow], matrix: TableMatrix) -> list[SeedRow]:
    """Every client or agency a row could be inserted for, as rows with no key yet."""
    if matrix.probe.owner_kind == "client":
        rows = admin.execute(
            "select id::text as owner, reseller_id::text as agency from public.clients"
        ).fetchall()
    else:
        rows = admin.execute("select id::text as owner, id::text as agency from public.resellers").fetchall()
    return [
        SeedRow("", row["owner"], row["agency"]) for row in rows if row["owner"].startswith(SEED_ID_PREFIXES)
    ]


def select_keys(conn: psycopg.Connection[DictRow], matrix: TableMatrix) -> set[str]:
    """Return the keys of the rows the current role can read."""
    query = sql.SQL("select {}::text as key from {}").format(
        sql.Identifier(matrix.probe.key), sql.Identifier("public", matrix.table)
    )
    return {row["key"] for row in conn.execute(query).fetchall()}


def column_value(conn: psycopg.Connection[DictRow], matrix: TableMatrix, column: str, key: str) -> object:
    """Return one column of the row with `key`, or None when the row is gone."""
    query = sql.SQL("select {} as value from {} where {}::text = %s").format(
        sql.Identifier(column), sql.Identifier("public", matrix.table), sql.Identifier(matrix.probe.key)
    )
    row = conn.execute(query, (key,)).fetchone()
    return None if row is None else row["value"]


def row_exists(conn: psycopg.Connection[DictRow], matrix: TableMatrix, key: str) -> bool:
    """Report whether the row with `key` exists (for the current role)."""
    query = sql.SQL("select 1 from {} where {}::text = %s").format(
        sql.Identifier("public", matrix.table), sql.Identifier(matrix.probe.key)
    )
    return conn.execute(query, (key,)).fetchone() is not None


def update_statement(matrix: TableMatrix) -> tuple[sql.Composed, list[object]]:
    """Build the probe's UPDATE; the row key is the last parameter."""
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = %s").format(sql.Identifier(column)) for column in matrix.probe.update
    )
    statement = sql.SQL("update {} set {} where {}::text = %s").format(
        sql.Identifier("public", matrix.table), assignments, sql.Identifier(matrix.probe.key)
    )
    return statement, list(matrix.probe.update.values())


def insert_values(matrix: TableMatrix, owner: str | None) -> dict[str, object]:
    """Return the probe's insert values, with the owner column set when the table has one."""
    values: dict[str, object] = dict(matrix.probe.insert or {})
    if matrix.probe.owner is not None and not matrix.probe.self_owned:
        values[matrix.probe.owner] = owner
    return values


def insert_statement(matrix: TableMatrix, values: dict[str, object]) -> sql.Composed:
    """Build the probe's INSERT (`default values` when the matrix gives no sample row)."""
    table = sql.Identifier("public", matrix.table)
    if not values:
        return sql.SQL("insert into {} default values").format(table)
    return sql.SQL("insert into {} ({}) values ({})").format(
        table,
        sql.SQL(", ").join(sql.Identifier(column) for column in values),
        sql.SQL(", ").join(sql.Placeholder() for _ in values),
    )


def matching_rows(conn: psycopg.Connection[DictRow], matrix: TableMatrix, values: dict[str, object]) -> int:
    """Count the rows equal to the probe's insert values."""
    conditions = sql.SQL(" and ").join(
        sql.SQL("{} is not distinct from %s").format(sql.Identifier(column)) for column in values
    )
    query = sql.SQL("select count(*) as n from {} where {}").format(
        sql.Identifier("public", matrix.table), conditions
    )
    row = conn.execute(query, list(values.values())).fetchone()
    return int(row["n"]) if row else 0


def delete_owner_rows(conn: psycopg.Connection[DictRow], matrix: TableMatrix, owner: str | None) -> None:
    """Delete the owner's existing row of a one-row-per-owner table before an insert probe."""
    assert matrix.probe.owner is not None
    query = sql.SQL("delete from {} where {}::text = %s").format(
        sql.Identifier("public", matrix.table), sql.Identifier(matrix.probe.owner)
    )
    conn.execute(query, (owner,))
