"""Login throughput under 16 concurrent sign-ins while /health is polled.

Starts a throw-away embedded Postgres and `omega serve` on 127.0.0.1, creates
16 users with real-cost bcrypt hashes, then for DURATION seconds runs 16
concurrent login loops and polls /health. bcrypt runs in worker threads, so
/health latency should stay close to its idle value.

Run: .venv/bin/python -m bench.login_bench [--duration SECONDS]
"""

import argparse
import asyncio
import logging
import os
import socket
import subprocess
import sys
import time

import bcrypt
import httpx
import psycopg

from app.core.paths import DEFAULT_PATHS
from app.core.security.keys import generate_es256_private_key_pem
from app.infrastructure.embedded_db import ensure_database, temporary_embedded_server
from app.infrastructure.migrations.bootstrap import prepare_database
from bench.machine import describe_machine, percentile

logger = logging.getLogger(__name__)

CONCURRENT_LOGINS = 16
BCRYPT_ROUNDS = 12
PASSWORD = "bench-password-1"  # noqa: S105  # password of throw-away bench users
HEALTH_INTERVAL_SECONDS = 0.02


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def create_users(admin_url: str) -> list[str]:
    password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(BCRYPT_ROUNDS)).decode()
    emails = [f"bench-{index}@example.com" for index in range(CONCURRENT_LOGINS)]
    with psycopg.connect(admin_url) as conn:
        for email in emails:
            conn.execute(
                "with created as ("
                "  insert into public.clients (email, full_name) values (%s, 'Bench') returning id"
                ") insert into private.credentials (client_id, password_hash) select id, %s from created",
                (email, password_hash),
            )
    return emails


async def login_loop(http: httpx.AsyncClient, email: str, deadline: float, latencies: list[float]) -> None:
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        response = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        response.raise_for_status()
        latencies.append(time.perf_counter() - started)


async def poll_health(http: httpx.AsyncClient, deadline: float, latencies: list[float]) -> None:
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        (await http.get("/health")).raise_for_status()
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(HEALTH_INTERVAL_SECONDS)


async def measure(base_url: str, emails: list[str], duration: float) -> dict[str, list[float]]:
    limits = httpx.Limits(max_connections=CONCURRENT_LOGINS + 2)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as http:
        idle: list[float] = []
        await poll_health(http, time.perf_counter() + 3, idle)

        logins: list[float] = []
        health: list[float] = []
        deadline = time.perf_counter() + duration
        await asyncio.gather(
            poll_health(http, deadline, health),
            *(login_loop(http, email, deadline, logins) for email in emails),
        )
    return {"idle": idle, "health": health, "logins": logins}


def start_api(database_url: str, port: int) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "ENVIRONMENT": "development",
        "DATABASE_URL": database_url,
        "JWT_PRIVATE_KEY": generate_es256_private_key_pem(),
        "JWT_KEY_ID": "bench",
        "BCRYPT_ROUNDS": str(BCRYPT_ROUNDS),
        "LOGIN_RATE_LIMIT_PER_IP": "1000000",
        "LOGIN_RATE_LIMIT_PER_EMAIL": "1000000",
        "DB_POOL_MAX_SIZE": "20",
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "app.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)  # noqa: S603  # fixed argv


def wait_until_up(base_url: str) -> None:
    for _ in range(100):
        try:
            if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("The API did not start within 10 seconds")


def report(results: dict[str, list[float]], duration: float) -> None:
    def ms(samples: list[float], fraction: float) -> str:
        return f"{percentile(samples, fraction) * 1000:.1f} ms"

    logins = results["logins"]
    print(f"machine: {describe_machine()}")
    print(f"bcrypt cost {BCRYPT_ROUNDS}, {CONCURRENT_LOGINS} concurrent logins for {duration:.0f} s")
    rate = len(logins) / duration
    print(f"logins: {len(logins)} total, {rate:.1f}/s, p50 {ms(logins, 0.5)}, p99 {ms(logins, 0.99)}")
    for name in ("idle", "health"):
        samples = results[name]
        label = "/health idle" if name == "idle" else "/health under load"
        spread = f"p50 {ms(samples, 0.5)}, p99 {ms(samples, 0.99)}, max {ms(samples, 1.0)}"
        print(f"{label}: n={len(samples)}, {spread}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load (default 20)")
    args = parser.parse_args()

    with temporary_embedded_server(prefix="omega-bench-") as server:
        ensure_database(server.url(), "bench")
        admin_url = server.url("postgres", "bench")
        prepare_database(admin_url, DEFAULT_PATHS, local_platform=True, seed=False)
        emails = create_users(admin_url)

        port = free_port()
        api = start_api(server.url("omega_api", "bench"), port)
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(base_url)
            results = asyncio.run(measure(base_url, emails, args.duration))
        finally:
            api.terminate()
            api.wait(timeout=10)
    report(results, args.duration)


if __name__ == "__main__":
    main()
