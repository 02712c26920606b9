"""A fake Stripe API on 127.0.0.1 that records every call, for tests and the webhook benchmark.

It serves the endpoints the service uses: customers (honouring idempotency
keys as Stripe does), Checkout and portal sessions, and subscription
retrieve and update. Tests put subscriptions in `subscriptions` and can make
the next calls to a path fail.
"""

import json
import logging
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"


@dataclass(frozen=True)
class RecordedCall:
    """One request the fake received; `params` contains the form fields under Stripe's bracket keys."""

    method: str
    path: str
    params: dict[str, str]
    idempotency_key: str | None
    stripe_version: str | None
    authorization: str | None


@dataclass
class PlannedFailure:
    """Failure with `status` for the next `times` requests whose path starts with `path_prefix`."""

    path_prefix: str
    status: int
    times: int


@dataclass
class FakeStripeState:
    """Everything the fake stores; guarded by `lock`."""

    calls: list[RecordedCall] = field(default_factory=list)
    customers: dict[str, dict[str, object]] = field(default_factory=dict)
    # Subscription objects as the API returns them (see stripe_payloads.subscription).
    subscriptions: dict[str, dict[str, object]] = field(default_factory=dict)
    idempotent_responses: dict[str, tuple[int, dict[str, object]]] = field(default_factory=dict)
    failures: list[PlannedFailure] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class FakeStripe:
    """The server, run on a daemon thread; `url` is its base address."""

    def __init__(self) -> None:
        self.state = FakeStripeState()
        self._server = ThreadingHTTPServer((HOST, 0), _handler_class(self))
        self._server.daemon_threads = True
        self.url = f"http://{HOST}:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-stripe", daemon=True)

    def start(self) -> "FakeStripe":
        """Start serving."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        """Forget calls, objects and planned failures."""
        with self.state.lock:
            self.state.calls.clear()
            self.state.customers.clear()
            self.state.subscriptions.clear()
            self.state.idempotent_responses.clear()
            self.state.failures.clear()

    def put_subscription(self, subscription: dict[str, object]) -> None:
        """Store (or replace) a subscription that retrieve returns."""
        with self.state.lock:
            self.state.subscriptions[str(subscription["id"])] = subscription

    def fail_next(self, path_prefix: str, status: int = 500, times: int = 1) -> None:
        """Make the next `times` requests under `path_prefix` fail with `status`."""
        with self.state.lock:
            self.state.failures.append(PlannedFailure(path_prefix, status, times))

    def calls_to(self, method: str, path_prefix: str) -> list[RecordedCall]:
        """Return the recorded calls of one method under a path prefix."""
        with self.state.lock:
            return [c for c in self.state.calls if c.method == method and c.path.startswith(path_prefix)]

    def answer(self, method: str, path: str, params: dict[str, str], key: str | None) -> tuple[int, object]:
        """Route one request; returns the status and the JSON body."""
        with self.state.lock:
            failure = next(
                (f for f in self.state.failures if path.startswith(f.path_prefix) and f.times), None
            )
            if failure is not None:
                failure.times -= 1
                return failure.status, _error("api_error", None, "Planned failure of the fake Stripe API")
            if method == "POST" and key is not None and key in self.state.idempotent_responses:
                return self.state.idempotent_responses[key]

            status, body = self._route(method, path, params)
            if method == "POST" and key is not None and status < 500:
                self.state.idempotent_responses[key] = (status, body)
            return status, body

    def _route(self, method: str, path: str, params: dict[str, str]) -> tuple[int, dict[str, object]]:
        """Serve one endpoint; the caller holds the lock."""
        if method == "POST" and path == "/v1/customers":
            customer = {
                "id": f"cus_{secrets.token_hex(7)}",
                "object": "customer",
                "email": params.get("email"),
            }
            self.state.customers[str(customer["id"])] = customer
            return 200, customer
        if method == "POST" and path == "/v1/checkout/sessions":
            session_id = f"cs_test_{secrets.token_hex(8)}"
            body = {"id": session_id, "object": "checkout.session", "url": f"{self.url}/pay/{session_id}"}
            return 200, body | {"customer": params.get("customer"), "mode": params.get("mode")}
        if method == "POST" and path == "/v1/billing_portal/sessions":
            session_id = f"bps_{secrets.token_hex(8)}"
            body = {
                "id": session_id,
                "object": "billing_portal.session",
                "url": f"{self.url}/portal/{session_id}",
            }
            return 200, body | {"customer": params.get("customer"), "return_url": params.get("return_url")}
        if path.startswith("/v1/subscriptions/"):
            subscription_id = path.removeprefix("/v1/subscriptions/")
            subscription = self.state.subscriptions.get(subscription_id)
            if subscription is None:
                return 404, _error(
                    "invalid_request_error", "resource_missing", f"No such subscription: {subscription_id!r}"
                )
            if method == "POST" and "cancel_at_period_end" in params:
                subscription["cancel_at_period_end"] = params["cancel_at_period_end"] == "true"
            return 200, subscription
        return 404, _error(
            "invalid_request_error", "resource_missing", f"Unrecognized request URL ({method} {path})"
        )


def _error(error_type: str, code: str | None, message: str) -> dict[str, object]:
    """Build a Stripe error body."""
    return {"error": {"type": error_type, "code": code, "message": message}}


def _handler_class(fake: FakeStripe) -> type[BaseHTTPRequestHandler]:
    """Bind a request handler class to one fake."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            path, _, query = self.path.partition("?")
            params = dict(parse_qsl(raw or query, keep_blank_values=True))
            key = self.headers.get("Idempotency-Key")
            with fake.state.lock:
                fake.state.calls.append(
                    RecordedCall(
                        method,
                        path,
                        params,
                        key,
                        self.headers.get("Stripe-Version"),
                        self.headers.get("Authorization"),
                    )
                )
            status, body = fake.answer(method, path, params, key)
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Request-Id", f"req_{secrets.token_hex(6)}")
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            logger.debug("fake Stripe: " + format, *args)

    return Handler
