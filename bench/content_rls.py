"""RLS cost on generated_content: 10,000 clients with 100 rows each, a client listing its 20 newest."""

import json
import logging
import statistics
import time
from typing import LiteralString

import psycopg

from app.infrastructure.request_context import PRE_REQUEST_SQL, SET_CONTEXT_SQL, context_parameters

logger = logging.getLogger(__name__)

AGENCIES = 100
CLIENTS = 10_000
ROWS = 1_000_000
WARMUP_RUNS = 50
GENERATE_SQL: tuple[LiteralString, ...] = (
    "insert into public.resellers (id, slug, agency_name) "
    "select ('10000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, 'agency-' || g, 'Agencia ' || g "
    f"from generate_series(1, {AGENCIES}) g",
    "insert into public.clients (id, email, full_name, reseller_id) "
    "select ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, "
    "'client' || g || '@bench.example.net', "
    f"'Cliente ' || g, ('10000000-0000-4000-a000-' || lpad((g % {AGENCIES} + 1)::text, 12, '0'))::uuid "
    f"from generate_series(1, {CLIENTS}) g",
    "insert into public.generated_content (client_id, kind, platform, language, brief, output, "
    "provider, model, "
    "context_version, created_at) "
    f"select ('00000000-0000-4000-a000-' || lpad((g % {CLIENTS} + 1)::text, 12, '0'))::uuid, 'caption', "
    "'instagram', 'es', 'Brief ' || g, repeat('Texto generado número ' || g || '. ', 8), 'offline', "
    "'offline-templates-v1', 1, now() - random() * interval '365 days' "
    f"from generate_series(1, {ROWS}) g",
    "vacuum analyze public.generated_content",
)
LIST_QUERY: LiteralString = (
    "select * from public.generated_content where client_id = %s order by created_at desc limit 20"
)
POLICY_ONLY_QUERY: LiteralString = "select * from public.generated_content order by created_at desc limit 20"


def generate(admin_url: str) -> tuple[dict[str, object], str, float]:
    """Fill the database and open a session for client 5000; return its claims, id and seconds spent."""
    started = time.perf_counter()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for statement in GENERATE_SQL:
            conn.execute(statement)
        client_id = "00000000-0000-4000-a000-000000005000"
        session = conn.execute(
            "insert into private.sessions (client_id, expires_at) values (%s, now() + interval '1 day') "
            "returning id",
            (client_id,),
        ).fetchone()
        assert session is not None
    claims: dict[str, object] = {
        "sub": client_id,
        "role": "authenticated",
        "aud": "authenticated",
        "session_id": str(session[0]),
    }
    return claims, client_id, time.perf_counter() - started


def _as_client(
    conn: psycopg.Connection[tuple[object, ...]],
    claims: dict[str, object],
    query: LiteralString,
    params: tuple[str, ...],
) -> float:
    """Run one PostgREST-style request and return the query's seconds."""
    with conn.transaction():
        conn.execute(SET_CONTEXT_SQL, context_parameters(claims, "GET", "/generated_content"))
        conn.execute(PRE_REQUEST_SQL)
        started = time.perf_counter()
        rows = conn.execute(query, params).fetchall()
        seconds = time.perf_counter() - started
    assert len(rows) == 20
    return seconds


def measure_rls(admin_url: str, authenticator_url: str, runs: int) -> list[str]:
    """Time the client's list with RLS against the superuser's, alternating; return the report lines."""
    claims, client_id, generation_seconds = generate(admin_url)
    filtered: list[float] = []
    policy_only: list[float] = []
    baseline: list[float] = []
    with psycopg.connect(authenticator_url) as api, psycopg.connect(admin_url, autocommit=True) as superuser:
        for run in range(WARMUP_RUNS + runs):
            with_rls = _as_client(api, claims, LIST_QUERY, (client_id,))
            only_policy = _as_client(api, claims, POLICY_ONLY_QUERY, ())
            started = time.perf_counter()
            assert len(superuser.execute(LIST_QUERY, (client_id,)).fetchall()) == 20
            plain = time.perf_counter() - started
            if run >= WARMUP_RUNS:
                filtered.append(with_rls)
                policy_only.append(only_policy)
                baseline.append(plain)
        with api.transaction():
            api.execute(SET_CONTEXT_SQL, context_parameters(claims, "GET", "/generated_content"))
            plan = api.execute(
                b"explain (analyze, costs off, summary off) " + POLICY_ONLY_QUERY.encode()
            ).fetchall()

    base = statistics.median(baseline)

    def row(label: str, samples: list[float]) -> str:
        median = statistics.median(samples)
        return f"| {label} | {median * 1000:.3f} ms | {median / base:.2f} |"

    return [
        f"Data: {CLIENTS:,} clients in {AGENCIES} agencies, {ROWS:,} generated_content rows, "
        f"generated in {generation_seconds:.0f} s; {runs} timed runs per query after {WARMUP_RUNS} "
        "warm-up runs, alternating.",
        "",
        "| query (20 newest rows of one client) | median | ratio to baseline |",
        "|---|---|---|",
        row("baseline: superuser (no RLS), `where client_id = $1`", baseline),
        row("PostgREST context (RLS), `where client_id = $1`", filtered),
        row("PostgREST context (RLS), no filter: policy only", policy_only),
        "",
        "Plan of the policy-only query:",
        "",
        "```",
        *(str(line[0]) for line in plan),
        "```",
        json.dumps({"rls_ratio": round(statistics.median(filtered) / base, 3)}),
    ]
