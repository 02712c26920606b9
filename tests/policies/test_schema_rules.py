"""Schema rules every migration must follow, checked on the live catalog."""

import logging
import re

import psycopg
from psycopg.rows import DictRow

from tests.policies import catalog

logger = logging.getLogger(__name__)

WRAPPED_UID = "( select auth.uid() as uid)"
EMPTY_SEARCH_PATH = 'search_path=""'


def test_public_tables_have_rls(admin: psycopg.Connection[DictRow]) -> None:
    without_rls = [name for name, enabled in catalog.public_tables(admin).items() if not enabled]

    assert without_rls == []


def test_public_tables_have_explicit_grants(admin: psycopg.Connection[DictRow]) -> None:
    implicit = [name for name in catalog.public_tables(admin) if not catalog.has_explicit_acl(admin, name)]

    assert implicit == []


def test_policies_name_their_roles(admin: psycopg.Connection[DictRow]) -> None:
    for_everyone = [
        (policy.table, policy.name) for policy in catalog.policies(admin) if "public" in policy.roles
    ]

    assert for_everyone == []


def test_policies_wrap_auth_uid(admin: psycopg.Connection[DictRow]) -> None:
    unwrapped = [
        (policy.table, policy.name)
        for policy in catalog.policies(admin)
        for expression in (policy.using, policy.with_check)
        if expression and "auth.uid()" in expression.replace(WRAPPED_UID, "")
    ]

    assert unwrapped == []


def test_definer_functions_pin_search_path(admin: psycopg.Connection[DictRow]) -> None:
    loose = [
        row["signature"] for row in catalog.definer_functions(admin) if EMPTY_SEARCH_PATH not in row["config"]
    ]

    assert loose == []


def test_unwrapped_uid_detected() -> None:
    """The auth.uid() rule itself: a bare call is caught, the wrapped form is not."""
    bare = catalog.normalize_expression("(client_id = auth.uid())")
    wrapped = catalog.normalize_expression("(client_id = ( SELECT auth.uid() AS uid))")

    assert bare is not None
    assert wrapped is not None
    assert "auth.uid()" in bare.replace(WRAPPED_UID, "")
    assert "auth.uid()" not in wrapped.replace(WRAPPED_UID, "")
    assert re.search(r"auth\.uid\(\)", wrapped)


class DiscardSchemaError(Exception):
    """Raised to roll back the deliberately bad schema objects of a test."""


def test_violations_are_detected(admin: psycopg.Connection[DictRow]) -> None:
    """Bad objects created in a rolled-back transaction trip every rule above."""
    try:
        with admin.transaction():
            admin.execute("create table public.rule_probe (id uuid primary key, owner_id uuid)")
            admin.execute('create policy "Open to everyone" on public.rule_probe for select using (true)')
            admin.execute(
                'create policy "Bare uid" on public.rule_probe for select to authenticated '
                "using (owner_id = auth.uid())"
            )
            admin.execute(
                "create function private.rule_probe_definer() returns int language sql security definer "
                "as 'select 1'"
            )
            admin.execute("grant execute on function private.rule_probe_definer() to anon")

            tables = catalog.public_tables(admin)
            policies = [policy for policy in catalog.policies(admin) if policy.table == "rule_probe"]
            definers = {row["signature"]: row for row in catalog.definer_functions(admin)}

            assert tables["rule_probe"] is False
            assert catalog.has_explicit_acl(admin, "rule_probe") is False
            assert any("public" in policy.roles for policy in policies)
            assert any(
                policy.using and "auth.uid()" in policy.using.replace(WRAPPED_UID, "") for policy in policies
            )
            probe = definers["private.rule_probe_definer()"]
            assert EMPTY_SEARCH_PATH not in probe["config"]
            assert probe["anon_may_execute"] is True
            raise DiscardSchemaError
    except DiscardSchemaError:
        pass

    assert "rule_probe" not in catalog.public_tables(admin)
