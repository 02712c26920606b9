"""Cost of row-level security on the leads list: 1,000 agencies, 10,000 clients, 1,000,000 leads.

Starts a throw-away embedded Postgres, applies the migrations and generates
the data in SQL. A reseller admin then lists its 50 newest leads through the
PostgREST request context (role, claims, pre-request check, RLS). The
baseline is the same query run by the superuser, which RLS does not apply
to, with an explicit `reseller_id` filter. Runs alternate so that noise hits
both sides alike.

Run: .venv/bin/python -m bench.rls_bench [--runs N]
"""

import argparse
import logging
import statistics
import time
from dataclasses import dataclass, field
from typing import LiteralString

import psycopg

from app.core.paths import DEFAULT_PATHS
from app.infrastructure.embedded_db import ensure_database, temporary_embedded_server
from app.infrastructure.migrations.bootstrap import prepare_database
from app.infrastructure.request_context import PRE_REQUEST_SQL, SET_CONTEXT_SQL, context_parameters
from bench.machine import describe_machine

logger = logging.getLogger(__name__)

AGENCIES = 1_000
CLIENTS = 10_000
LEADS = 1_000_000
WARMUP_RUNS = 50

GENERATE_SQL: tuple[LiteralString, ...] = (
    "insert into public.resellers (id, slug, agency_name) "
    "select ('10000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, 'agency-' || g, 'Agencia ' || g "
    f"from generate_series(1, {AGENCIES}) g",
    "insert into public.clients (email, full_name, role, reseller_id) "
    "select 'admin' || g || '@bench.example.net', 'Admin ' || g, 'reseller', "
    "('10000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid "
    f"from generate_series(1, {AGENCIES}) g",
    "insert into public.clients (email, full_name, reseller_id) "
    "select 'client' || g || '@bench.example.net', 'Cliente ' || g, "
    f"('10000000-0000-4000-a000-' || lpad((g % {AGENCIES} + 1)::text, 12, '0'))::uuid "
    f"from generate_series(1, {CLIENTS}) g",
    "insert into public.leads (reseller_id, name, email, status, created_at) "
    f"select ('10000000-0000-4000-a000-' || lpad((g % {AGENCIES} + 1)::text, 12, '0'))::uuid, "
    "'Lead ' || g, 'lead' || g || '@example.net', "
    "(array['new', 'contacted', 'converted', 'lost'])[g % 4 + 1], "
    "now() - random() * interval '365 days' "
    f"from generate_series(1, {LEADS}) g",
    "analyze",
)
FILTERED: LiteralString = (
    "select * from public.leads where reseller_id = %s order by created_at desc limit 50"
)
POLICY_ONLY: LiteralString = "select * from public.leads order by created_at desc limit 50"

Connection = psycopg.Connection[tuple[object, ...]]


def generate(admin_url: str) -> tuple[dict[str, object], str, float]:
    """Fill the database and open a session for agency 500's admin: its claims, agency and seconds taken."""
    started = time.perf_counter()
    with psycopg.connect(admin_url) as conn:
        for statement in GENERATE_SQL:
            conn.execute(statement)
        row = conn.execute(
            "select c.id, c.reseller_id from public.clients c where c.email = 'admin500@bench.example.net'"
        ).fetchone()
        assert row is not None
        admin_id, reseller_id = str(row[0]), str(row[1])
        session = conn.execute(
            "insert into private.sessions (client_id, expires_at) "
            "values (%s, now() + interval '1 day') returning id",
            (admin_id,),
        ).fetchone()
        assert session is not None
    claims: dict[str, object] = {"sub": admin_id, "role": "authenticated", "session_id": str(session[0])}
    return claims, reseller_id, time.perf_counter() - started


def time_rls(
    conn: Connection, claims: dict[str, object], query: LiteralString, params: tuple[str, ...]
) -> tuple[float, float]:
    """Run one PostgREST-style request; return the query's seconds and the whole request's seconds."""
    started = time.perf_counter()
    with conn.transaction():
        conn.execute(SET_CONTEXT_SQL, context_parameters(claims, "GET", "/leads"))
        conn.execute(PRE_REQUEST_SQL)
        query_started = time.perf_counter()
        rows = conn.execute(query, params).fetchall()
        query_seconds = time.perf_counter() - query_started
    assert len(rows) == 50
    return query_seconds, time.perf_counter() - started


