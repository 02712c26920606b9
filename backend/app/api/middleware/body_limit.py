"""Reject request bodies over a configured size with 413."""

import logging

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)


class BodySizeLimitMiddleware:
    """Return 413 when `Content-Length`, or the bytes actually streamed, exceed `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self._app = app
        self._max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length first, then count streamed chunks."""
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        declared = _content_length(scope)
        if declared is not None and declared > self._max_bytes:
            logger.warning("Rejected %s %s: body of %d bytes", scope["method"], scope["path"], declared)
            response = JSONResponse(
                {"success": False, "detail": f"Request body exceeds {self._max_bytes} bytes"},
                status_code=413,
            )
            await response(scope, receive, send)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self._max_bytes:
                    logger.warning("Rejected %s %s: streamed body over limit", scope["method"], scope["path"])
                    # FastAPI re-raises HTTPException from body parsing unchanged.
                    raise HTTPException(413, f"Request body exceeds {self._max_bytes} bytes")
            return message

        await self._app(scope, limited_receive, send)


def _content_length(scope: Scope) -> int | None:
    """Return the declared body length, or None when absent or unreadable."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
