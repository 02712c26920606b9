"""Fixtures of the access-matrix tests: a token for every identity of policies/identities.toml."""

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager

import psycopg
import pytest
from psycopg.rows import dict_row

from app.core.security.tokens import TokenService
from tests.helpers.database import TestDatabase
from tests.helpers.postgrest import PostgrestSession
from tests.policies.matrix import load_identities
from tests.policies.requests import Actor, policies_only

logger = logging.getLogger(__name__)

OpenRequest = Callable[[Actor], AbstractContextManager[PostgrestSession]]


@pytest.fixture(scope="session")
def actors(database: TestDatabase, tokens: TokenService) -> dict[str, Actor]:
    """Open a session for every seed user of the matrix and mint its access token."""
    actors: dict[str, Actor] = {}
    with psycopg.connect(database.admin_url, autocommit=True, row_factory=dict_row) as admin:
        for name, identity in load_identities().items():
            if identity.email is None:
                actors[name] = Actor(identity, None, None, None)
                continue
            user = admin.execute(
                "select id, role, reseller_id from public.clients where email = %s", (identity.email,)
            ).fetchone()
            assert user is not None, f"seed.sql has no user {identity.email} for identity {name}"
            session = admin.execute(
                "insert into private.sessions (client_id, expires_at) "
                "values (%s, now() + interval '1 day') returning id",
                (user["id"],),
            ).fetchone()
            assert session is not None
            minted = tokens.mint(user["id"], session["id"], user["role"], user["reseller_id"])
            claims = tokens.verify(minted.token).claims
            actors[name] = Actor(identity, user["id"], user["reseller_id"], claims)
    return actors


@pytest.fixture
def open_request(
    database: TestDatabase,
    postgrest: Callable[[dict[str, object] | None], AbstractContextManager[PostgrestSession]],
) -> OpenRequest:
    """Open a PostgREST request for an actor; policies alone for actors the pre-request check rejects."""

    def open_for(actor: Actor) -> AbstractContextManager[PostgrestSession]:
        if actor.identity.pre_request:
            return policies_only(database.authenticator_url, actor.claims)
        return postgrest(actor.claims)

    return open_for
