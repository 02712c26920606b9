"""The transaction-local settings PostgREST applies before running a request's SQL.

PostgREST (v10 and later) opens a transaction per request, switches to the
token's role and exposes the verified claims as `request.jwt.claims`, both
local to that transaction. The service and the tests use exactly these
statements, so row-level security evaluates the same role and claims as under PostgREST.
"""

import json
import logging
from typing import LiteralString

logger = logging.getLogger(__name__)

ANON_ROLE = "anon"
AUTHENTICATED_ROLE = "authenticated"
API_ROLES = frozenset({ANON_ROLE, AUTHENTICATED_ROLE})

SET_CONTEXT_SQL: LiteralString = (
    "select set_config('role', %(role)s, true), "
    "set_config('request.jwt.claims', %(claims)s, true), "
    "set_config('request.method', %(method)s, true), "
    "set_config('request.path', %(path)s, true)"
)
PRE_REQUEST_SQL: LiteralString = "select private.check_request()"


def context_parameters(
    claims: dict[str, object] | None, method: str = "POST", path: str = "/"
) -> dict[str, str]:
    """Return the parameters of SET_CONTEXT_SQL for a caller, anon when `claims` is None.

    Raises:
        ValueError: the claims name a role other than anon or authenticated.
    """
    role = str(claims.get("role", ANON_ROLE)) if claims else ANON_ROLE
    if role not in API_ROLES:
        raise ValueError(f"Unsupported request role {role!r}; expected anon or authenticated")
    return {
        "role": role,
        "claims": json.dumps(claims if claims else {"role": ANON_ROLE}),
        "method": method,
        "path": path,
    }
