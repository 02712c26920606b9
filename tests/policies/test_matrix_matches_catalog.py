"""The access matrix and the live database describe the same rules: a change to one alone fails here."""

import logging

import psycopg
from psycopg.rows import DictRow

from tests.policies import catalog
from tests.policies.matrix import load_rpcs, load_tables

logger = logging.getLogger(__name__)


def test_matrix_covers_every_public_table(admin: psycopg.Connection[DictRow]) -> None:
    live = set(catalog.public_tables(admin))
    documented = set(load_tables())

    assert live - documented == set(), "public tables missing from policies/tables/"
    assert documented - live == set(), "policies/tables/ describes tables that do not exist"


def test_matrix_rls_flags_match(admin: psycopg.Connection[DictRow]) -> None:
    live = catalog.public_tables(admin)

    for name, matrix in load_tables().items():
        assert matrix.rls == live.get(name), f"{name}: rls in the matrix differs from the database"


def test_matrix_grants_match(admin: psycopg.Connection[DictRow]) -> None:
    for name, matrix in load_tables().items():
        assert catalog.table_grants(admin, name) == matrix.grants, (
            f"{name}: [grants] differ from the database"
        )


def test_matrix_policies_match(admin: psycopg.Connection[DictRow]) -> None:
    tables = load_tables()
    live = {(policy.table, policy.name): policy for policy in catalog.policies(admin)}
    documented = {
        (policy.table, policy.name): policy for matrix in tables.values() for policy in matrix.policies
    }

    assert sorted(set(live) - set(documented)) == [], "policies in the database but not in the matrix"
    assert sorted(set(documented) - set(live)) == [], "policies in the matrix but not in the database"
    for key, policy in documented.items():
        assert live[key] == policy, f"policy {key} differs between the matrix and the database"


def test_matrix_rpc_grants_match(admin: psycopg.Connection[DictRow]) -> None:
    rpcs, _ = load_rpcs()
    live = catalog.public_function_grants(admin)
    documented = {rpc.signature: rpc.execute for rpc in rpcs.values()}

    assert sorted(set(live) - set(documented)) == [], "public functions missing from policies/rpcs.toml"
    assert sorted(set(documented) - set(live)) == [], "policies/rpcs.toml lists functions that do not exist"
    for signature, roles in documented.items():
        assert live[signature] == roles, f"{signature}: execute grants differ from the database"


def test_every_rpc_has_cases() -> None:
    rpcs, _ = load_rpcs()

    for rpc in rpcs.values():
        assert rpc.cases, f"{rpc.name}: policies/rpcs.toml needs at least one case"


def test_anon_definer_functions_match(admin: psycopg.Connection[DictRow]) -> None:
    _, documented = load_rpcs()
    live = [row["signature"] for row in catalog.definer_functions(admin) if row["anon_may_execute"]]

    assert sorted(live) == sorted(documented), "security-definer functions anon may execute"
