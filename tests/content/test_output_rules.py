"""Typed output per kind, forbidden words and platform limits."""

import httpx

from tests.content.conftest import ContextClientMaker, stored_rows
from tests.content.fake_llm import FakeLLMServer, Reply


async def test_hashtags_are_clean_list(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(Reply(text="#PanArtesanal, #masa madre #PanArtesanal #panartesanal\n#Ñandú #🥐 ##Barrio"))

    response = await openai_client.post(
        "/api/v1/content/generate-hashtags",
        json={"brief": "Pan", "platform": "instagram"},
        headers=user.headers,
    )

    assert response.status_code == 200, response.text
    output = response.json()["data"]["items"][0]["output"]
    assert output == {
        "type": "hashtags",
        "hashtags": ["#PanArtesanal", "#masa", "#madre", "#Ñandú", "#Barrio"],
    }
    row = stored_rows(admin, user.id)[0]
    assert row["output_items"] == output["hashtags"]
    assert row["kind"] == "hashtags"


async def test_instagram_keeps_thirty_hashtags(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker
) -> None:
    user = context_client()
    llm.reply(Reply(text=" ".join(f"#tag{n}" for n in range(40))))

    response = await openai_client.post(
        "/api/v1/content/generate-hashtags",
        json={"brief": "Pan", "platform": "instagram"},
        headers=user.headers,
    )

    item = response.json()["data"]["items"][0]
    assert len(item["output"]["hashtags"]) == 30
    assert item["warnings"] == ["10 hashtags were dropped to respect the limit of 30"]


async def test_ideas_have_title_and_angle(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    llm.reply(
        Reply(text="1. Pan del día | Muestra el horno a las 6\n- Receta abierta — Comparte la masa madre\n\n")
    )

    response = await openai_client.post(
        "/api/v1/content/generate-ideas", json={"brief": "Pan"}, headers=user.headers
    )

    output = response.json()["data"]["items"][0]["output"]
    assert output["type"] == "ideas"
    assert output["ideas"] == [
        {"title": "Pan del día", "angle": "Muestra el horno a las 6"},
        {"title": "Receta abierta", "angle": "Comparte la masa madre"},
    ]
    assert stored_rows(admin, user.id)[0]["output_items"] == output["ideas"]


async def test_forbidden_word_rewritten_once(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker
) -> None:
    user = context_client(forbidden_words=["barato"])
    llm.reply(Reply(text="Pan BARATO hoy"), Reply(text="Pan de calidad hoy"))

    response = await openai_client.post(
        "/api/v1/content/generate-caption", json={"brief": "Pan"}, headers=user.headers
    )

    item = response.json()["data"]["items"][0]
    assert item["output"]["text"] == "Pan de calidad hoy"
    assert item["warnings"] == []
    assert len(llm.requests) == 2
    assert "forbidden_words" in llm.requests[1].user


async def test_forbidden_word_twice_warns(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(forbidden_words=["económico"])
    llm.reply(Reply(text="Pan economico"), Reply(text="Pan Económico otra vez"))

    response = await openai_client.post(
        "/api/v1/content/generate-caption", json={"brief": "Pan"}, headers=user.headers
    )

    item = response.json()["data"]["items"][0]
    assert item["output"]["text"] == "Pan Económico otra vez"
    assert item["warnings"] == ["The text contains forbidden words: económico"]
    assert len(llm.requests) == 2
    assert stored_rows(admin, user.id)[0]["warnings"] == item["warnings"]


async def test_over_limit_rewritten_then_warned(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker
) -> None:
    user = context_client()
    llm.reply(Reply(text="a" * 300), Reply(text="b" * 250))

    shorter = await openai_client.post(
        "/api/v1/content/generate-caption", json={"brief": "Pan", "platform": "x"}, headers=user.headers
    )
    llm.reply(Reply(text="a" * 300), Reply(text="c" * 290))
    still_long = await openai_client.post(
        "/api/v1/content/generate-caption", json={"brief": "Pan", "platform": "x"}, headers=user.headers
    )

    assert shorter.json()["data"]["items"][0]["output"]["text"] == "b" * 250
    assert shorter.json()["data"]["items"][0]["warnings"] == []
    assert "280" in llm.requests[1].user
    assert still_long.json()["data"]["items"][0]["warnings"] == [
        "The text has 290 characters, over the platform limit of 280"
    ]


async def test_platform_rules_in_system_prompt(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker
) -> None:
    user = context_client(forbidden_words=["barato"], forbidden_topics=["política"])
    expectations = {"x": "280", "instagram": "2200", "linkedin": "3000", "threads": "500", "pinterest": "500"}

    for platform in expectations:
        await openai_client.post(
            "/api/v1/content/generate-caption",
            json={"brief": "Pan", "platform": platform},
            headers=user.headers,
        )

    for request, (platform, limit) in zip(llm.requests, expectations.items(), strict=True):
        assert f"at most {limit} characters" in request.system
        assert platform in request.system
        assert "barato" in request.user
        assert "política" in request.user
    assert "at most 30 hashtags" in llm.requests[1].system


async def test_language_from_request_or_context(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker
) -> None:
    user = context_client(language="es-MX")

    await openai_client.post("/api/v1/content/generate-bio", json={"brief": "Pan"}, headers=user.headers)
    await openai_client.post(
        "/api/v1/content/generate-bio", json={"brief": "Bread", "language": "en"}, headers=user.headers
    )

    assert "'es-MX'" in llm.requests[0].system
    assert "'en'" in llm.requests[1].system
