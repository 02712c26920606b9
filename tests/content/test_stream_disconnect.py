"""A client that closes the event stream early gets its quota back and leaves no row."""

import uuid

from fastapi import FastAPI

from app.core.security.tokens import TokenService
from app.services.content.kinds import ContentKind
from app.services.content.request import GenerationRequest
from app.services.content.streaming import start_stream
from tests.content.conftest import ContextClientMaker, stored_rows, usage_of
from tests.content.fake_llm import FakeLLMServer, Reply


async def test_closed_stream_returns_quota(
    openai_app: FastAPI, llm: FakeLLMServer, context_client: ContextClientMaker, tokens: TokenService, admin
) -> None:
    user = context_client()
    llm.reply(Reply(pieces=[f"Trozo número {n} del texto. " for n in range(40)]))
    identity = tokens.verify(user.access_token)
    request = GenerationRequest(kind=ContentKind.POST, brief="Hola", client_id=uuid.UUID(str(user.id)))

    events = await start_stream(openai_app.state.content, identity, request)
    first = await anext(events)
    during = usage_of(admin, user.id)
    await events.aclose()

    assert first.startswith(b"event: delta")
    assert during == 1
    assert usage_of(admin, user.id) == 0
    assert stored_rows(admin, user.id) == []