def time_baseline(conn: Connection, reseller_id: str) -> float:
    """Run the filtered query as the superuser, which RLS does not apply to, in its own transaction."""
    with conn.transaction():
        started = time.perf_counter()
        rows = conn.execute(FILTERED, (reseller_id,)).fetchall()
        seconds = time.perf_counter() - started
    assert len(rows) == 50
    return seconds


def explain(
    conn: Connection, query: LiteralString, params: tuple[str, ...], claims: dict[str, object] | None
) -> str:
    """Return the executed plan of `query`, in the request context when claims are given."""
    with conn.transaction():
        if claims is not None:
            conn.execute(SET_CONTEXT_SQL, context_parameters(claims, "GET", "/leads"))
        plan = conn.execute(b"explain (analyze, costs off, summary off) " + query.encode(), params).fetchall()
    return "\n".join(str(line[0]) for line in plan)


@dataclass
class Samples:
    """Timed runs, in seconds, of each measured query."""

    baseline: list[float] = field(default_factory=list)
    filtered: list[float] = field(default_factory=list)
    policy_only: list[float] = field(default_factory=list)
    request: list[float] = field(default_factory=list)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500, help="timed runs per query (default 500)")
    arguments = parser.parse_args()

    with temporary_embedded_server(prefix="omega-rls-bench-") as server:
        ensure_database(server.url("postgres", "postgres"), "rls_bench")
        admin_url = server.url("postgres", "rls_bench")
        prepare_database(admin_url, DEFAULT_PATHS, local_platform=True, seed=False)
        claims, reseller_id, generation_seconds = generate(admin_url)

        samples = Samples()
        with (
            psycopg.connect(server.url("authenticator", "rls_bench")) as api,
            psycopg.connect(admin_url) as superuser,
        ):
            for run in range(WARMUP_RUNS + arguments.runs):
                plain = time_baseline(superuser, reseller_id)
                filtered, request = time_rls(api, claims, FILTERED, (reseller_id,))
                policy_only, _ = time_rls(api, claims, POLICY_ONLY, ())
                if run >= WARMUP_RUNS:
                    samples.baseline.append(plain)
                    samples.filtered.append(filtered)
                    samples.policy_only.append(policy_only)
                    samples.request.append(request)

            plans = {
                "RLS context, `where reseller_id = $1`": explain(api, FILTERED, (reseller_id,), claims),
                "RLS context, no filter": explain(api, POLICY_ONLY, (), claims),
                "Baseline, no RLS, `where reseller_id = $1`": explain(
                    superuser, FILTERED, (reseller_id,), None
                ),
            }

    print_report(arguments.runs, generation_seconds, samples, plans)


def print_report(runs: int, generation_seconds: float, samples: Samples, plans: dict[str, str]) -> None:
    """Print the results as the bench/RESULTS.md section."""
    base = statistics.median(samples.baseline)
    rows = [
        ("baseline: superuser (no RLS), `where reseller_id = $1`", samples.baseline),
        ("RLS context, `where reseller_id = $1`", samples.filtered),
        ("RLS context, no filter (the policy alone selects the agency)", samples.policy_only),
        ("whole RLS request: context, pre-request check, filtered query", samples.request),
    ]

    print("## RLS: reseller lists its newest leads\n")
    print("Command: `make bench-rls` (`.venv/bin/python -m bench.rls_bench`)\n")
    print(f"Machine: {describe_machine()}\n")
    print(
        f"Data: {AGENCIES:,} agencies, {CLIENTS:,} clients, {LEADS:,} leads, generated in "
        f"{generation_seconds:.0f} s. {runs} timed runs per query after {WARMUP_RUNS} warm-up runs, "
        "the queries alternating.\n"
    )
    print("| query | median | p95 | ratio of medians to baseline |\n|---|---|---|---|")
    for title, timings in rows:
        median = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"| {title} | {median * 1000:.3f} ms | {p95 * 1000:.3f} ms | {median / base:.2f} |")
    print()
    for title, plan in plans.items():
        print(f"{title}:\n\n```\n{plan}\n```\n")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
