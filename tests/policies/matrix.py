"""Load the access matrix of policies/ (TOML, read with the standard library's tomllib)."""

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.policies.catalog import Policy, normalize_expression

logger = logging.getLogger(__name__)

POLICIES_DIR = Path(__file__).resolve().parents[2] / "policies"
COMMANDS = ("select", "insert", "update", "delete")
SCOPES = frozenset({"all", "agency", "own", "none", "denied"})
OWNER_KINDS = frozenset({"client", "reseller"})


class MatrixError(ValueError):
    """A matrix file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Identity:
    """Someone the matrix describes: anon, or a demo user of seed.sql."""

    name: str
    description: str
    email: str | None
    pre_request: str | None


# The probe values come straight from TOML: strings, booleans or numbers.
ProbeValues = dict[str, str | bool | int]


@dataclass(frozen=True)
class Probe:
    """How the tests exercise a table: the key column, the owner column and sample values.

    `self_owned` marks clients and resellers, whose rows are the owners
    themselves, so an insert probe has no owner to target.
    """

    key: str
    owner: str | None
    owner_kind: str | None
    self_owned: bool
    update: ProbeValues
    insert: ProbeValues | None
    replace_on_insert: bool


@dataclass(frozen=True)
class TableMatrix:
    """One public table: RLS, grants, policies, and the scope of each identity per command."""

    table: str
    rls: bool
    access: dict[str, dict[str, str]]
    grants: dict[str, list[str]]
    policies: list[Policy]
    probe: Probe


@dataclass(frozen=True)
class RpcCase:
    """One call of an RPC and the expected outcome (`ok` or a SQLSTATE) per identity."""

    name: str
    call: str
    check: str | None
    outcomes: dict[str, str]


@dataclass(frozen=True)
class RpcMatrix:
    """One public function: who may execute it and what each identity gets."""

    name: str
    signature: str
    execute: list[str]
    cases: list[RpcCase]


def load_identities() -> dict[str, Identity]:
    """Read policies/identities.toml."""
    data = tomllib.loads((POLICIES_DIR / "identities.toml").read_text(encoding="utf-8"))
    return {
        name: Identity(name, entry["description"], entry.get("email"), entry.get("pre_request"))
        for name, entry in data.items()
    }


def load_tables() -> dict[str, TableMatrix]:
    """Read every policies/tables/*.toml file, checking each cell names a known identity and scope."""
    identities = load_identities()
    tables = {}
    for path in sorted((POLICIES_DIR / "tables").glob("*.toml")):
        table = _table(path, tomllib.loads(path.read_text(encoding="utf-8")), identities)
        tables[table.table] = table
    return tables


def load_rpcs() -> tuple[dict[str, RpcMatrix], list[str]]:
    """Read policies/rpcs.toml: the RPCs, and the security-definer functions anon may execute."""
    data = tomllib.loads((POLICIES_DIR / "rpcs.toml").read_text(encoding="utf-8"))
    identities = load_identities()
    anon_definers = list(data.pop("anon_may_execute_definer"))
    rpcs = {}
    for name, entry in data.items():
        cases = []
        for case_name, case in entry.get("cases", {}).items():
            outcomes = {key: value for key, value in case.items() if key not in ("call", "check")}
            if set(outcomes) != set(identities):
                missing = sorted(set(identities) ^ set(outcomes))
                raise MatrixError(f"rpcs.toml {name}.cases.{case_name}: identities differ: {missing}")
            cases.append(RpcCase(case_name, case["call"], case.get("check"), outcomes))
        rpcs[name] = RpcMatrix(name, entry["signature"], sorted(entry["execute"]), cases)
    return rpcs, anon_definers


def _table(path: Path, data: dict[str, object], identities: dict[str, Identity]) -> TableMatrix:
    """Build one table's matrix from its parsed file."""
    table = str(data["table"])
    raw_access = data["access"]
    assert isinstance(raw_access, dict)
    if set(raw_access) != set(identities):
        raise MatrixError(
            f"{path.name}: [access] identities differ: {sorted(set(raw_access) ^ set(identities))}"
        )

    access: dict[str, dict[str, str]] = {}
    for identity, scopes in raw_access.items():
        if len(scopes) != len(COMMANDS) or not set(scopes) <= SCOPES:
            raise MatrixError(f"{path.name}: {identity} needs 4 scopes out of {sorted(SCOPES)}, got {scopes}")
        access[identity] = dict(zip(COMMANDS, scopes, strict=True))

    raw_probe = data["probe"]
    assert isinstance(raw_probe, dict)
    owner_kind = raw_probe.get("owner_kind")
    if owner_kind is not None and owner_kind not in OWNER_KINDS:
        raise MatrixError(f"{path.name}: owner_kind must be one of {sorted(OWNER_KINDS)}")
    probe = Probe(
        key=raw_probe["key"],
        owner=raw_probe.get("owner"),
        owner_kind=owner_kind,
        self_owned=bool(raw_probe.get("self_owned", False)),
        update=dict(raw_probe["update"]),
        insert=dict(raw_probe["insert"]) if "insert" in raw_probe else None,
        replace_on_insert=bool(raw_probe.get("replace_on_insert", False)),
    )

    raw_policies = data.get("policies", [])
    assert isinstance(raw_policies, list)
    policies = [
        Policy(
            table=table,
            name=entry["name"],
            command=entry["command"],
            roles=tuple(sorted(entry["roles"])),
            using=normalize_expression(entry.get("using")),
            with_check=normalize_expression(entry.get("with_check")),
        )
        for entry in raw_policies
    ]
    grants = data["grants"]
    assert isinstance(grants, dict)
    return TableMatrix(
        table, bool(data["rls"]), access, {k: sorted(v) for k, v in grants.items()}, policies, probe
    )
