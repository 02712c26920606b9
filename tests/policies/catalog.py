"""Read the live catalog in the same normalized shape the access matrix is written in."""

import logging
import re
from dataclasses import dataclass

import psycopg
from psycopg.rows import DictRow

logger = logging.getLogger(__name__)

API_ROLES = ("anon", "authenticated", "service_role")
# Every table privilege of Postgres 15; 17 and later add `maintain`, which `all` also covers.
TABLE_PRIVILEGES = frozenset({"select", "insert", "update", "delete", "truncate", "references", "trigger"})
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Policy:
    """One row-level security policy as Postgres stores it."""

    table: str
    name: str
    command: str
    roles: tuple[str, ...]
    using: str | None
    with_check: str | None


def normalize_expression(expression: str | None) -> str | None:
    """Collapse whitespace and case so that a deparsed expression compares with the matrix text."""
    if expression is None:
        return None
    return WHITESPACE.sub(" ", expression).strip().lower()


def public_tables(admin: psycopg.Connection[DictRow]) -> dict[str, bool]:
    """Map every ordinary or partitioned table of `public` to whether RLS is enabled."""
    rows = admin.execute(
        "select c.relname, c.relrowsecurity from pg_class c "
        "join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname"
    ).fetchall()
    return {row["relname"]: row["relrowsecurity"] for row in rows}


def policies(admin: psycopg.Connection[DictRow]) -> list[Policy]:
    """Return every policy on a `public` table."""
    rows = admin.execute(
        "select tablename, policyname, lower(cmd) as command, roles::text[] as roles, qual, with_check "
        "from pg_policies where schemaname = 'public' order by tablename, policyname"
    ).fetchall()
    return [
        Policy(
            table=row["tablename"],
            name=row["policyname"],
            command=row["command"],
            roles=tuple(sorted(row["roles"])),
            using=normalize_expression(row["qual"]),
            with_check=normalize_expression(row["with_check"]),
        )
        for row in rows
    ]


def table_grants(admin: psycopg.Connection[DictRow], table: str) -> dict[str, list[str]]:
    """Return each API role's privileges on `public.<table>`, written like `select` or `update (a, b)`.

    A role holding every table privilege is written `all`. Column
    privileges are listed only when the role lacks the same privilege on
    the whole table.
    """
    table_rows = admin.execute(
        "select grantee.rolname as role, lower(acl.privilege_type) as privilege "
        "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "cross join lateral aclexplode(c.relacl) acl "
        "join pg_roles grantee on grantee.oid = acl.grantee "
        "where n.nspname = 'public' and c.relname = %s",
        (table,),
    ).fetchall()
    column_rows = admin.execute(
        "select grantee.rolname as role, lower(acl.privilege_type) as privilege, a.attname as column_name "
        "from pg_attribute a join pg_class c on c.oid = a.attrelid "
        "join pg_namespace n on n.oid = c.relnamespace "
        "cross join lateral aclexplode(a.attacl) acl "
        "join pg_roles grantee on grantee.oid = acl.grantee "
        "where n.nspname = 'public' and c.relname = %s and a.attnum > 0 and not a.attisdropped",
        (table,),
    ).fetchall()

    grants: dict[str, list[str]] = {}
    for role in API_ROLES:
        whole = {row["privilege"] for row in table_rows if row["role"] == role}
        columns: dict[str, list[str]] = {}
        for row in column_rows:
            if row["role"] == role and row["privilege"] not in whole:
                columns.setdefault(row["privilege"], []).append(row["column_name"])
        listed = ["all"] if whole >= TABLE_PRIVILEGES else sorted(whole)
        listed += [f"{privilege} ({', '.join(sorted(names))})" for privilege, names in columns.items()]
        grants[role] = sorted(listed)
    return grants


def has_explicit_acl(admin: psycopg.Connection[DictRow], table: str) -> bool:
    """Report whether `public.<table>` has its own access list rather than the built-in default."""
    row = admin.execute(
        "select c.relacl is not null as explicit from pg_class c "
        "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relname = %s",
        (table,),
    ).fetchone()
    return bool(row and row["explicit"])


def public_function_grants(admin: psycopg.Connection[DictRow]) -> dict[str, list[str]]:
    """Map each function of `public` (as `name(argument types)`) to the API roles that may execute it."""
    rows = admin.execute(
        "select p.oid::regprocedure::text as signature, array("
        "select r from unnest(%s::text[]) r where has_function_privilege(r, p.oid, 'execute')) as roles "
        "from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
        "where n.nspname = 'public' and p.prokind = 'f'",
        (list(API_ROLES),),
    ).fetchall()
    return {row["signature"].removeprefix("public."): sorted(row["roles"]) for row in rows}


def definer_functions(admin: psycopg.Connection[DictRow]) -> list[DictRow]:
    """Return every security-definer function outside the system schemas with its settings and anon access."""
    return admin.execute(
        "select p.oid::regprocedure::text as signature, coalesce(p.proconfig, '{}') as config, "
        "has_function_privilege('anon', p.oid, 'execute') as anon_may_execute "
        "from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
        "where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema') "
        "order by 1"
    ).fetchall()
