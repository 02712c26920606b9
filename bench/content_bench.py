"""Content generation: API overhead over an instant local provider, and the RLS cost on generated_content.

Starts a throw-away embedded Postgres and `omega serve` on 127.0.0.1 twice:
once with the OpenAI-compatible provider aimed at an instant chat-completions
server in this process (127.0.0.1), once with the offline writer. Each run
drives CONCURRENCY loops of POST /content/generate-caption for DURATION
seconds. The added latency is the API's latency minus the provider's own,
measured by calling the instant server directly. Then it measures RLS on
1,000,000 generated_content rows (bench/content_rls.py).

Run: .venv/bin/python -m bench.content_bench [--duration SECONDS] [--runs N]
"""

import argparse
import asyncio
import logging
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from pydantic import SecretStr

from app.core.paths import DEFAULT_PATHS
from app.core.security.keys import generate_es256_private_key_pem
from app.core.security.tokens import TokenService
from app.core.settings import Settings
from app.infrastructure.embedded_db import ensure_database, start_embedded_server
from app.infrastructure.migrations.bootstrap import prepare_database
from bench.content_load import CONCURRENCY, InstantProvider, create_clients, drive, serve
from bench.content_rls import measure_rls
from bench.machine import describe_machine, percentile

logger = logging.getLogger(__name__)


def summary(label: str, latencies: list[float], duration: float, provider: list[float] | None) -> str:
    """One table row: requests/s, p50/p99 latency and the latency added over the provider."""

    def ms(value: float) -> str:
        return f"{value * 1000:.1f} ms"

    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    added = "n/a (no provider call)"
    if provider:
        added = f"p50 {ms(p50 - percentile(provider, 0.5))}, p99 {ms(p99 - percentile(provider, 0.99))}"
    return f"| {label} | {len(latencies) / duration:.1f} | {ms(p50)} | {ms(p99)} | {added} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration", type=float, default=15.0, help="seconds of load per provider (default 15)"
    )
    parser.add_argument("--runs", type=int, default=300, help="timed RLS runs per query (default 300)")
    args = parser.parse_args()

    provider = ThreadingHTTPServer(("127.0.0.1", 0), InstantProvider)
    threading.Thread(target=provider.serve_forever, daemon=True).start()
    provider_url = f"http://127.0.0.1:{provider.server_address[1]}"
    signing_key = generate_es256_private_key_pem()
    lines = [
        f"Machine: {describe_machine()}",
        "",
        "| provider | requests/s | p50 | p99 | added over the provider |",
        "|---|---|---|---|---|",
    ]

    with tempfile.TemporaryDirectory(prefix="omega-content-bench-") as work_dir:
        server = start_embedded_server(Path(work_dir) / "pgdata", stop_at_exit=True)
        ensure_database(server.url("postgres", "postgres"), "content_bench")
        admin_url = server.url("postgres", "content_bench")
        prepare_database(admin_url, DEFAULT_PATHS, local_platform=True, seed=False)
        settings = Settings(
            environment="development",
            database_url=admin_url,
            jwt_private_key=SecretStr(signing_key),
            jwt_key_id="bench",
        )
        headers = [
            {"Authorization": f"Bearer {token}"}
            for token in create_clients(admin_url, TokenService(settings))
        ]

        direct = asyncio.run(
            drive(provider_url, "/v1/chat/completions", [{}] * CONCURRENCY, args.duration / 3)
        )
        runs = {
            "OpenAI-compatible, instant server on 127.0.0.1": {
                "CONTENT_PROVIDER": "openai",
                "OPENAI_BASE_URL": f"{provider_url}/v1",
                "OPENAI_API_KEY": "sk-bench",
            },
            "offline writer": {"CONTENT_PROVIDER": "offline"},
        }
        for label, content_env in runs.items():
            api, base_url = serve(server.url("omega_api", "content_bench"), signing_key, content_env)
            try:
                latencies = asyncio.run(
                    drive(base_url, "/api/v1/content/generate-caption", headers, args.duration)
                )
            finally:
                api.terminate()
                api.wait(timeout=30)
            lines.append(
                summary(label, latencies, args.duration, direct if "OPENAI_BASE_URL" in content_env else None)
            )
        lines.append(
            f"| (instant server called directly) | {len(direct) / (args.duration / 3):.1f} | "
            f"{percentile(direct, 0.5) * 1000:.1f} ms | {percentile(direct, 0.99) * 1000:.1f} ms | |"
        )
        lines.append("")
        lines += measure_rls(admin_url, server.url("authenticator", "content_bench"), args.runs)
    provider.shutdown()
    print("\n".join(lines))


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
