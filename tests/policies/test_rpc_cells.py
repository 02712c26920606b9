"""Every case of policies/rpcs.toml, called as PostgREST would call it and checked on the rows afterwards."""

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager

import psycopg
import pytest
from psycopg import sql

from tests.helpers.postgrest import PostgrestSession
from tests.policies.conftest import OpenRequest
from tests.policies.matrix import load_identities, load_rpcs
from tests.policies.requests import Actor, bypassing_rls, rolled_back

logger = logging.getLogger(__name__)

OpenPostgrest = Callable[[dict[str, object] | None], AbstractContextManager[PostgrestSession]]
RPCS, _ = load_rpcs()
CASES = [
    pytest.param(rpc.name, case.name, identity, id=f"{rpc.name}-{case.name}-{identity}")
    for rpc in RPCS.values()
    for case in rpc.cases
    for identity in load_identities()
]


@pytest.mark.parametrize(("rpc", "case_name", "identity"), CASES)
def test_rpc_cell(
    rpc: str, case_name: str, identity: str, actors: dict[str, Actor], open_request: OpenRequest
) -> None:
    case = next(case for case in RPCS[rpc].cases if case.name == case_name)
    actor = actors[identity]
    expected = case.outcomes[identity]
    call = sql.SQL("select result::text as result from ({}) as call").format(sql.SQL(case.call))  # type: ignore[arg-type]

    with rolled_back(open_request(actor)) as request:
        try:
            with request.conn.transaction():
                row = request.conn.execute(call).fetchone()
            outcome, result = "ok", (row["result"] if row else None)
        except psycopg.Error as error:
            outcome, result = error.sqlstate or "unknown", None
            logger.info("%s as %s raised %s: %s", rpc, identity, outcome, error.diag.message_primary)

        checked = None
        if outcome == "ok" and case.check:
            with bypassing_rls(request, actor):
                check = sql.SQL(case.check)  # type: ignore[arg-type]
                checked_row = request.conn.execute(check, {"result": result}).fetchone()
                checked = checked_row is not None and next(iter(checked_row.values())) is True

    assert outcome == expected, f"{rpc} ({case_name}) as {identity}"
    if outcome == "ok" and case.check:
        assert checked, f"{rpc} ({case_name}) as {identity}: check failed for result {result}"


def test_suspended_client_rejected_before_query(actors: dict[str, Actor], postgrest: OpenPostgrest) -> None:
    """Identities with `pre_request` are stopped by PostgREST's pre-request check before any SQL runs."""
    rejected = [actor for actor in actors.values() if actor.identity.pre_request]
    assert rejected, "identities.toml should describe at least one identity the pre-request check rejects"

    for actor in rejected:
        with pytest.raises(psycopg.Error) as raised, postgrest(actor.claims):
            pass
        assert raised.value.sqlstate == actor.identity.pre_request, actor.identity.name
