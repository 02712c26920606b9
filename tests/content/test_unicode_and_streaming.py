"""Multi-byte text survives generation, storage and PostgREST reads byte for byte, streamed and not."""

import json

import httpx

from tests.content.conftest import ContextClientMaker, sse_events, stored_rows, usage_of
from tests.content.fake_llm import FakeLLMServer, Reply

NAME = "Cafetería Ñandú 🥐"
URL = "/api/v1/content/generate-caption"
STREAM = {"Accept": "text/event-stream"}


def _read_through_postgrest(postgrest, user, content_id: str) -> str:
    with postgrest(user.claims) as session:
        rows = session.rows("select output from public.generated_content where id = %s", (content_id,))
    assert len(rows) == 1
    return str(rows[0]["output"])


async def test_name_survives_plain_generation(
    provider_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, postgrest
) -> None:
    http = provider_client
    user = context_client(business_name=NAME)
    llm.default_text = f"Bienvenidos a {NAME}"

    response = await http.post(URL, json={"brief": "Apertura"}, headers=user.headers)

    assert response.status_code == 200, response.text
    item = response.json()["data"]["items"][0]
    assert item["output"]["text"].encode() == f"Bienvenidos a {NAME}".encode()
    assert NAME in llm.requests[0].user
    assert _read_through_postgrest(postgrest, user, item["id"]).encode() == f"Bienvenidos a {NAME}".encode()


async def test_name_survives_split_stream(
    provider_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, postgrest
) -> None:
    http = provider_client
    user = context_client(business_name=NAME)
    # Pieces cut between a base letter and its combining accent, and inside the emoji's bytes on the wire.
    pieces = ["Bienvenidos a Cafeteri", "\u0301a N", "\u0303andú ", "🥐", " hoy"]
    llm.reply(Reply(pieces=pieces, split_bytes=True))

    response = await http.post(URL, json={"brief": "Apertura"}, headers={**user.headers, **STREAM})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.content)
    deltas = [json.loads(data)["text"] for name, data in events if name == "delta"]
    expected = "".join(pieces)
    assert "".join(deltas) == expected
    for delta in deltas:
        assert not delta.startswith(("\u0301", "\u0303"))
    assert events[-1][0] == "done"
    done = json.loads(events[-1][1])
    assert _read_through_postgrest(postgrest, user, done["content_id"]).encode() == expected.encode()


async def test_stream_events_in_order(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(business_name=NAME)
    llm.reply(Reply(pieces=["Hola ", NAME]), Reply(pieces=["Adiós ", NAME]))

    response = await openai_client.post(
        URL, json={"brief": "Apertura", "variants": 2}, headers={**user.headers, **STREAM}
    )

    events = sse_events(response.content)
    names = [name for name, _ in events]
    assert names[-1] == "done"
    assert set(names[:-1]) == {"delta"}
    done = json.loads(events[-1][1])
    rows = stored_rows(admin, user.id)
    assert [str(row["id"]) for row in rows] == done["content_ids"]
    assert done["content_id"] == done["content_ids"][0]
    assert [row["output"] for row in rows] == [f"Hola {NAME}", f"Adiós {NAME}"]
    assert llm.requests[0].body["stream"] is True
    assert usage_of(admin, user.id) == 2


async def test_stream_dropped_midway_stores_nothing(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(pieces=["Uno ", "dos ", "tres ", "cuatro"], drop_after=1))

    response = await openai_client.post(URL, json={"brief": "Apertura"}, headers={**user.headers, **STREAM})

    events = sse_events(response.content)
    assert events[-1][0] == "error"
    assert json.loads(events[-1][1])["status"] in (502, 504)
    assert stored_rows(admin, user.id) == []
    assert usage_of(admin, user.id) == 0


async def test_offline_stream_ends_with_id(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(business_name=NAME)

    response = await client.post(URL, json={"brief": "Apertura"}, headers={**user.headers, **STREAM})

    events = sse_events(response.content)
    text = "".join(json.loads(data)["text"] for name, data in events if name == "delta")
    done = json.loads(events[-1][1])
    (row,) = stored_rows(admin, user.id)
    assert events[-1][0] == "done"
    assert str(row["id"]) == done["content_id"]
    assert NAME in text
    assert row["output"] == text.strip()
    assert row["provider"] == "offline"


async def test_stream_rewrites_forbidden_word(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(forbidden_words=["barato"])
    llm.reply(Reply(pieces=["Pan ", "barato ", "hoy"]), Reply(pieces=["Pan ", "de calidad"]))

    response = await openai_client.post(URL, json={"brief": "Pan"}, headers={**user.headers, **STREAM})

    events = sse_events(response.content)
    names = [name for name, _ in events]
    assert names.count("retry") == 1
    assert names[-1] == "done"
    after_retry = names.index("retry")
    text = "".join(json.loads(data)["text"] for name, data in events[after_retry:] if name == "delta")
    assert text == "Pan de calidad"
    assert [row["output"] for row in stored_rows(admin, user.id)] == ["Pan de calidad"]
    assert json.loads(events[-1][1])["items"][0]["warnings"] == []
