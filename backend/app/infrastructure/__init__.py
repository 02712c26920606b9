"""Database, embedded Postgres, migrations and external providers."""
