"""Shared test helpers: the test database, the PostgREST request context and data factories."""
