"""Stripe webhook throughput, and the final state after shuffled, duplicated deliveries.

Starts a throw-away embedded Postgres, a fake Stripe API and `omega serve`
(uvicorn) on 127.0.0.1. Replays 2,000 signed events for 200 subscriptions
(10 each), shuffled, plus 200 duplicate deliveries (10%), from 16 concurrent
senders, and records events per second and latency. The same streams, for a
second set of 200 subscriptions, are then delivered in Stripe's order, one
event at a time per subscription. Both sets must end in the state of each
stream's last event.

Run: .venv/bin/python -m bench.webhook_bench [--concurrency N] [--seed N]
"""

import argparse
import asyncio
import random
import time
from dataclasses import dataclass

import httpx
import psycopg
from tests.billing.conftest import WEBHOOK_PATH
from tests.billing.fake_stripe import FakeStripe
from tests.billing.stripe_payloads import (
    signature_header,
)

from app.core.paths import DEFAULT_PATHS
from app.infrastructure.embedded_db import ensure_database, temporary_embedded_server
from app.infrastructure.migrations.bootstrap import prepare_database
from bench.login_bench import free_port, wait_until_up
from bench.machine import describe_machine, percentile
from bench.webhook_bench_support import (
    SUBSCRIPTIONS,
    Stream,
    build_stream,
    create_clients,
    expected_row,
    start_api,
)

DUPLICATE_FRACTION = 0.10
ROW_QUERY = (
    "select s.stripe_subscription_id, s.plan_id, s.status, s.cancel_at_period_end, "
    "extract(epoch from s.current_period_end)::bigint, extract(epoch from s.trial_ends_at)::bigint "
    "from public.subscriptions s where s.stripe_subscription_id like 'sub_bench_%%'"
)


@dataclass(frozen=True)
class Replay:
    """The shuffled run: (HTTP status, latency in seconds) per delivery, and the wall time."""

    results: list[tuple[int, float]]
    elapsed: float


async def deliver(http: httpx.AsyncClient, payload: bytes) -> tuple[int, float]:
    """Sign and post one event as Stripe does; return the status and the latency in seconds."""
    started = time.perf_counter()
    headers = {"Stripe-Signature": signature_header(payload), "Content-Type": "application/json"}
    response = await http.post(WEBHOOK_PATH, content=payload, headers=headers)
    return response.status_code, time.perf_counter() - started


async def replay_shuffled(
    base_url: str, streams: list[Stream], concurrency: int, rng: random.Random
) -> Replay:
    """Deliver every event once plus 10% duplicates, shuffled, from `concurrency` senders."""
    payloads = [item.payload for stream in streams for item in stream.events]
    payloads += rng.sample(payloads, int(len(payloads) * DUPLICATE_FRACTION))
    rng.shuffle(payloads)
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for payload in payloads:
        queue.put_nowait(payload)
    results: list[tuple[int, float]] = []

    async def sender(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            results.append(await deliver(http, queue.get_nowait()))

    async with httpx.AsyncClient(
        base_url=base_url, timeout=60, limits=httpx.Limits(max_connections=concurrency)
    ) as http:
        started = time.perf_counter()
        await asyncio.gather(*(sender(http) for _ in range(concurrency)))
        return Replay(results, time.perf_counter() - started)


async def replay_in_order(base_url: str, streams: list[Stream], concurrency: int) -> list[int]:
    """Deliver each stream in Stripe's order, one event at a time per subscription."""
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(
        base_url=base_url, timeout=60, limits=httpx.Limits(max_connections=concurrency)
    ) as http:

        async def one_stream(stream: Stream) -> list[int]:
            async with gate:
                return [(await deliver(http, item.payload))[0] for item in stream.events]

        statuses = await asyncio.gather(*(one_stream(stream) for stream in streams))
    return [status for stream_statuses in statuses for status in stream_statuses]


def mismatched_subscriptions(admin_url: str, expected: dict[str, tuple[object, ...]]) -> list[str]:
    """Return the subscriptions whose row differs from the expected final state."""
    with psycopg.connect(admin_url) as conn:
        rows = {row[0]: tuple(row[1:]) for row in conn.execute(ROW_QUERY).fetchall()}
    return [sub_id for sub_id, row in expected.items() if rows.get(sub_id) != row]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent senders (default 16)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the event streams and the shuffle")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    fake = FakeStripe().start()

    with temporary_embedded_server(prefix="omega-bench-") as server:
        ensure_database(server.url(), "bench")
        admin_url = server.url("postgres", "bench")
        prepare_database(admin_url, DEFAULT_PATHS, local_platform=True, seed=False)
        start = int(time.time()) - 3 * 3600
        streams: dict[str, list[Stream]] = {}
        for label in ("shuffled", "ordered"):
            ids = create_clients(admin_url, label)
            # The same seed per index gives both sets identical event streams.
            streams[label] = [
                build_stream(random.Random(args.seed * 1000 + i), sub_id, customer_id, start + i)
                for i, (sub_id, customer_id) in enumerate(ids)
            ]
            for stream in streams[label]:
                fake.put_subscription(stream.final_object)

        port = free_port()
        api = start_api(server.url("omega_api", "bench"), port, fake.url)
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(base_url)
            shuffled = asyncio.run(replay_shuffled(base_url, streams["shuffled"], args.concurrency, rng))
            ordered = asyncio.run(replay_in_order(base_url, streams["ordered"], args.concurrency))
        finally:
            api.terminate()
            api.wait(timeout=10)
            fake.stop()

        expected = {
            stream.events[0].subscription_id: expected_row(stream.final_object)
            for label in streams
            for stream in streams[label]
        }
        mismatched = mismatched_subscriptions(admin_url, expected)
    retrievals = len(fake.calls_to("GET", "/v1/subscriptions/"))
    report(
        shuffled,
        ordered,
        retrievals=retrievals,
        total=len(expected),
        mismatched=mismatched,
        concurrency=args.concurrency,
    )


def report(
    shuffled: Replay,
    ordered: list[int],
    *,
    retrievals: int,
    total: int,
    mismatched: list[str],
    concurrency: int,
) -> None:
    """Print the figures for bench/RESULTS.md; exit non-zero if any state or status is wrong."""
    latencies = [latency for _, latency in shuffled.results]
    statuses = sorted({status for status, _ in shuffled.results} | set(ordered))
    p50, p99 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000
    print(f"machine: {describe_machine()}")
    print(f"shuffled: {len(shuffled.results)} deliveries, {SUBSCRIPTIONS} subscriptions, 10% duplicates")
    rate = len(latencies) / shuffled.elapsed
    print(f"  {rate:.0f} events/s over {shuffled.elapsed:.1f} s, {concurrency} senders")
    print(f"  latency p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    print(f"ordered: {len(ordered)} deliveries; HTTP statuses seen in both runs: {statuses}")
    print(f"Stripe subscription reads (ties and recoveries): {retrievals}")
    print(f"final state: {total - len(mismatched)} of {total} subscriptions equal their in-order state")
    if mismatched or statuses != [200]:
        raise SystemExit(f"FAILED: mismatched {mismatched[:5]}, statuses {statuses}")


if __name__ == "__main__":
    main()
