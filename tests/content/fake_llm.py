"""A local model server on 127.0.0.1 that speaks OpenAI chat completions and Anthropic messages.

Each request is recorded (path, headers, JSON body) so tests can assert on
the exact prompt. Replies are scripted per request; without a script the
server returns `default_text`.
"""

import json
import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.content.fake_llm_payloads import anthropic_events, error_body, message, openai_events

logger = logging.getLogger(__name__)

HANG_LIMIT_SECONDS = 30.0


@dataclass
class Reply:
    """One scripted reply: text (streamed in `pieces` when given), an error status, or silence."""

    text: str = ""
    pieces: list[str] | None = None
    status: int = 200
    error_body: dict[str, object] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False
    echo_system: bool = False
    # Send each streamed event in two writes split inside its UTF-8 bytes.
    split_bytes: bool = False
    # Stop the stream after this many pieces by closing the connection.
    drop_after: int | None = None


@dataclass(frozen=True)
class RecordedRequest:
    """What the server received."""

    path: str
    headers: dict[str, str]
    body: dict[str, object]

    @property
    def system(self) -> str:
        """The system prompt, from either protocol."""
        if "system" in self.body:
            return str(self.body["system"])
        messages = self.body["messages"]
        assert isinstance(messages, list)
        return str(next(m["content"] for m in messages if m["role"] == "system"))

    @property
    def user(self) -> str:
        """The user message, from either protocol."""
        messages = self.body["messages"]
        assert isinstance(messages, list)
        return str(next(m["content"] for m in messages if m["role"] == "user"))


class FakeLLMServer:
    """The server and its script; start() binds a free port on 127.0.0.1."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.script: deque[Reply] = deque()
        self.default_text = "Texto de prueba"
        self.released = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL, such as http://127.0.0.1:40123."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> "FakeLLMServer":
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging handlers and shut down."""
        self.released.set()
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        """Forget requests and script, and release any handler still hanging."""
        self.released.set()
        with self._lock:
            self.requests.clear()
            self.script.clear()
        self.default_text = "Texto de prueba"
        self.released = threading.Event()

    def reply(self, *replies: Reply) -> None:
        """Queue replies for the next requests, in order."""
        with self._lock:
            self.script.extend(replies)

    def record(self, request: RecordedRequest) -> Reply:
        """Store a request and return its scripted reply."""
        with self._lock:
            self.requests.append(request)
            return self.script.popleft() if self.script else Reply(text=self.default_text)


def _handler_for(server: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to `server`."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            logger.debug(format, *args)

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            recorded = RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            reply = server.record(recorded)
            anthropic = self.path.endswith("/messages")
            if reply.hang:
                server.released.wait(HANG_LIMIT_SECONDS)
                return
            if reply.status != 200:
                self._send_json(
                    reply.status, reply.error_body or error_body(reply.status, anthropic), reply.headers
                )
                return
            text = recorded.system if reply.echo_system else reply.text
            pieces = reply.pieces if reply.pieces is not None else [text]
            model = str(body.get("model", "fake-model"))
            if body.get("stream"):
                self._stream(pieces, model, anthropic, reply)
            else:
                self._send_json(200, message(text, model, anthropic), reply.headers)

        def _send_json(self, status: int, payload: dict[str, object], headers: dict[str, str]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.send_header("x-request-id", "req_fake_1")
            self.send_header("request-id", "req_fake_1")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, pieces: list[str], model: str, anthropic: bool, reply: Reply) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.end_headers()
            events = anthropic_events(pieces, model) if anthropic else openai_events(pieces, model)
            for index, event in enumerate(events):
                if reply.drop_after is not None and index > reply.drop_after:
                    self.wfile.flush()
                    self.connection.shutdown(2)
                    return
                data = event.encode()
                if reply.split_bytes:
                    # Cut inside a multi-byte character where there is one.
                    cut = next((i for i in range(1, len(data)) if data[i] & 0xC0 == 0x80), len(data) // 2)
                    self.wfile.write(data[:cut])
                    self.wfile.flush()
                    time.sleep(0.01)
                    data = data[cut:]
                self.wfile.write(data)
                self.wfile.flush()

    return Handler
