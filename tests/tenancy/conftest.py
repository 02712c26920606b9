"""Fixtures of the tenancy tests: agencies with an admin and clients on a chosen plan."""

import logging
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

import psycopg
import pytest
from psycopg.rows import DictRow

from tests.helpers.factories import Factory, TestUser
from tests.helpers.postgrest import PostgrestSession

logger = logging.getLogger(__name__)

Postgrest = Callable[[dict[str, object] | None], AbstractContextManager[PostgrestSession]]


@dataclass(frozen=True)
class Agency:
    """A fresh active agency with its reseller admin and two clients (A and B)."""

    reseller_id: uuid.UUID
    slug: str
    admin: TestUser
    client_a: TestUser
    client_b: TestUser


class Tenancy:
    """Builds agencies and subscriptions for one test."""

    def __init__(self, factory: Factory, admin: psycopg.Connection[DictRow]) -> None:
        self.factory = factory
        self.admin = admin

    def agency(self, plan: str = "basic", status: str = "active") -> Agency:
        """Create an agency whose two clients are subscribed to `plan` with `status`."""
        reseller_id = self.factory.reseller()
        agency = Agency(
            reseller_id=reseller_id,
            slug=self.factory.reseller_slug(reseller_id),
            admin=self.factory.user(role="reseller", reseller_id=reseller_id),
            client_a=self.factory.user(reseller_id=reseller_id),
            client_b=self.factory.user(reseller_id=reseller_id),
        )
        self.subscribe(agency.client_a.id, plan, status)
        self.subscribe(agency.client_b.id, plan, status)
        return agency

    def subscribe(self, client_id: uuid.UUID, plan: str, status: str) -> None:
        """Give a client a subscription, replacing any it has."""
        self.admin.execute(
            "insert into public.subscriptions (client_id, plan_id, status, trial_ends_at) "
            "values (%s, %s, %s, case when %s = 'trialing' then now() + interval '7 days' end) "
            "on conflict (client_id) do update set plan_id = excluded.plan_id, status = excluded.status, "
            "trial_ends_at = excluded.trial_ends_at",
            (client_id, plan, status, status),
        )

    def social_account(
        self, client_id: uuid.UUID, platform: str = "instagram", active: bool = True
    ) -> uuid.UUID:
        """Insert a social account directly (the plan limit still applies to active ones)."""
        row = self.admin.execute(
            "insert into public.social_accounts (client_id, platform, handle, is_active) "
            "values (%s, %s, %s, %s) returning id",
            (client_id, platform, f"@cuenta_{uuid.uuid4().hex[:8]}", active),
        ).fetchone()
        assert row is not None
        return uuid.UUID(str(row["id"]))

    def context(self, client_id: uuid.UUID) -> None:
        """Insert a minimal client context."""
        self.admin.execute(
            "insert into public.client_context (client_id, business_name, industry) values (%s, %s, %s)",
            (client_id, "Negocio de Prueba", "Comercio"),
        )


@pytest.fixture
def tenancy(factory: Factory, admin: psycopg.Connection[DictRow]) -> Tenancy:
    return Tenancy(factory, admin)
