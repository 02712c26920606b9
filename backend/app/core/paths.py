"""Locations of the SQL files that ship beside the Python package."""

import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

# backend/app/core/paths.py -> the repository root is three levels above `app`.
REPOSITORY_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class ProjectPaths:
    """SQL sources of one checkout: platform shim, roles, migrations and seed."""

    root: Path

    @property
    def local_platform(self) -> Path:
        """Roles and auth helpers that hosted Supabase provides and bare Postgres lacks."""
        return self.root / "supabase" / "local" / "platform.sql"

    @property
    def roles(self) -> Path:
        """Project roles, applied before the migrations."""
        return self.root / "supabase" / "roles.sql"

    @property
    def migrations(self) -> Path:
        """Folder of `<YYYYMMDDHHMMSS>_<name>.sql` files."""
        return self.root / "supabase" / "migrations"

    @property
    def seed(self) -> Path:
        """Demo data for local development."""
        return self.root / "seed.sql"

    @property
    def local_state(self) -> Path:
        """Git-ignored folder for the embedded database and generated local secrets."""
        return self.root / ".omega"


DEFAULT_PATHS = ProjectPaths(root=REPOSITORY_ROOT)
