"""Content benchmark load: an instant provider, bench clients, request loops and the API process."""

import asyncio
import json
import logging
import os
import socket
import subprocess
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler

import httpx
import psycopg

from app.core.security.tokens import TokenService
from bench.login_bench import free_port, wait_until_up

logger = logging.getLogger(__name__)

CONCURRENCY = 8
BODY = {"brief": "Nuevo desayuno con croissant", "platform": "instagram"}
REPLY = json.dumps(
    {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 0,
        "model": "bench-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Pan recién hecho en Ñandú 🥐"},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 500, "completion_tokens": 20, "total_tokens": 520},
    }
).encode()


class InstantProvider(BaseHTTPRequestHandler):
    """Chat-completions server that returns the same short text at once."""

    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        """Send each write at once: with Nagle's algorithm on, the body waits about 40 ms for an ACK."""
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(REPLY)))
        self.end_headers()
        self.wfile.write(REPLY)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""


def create_clients(admin_url: str, tokens: TokenService) -> list[str]:
    """CONCURRENCY clients with a context, an unlimited plan and a session; return their access tokens."""
    access_tokens = []
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for index in range(CONCURRENCY):
            client_id = uuid.uuid4()
            conn.execute(
                "insert into public.clients (id, email, full_name) values (%s, %s, 'Bench')",
                (client_id, f"content-bench-{index}@example.com"),
            )
            conn.execute(
                "insert into public.client_context (client_id, business_name, industry, "
                "business_description, "
                "keywords, forbidden_words) values (%s, 'Cafetería Ñandú 🥐', 'Hostelería', %s, %s, %s)",
                (
                    client_id,
                    "Desayunos caseros y café de especialidad. " * 10,
                    ["café", "desayunos"],
                    ["barato"],
                ),
            )
            conn.execute(
                "insert into public.subscriptions (client_id, plan_id, status) "
                "values (%s, 'enterprise', 'active') "
                "on conflict (client_id) do update set plan_id = 'enterprise', status = 'active'",
                (client_id,),
            )
            row = conn.execute(
                "insert into private.sessions (client_id, expires_at) values (%s, now() + interval '1 day') "
                "returning id",
                (client_id,),
            ).fetchone()
            assert row is not None
            access_tokens.append(tokens.mint(client_id, row[0], "client", None).token)
    return access_tokens


async def _loop(
    http: httpx.AsyncClient,
    path: str,
    headers: dict[str, str],
    deadline: float,
    latencies: list[float],
) -> None:
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        response = await http.post(path, json=BODY, headers=headers)
        response.raise_for_status()
        latencies.append(time.perf_counter() - started)


async def drive(base_url: str, path: str, header_sets: list[dict[str, str]], duration: float) -> list[float]:
    """Run one loop per header set for `duration` seconds; return every latency."""
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=len(header_sets) + 2)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as http:
        await _loop(http, path, header_sets[0], time.perf_counter() + 1, [])
        deadline = time.perf_counter() + duration
        await asyncio.gather(*(_loop(http, path, h, deadline, latencies) for h in header_sets))
    return latencies


def serve(
    database_url: str, signing_key: str, content_env: dict[str, str]
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `omega serve` on a free loopback port, with no provider variable from this shell."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ANTHROPIC_", "CONTENT_"))
    }
    environment |= {
        "ENVIRONMENT": "development",
        "DATABASE_URL": database_url,
        "JWT_PRIVATE_KEY": signing_key,
        "JWT_KEY_ID": "bench",
        "DB_POOL_MAX_SIZE": "20",
        "LOG_LEVEL": "WARNING",
        **content_env,
    }
    port = free_port()
    command = [sys.executable, "-m", "app.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)]
    api = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)  # noqa: S603  # fixed argv
    base_url = f"http://127.0.0.1:{port}"
    wait_until_up(base_url)
    return api, base_url
