"""Schemas of the probe endpoints."""

import logging

from pydantic import BaseModel

logger = logging.getLogger(__name__)


class Liveness(BaseModel):
    """The process is up."""

    status: str


class ReadinessReport(BaseModel):
    """Database reachability and pending migrations."""

    ready: bool
    database_reachable: bool
    migrations_checked: bool
    pending_migrations: list[str]
