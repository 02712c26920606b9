"""Content generation: API overhead over an instant local provider, and the RLS cost on generated_content.

Starts a throw-away embedded Postgres and `omega serve` on 127.0.0.1 twice:
once with the OpenAI-compatible provider aimed at an instant chat-completions
server (its own process, 127.0.0.1), once with the offline writer. Each run
sends POST /content/generate-caption for DURATION seconds from one client,
then from CONCURRENCY clients at once. The added latency is the API's
latency minus the instant server's own, measured by calling it directly
with the same number of clients. Then it measures RLS on 1,000,000
generated_content rows (bench/content_rls.py).

Run: .venv/bin/python -m bench.content_bench [--duration SECONDS] [--runs N]
"""

import argparse
import asyncio
import logging
import multiprocessing
from http.server import ThreadingHTTPServer

from pydantic import SecretStr

from app.core.paths import DEFAULT_PATHS
from app.core.security.keys import generate_es256_private_key_pem
from app.core.security.tokens import TokenService
from app.core.settings import Settings
from app.infrastructure.embedded_db import ensure_database, temporary_embedded_server
from app.infrastructure.migrations.bootstrap import prepare_database
from bench.content_load import CONCURRENCY, InstantProvider, create_clients, drive, serve
from bench.content_rls import measure_rls
from bench.login_bench import free_port
from bench.machine import describe_machine, percentile

logger = logging.getLogger(__name__)


LOADS = (1, CONCURRENCY)


def run_instant_provider(port: int) -> None:
    """Serve the instant provider until the process is terminated (runs in its own process)."""
    ThreadingHTTPServer(("127.0.0.1", port), InstantProvider).serve_forever()


def measure(
    base_url: str, path: str, headers: list[dict[str, str]], duration: float
) -> dict[int, list[float]]:
    """Latencies of `path` with one client, then with CONCURRENCY clients."""
    return {load: asyncio.run(drive(base_url, path, headers[:load], duration)) for load in LOADS}


def summary(
    label: str, load: int, latencies: list[float], duration: float, provider: list[float] | None
) -> str:
    """Build one table row: requests/s, p50/p99 latency and the latency added over the provider."""

    def ms(value: float) -> str:
        return f"{value * 1000:.1f} ms"

    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    added = "no provider call"
    if provider:
        added = f"p50 {ms(p50 - percentile(provider, 0.5))}, p99 {ms(p99 - percentile(provider, 0.99))}"
    return f"| {label} | {load} | {len(latencies) / duration:.1f} | {ms(p50)} | {ms(p99)} | {added} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds of load per measurement (default 10)"
    )
    parser.add_argument("--runs", type=int, default=1000, help="timed RLS runs per query (default 1000)")
    args = parser.parse_args()

    provider_port = free_port()
    provider = multiprocessing.Process(target=run_instant_provider, args=(provider_port,), daemon=True)
    provider.start()
    provider_url = f"http://127.0.0.1:{provider_port}"
    signing_key = generate_es256_private_key_pem()
    lines = [
        f"Machine: {describe_machine()}",
        "",
        "| provider | concurrent clients | requests/s | p50 | p99 | added over the provider |",
        "|---|---|---|---|---|---|",
    ]

    with temporary_embedded_server(prefix="omega-content-bench-") as server:
        ensure_database(server.url("postgres", "postgres"), "content_bench")
        admin_url = server.url("postgres", "content_bench")
        prepare_database(admin_url, DEFAULT_PATHS, local_platform=True, seed=False)
        settings = Settings(
            environment="development",
            database_url=admin_url,
            jwt_private_key=SecretStr(signing_key),
            jwt_key_id="bench",
        )
        tokens = create_clients(admin_url, TokenService(settings))
        headers = [{"Authorization": f"Bearer {token}"} for token in tokens]

        direct = measure(provider_url, "/v1/chat/completions", [{}] * CONCURRENCY, args.duration)
        runs = {
            "OpenAI-compatible, instant server": {
                "CONTENT_PROVIDER": "openai",
                "OPENAI_BASE_URL": f"{provider_url}/v1",
                "OPENAI_API_KEY": "sk-bench",
            },
            "offline writer": {"CONTENT_PROVIDER": "offline"},
        }
        for label, content_env in runs.items():
            api, base_url = serve(server.url("omega_api", "content_bench"), signing_key, content_env)
            try:
                results = measure(base_url, "/api/v1/content/generate-caption", headers, args.duration)
            finally:
                api.terminate()
                api.wait(timeout=30)
            for load, latencies in results.items():
                baseline = direct[load] if "OPENAI_BASE_URL" in content_env else None
                lines.append(summary(label, load, latencies, args.duration, baseline))
        for load, latencies in direct.items():
            lines.append(summary("instant server called directly", load, latencies, args.duration, None))
        lines.append("")
        lines += measure_rls(admin_url, server.url("authenticator", "content_bench"), args.runs)
    provider.terminate()
    print("\n".join(lines))


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
