"""Collaborators shared by the authentication services."""

import logging
from dataclasses import dataclass

from app.core.security.passwords import PasswordHasher
from app.core.security.tokens import TokenService
from app.core.settings import Settings
from app.infrastructure.database import Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuthDependencies:
    """Database, password hasher, token service and settings, built once per process."""

    settings: Settings
    db: Database
    hasher: PasswordHasher
    tokens: TokenService
