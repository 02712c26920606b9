"""Slow and failing providers: bounded retries, the right status, nothing stored, quota given back."""

import time

import httpx

from tests.content.conftest import TEST_TIMEOUT_SECONDS, ContextClientMaker, stored_rows, usage_of
from tests.content.fake_llm import FakeLLMServer, Reply

URL = "/api/v1/content/generate-caption"
QUOTA_BODY = {
    "error": {
        "message": "You exceeded your current quota",
        "type": "insufficient_quota",
        "code": "insufficient_quota",
    }
}


async def test_rate_limit_then_success(
    provider_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(status=429, headers={"Retry-After": "1"}), Reply(text="Por fin"))

    started = time.monotonic()
    response = await provider_client.post(URL, json={"brief": "Hola"}, headers=user.headers)
    elapsed = time.monotonic() - started

    assert response.status_code == 200, response.text
    assert len(llm.requests) == 2
    assert elapsed >= 1.0
    assert [row["output"] for row in stored_rows(admin, user.id)] == ["Por fin"]
    assert usage_of(admin, user.id) == 1


async def test_silent_provider_times_out(
    provider_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(hang=True))

    started = time.monotonic()
    response = await provider_client.post(URL, json={"brief": "Hola"}, headers=user.headers)
    elapsed = time.monotonic() - started

    assert response.status_code == 504
    assert elapsed < TEST_TIMEOUT_SECONDS + 1.0
    assert len(llm.requests) == 1
    assert stored_rows(admin, user.id) == []
    assert usage_of(admin, user.id) == 0


async def test_silent_stream_times_out(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(hang=True))

    response = await openai_client.post(
        URL, json={"brief": "Hola"}, headers={**user.headers, "Accept": "text/event-stream"}
    )

    assert response.status_code == 504
    assert usage_of(admin, user.id) == 0


async def test_rate_limit_exhausted_is_503(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(*[Reply(status=429, headers={"Retry-After": "0.1"}) for _ in range(5)])

    response = await openai_client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert len(llm.requests) == 3
    assert usage_of(admin, user.id) == 0


async def test_long_retry_after_fails_at_once(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(status=429, headers={"Retry-After": "120"}))

    response = await openai_client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "120"
    assert len(llm.requests) == 1
    assert usage_of(admin, user.id) == 0


async def test_provider_quota_is_503_without_retry(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(status=429, error_body=QUOTA_BODY), Reply(text="never sent"))

    response = await openai_client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 503
    assert "quota" in response.json()["detail"]
    assert len(llm.requests) == 1
    assert stored_rows(admin, user.id) == []
    assert usage_of(admin, user.id) == 0


async def test_server_errors_retried_twice(
    provider_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(status=500), Reply(status=503), Reply(status=502), Reply(text="too late"))

    response = await provider_client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 502
    assert len(llm.requests) == 3
    assert stored_rows(admin, user.id) == []
    assert usage_of(admin, user.id) == 0


async def test_server_error_then_success(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(status=500), Reply(text="Segundo intento"))

    response = await openai_client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 200
    assert len(llm.requests) == 2
    assert usage_of(admin, user.id) == 1


async def test_rejected_key_is_502(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(status=401))

    response = await openai_client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 502
    assert "sk-test" not in response.text
    assert len(llm.requests) == 1
    assert usage_of(admin, user.id) == 0


async def test_failure_logs_omit_context(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, caplog
) -> None:
    description = "Receta secreta de la abuela Remedios"
    user = context_client(business_description=description)
    llm.reply(Reply(status=500), Reply(status=500), Reply(status=500))

    with caplog.at_level("DEBUG"):
        response = await openai_client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 502
    assert description not in caplog.text
    assert "status 500" in caplog.text
    assert "req_fake_1" in caplog.text
