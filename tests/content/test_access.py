"""Who may generate for whom: the context is read under the caller's identity."""

import httpx

from tests.content.conftest import ContextClientMaker, stored_rows, usage_of
from tests.content.fake_llm import FakeLLMServer
from tests.helpers.factories import Factory

URL = "/api/v1/content/generate-post"


async def test_prompt_has_nothing_of_other_client(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client: ContextClientMaker
) -> None:
    client_a = context_client(
        business_name="Floristería Amapola",
        industry="Floristería",
        business_description="Ramos de temporada",
        keywords=["ramos", "flores"],
        forbidden_words=["plástico"],
    )
    context_client(
        business_name="Taller Mecánico Zeta",
        industry="Automoción",
        business_description="Cambio de aceite exprés en Vallecas",
        target_audience="Conductores de furgonetas",
        keywords=["neumáticos", "frenos"],
        forbidden_words=["chapuza"],
    )

    response = await openai_client.post(URL, json={"brief": "Rebajas de primavera"}, headers=client_a.headers)

    assert response.status_code == 200
    (request,) = llm.requests
    sent = request.system + request.user + str(request.body)
    assert "Floristería Amapola" in request.user
    for secret in ("Taller Mecánico Zeta", "Automoción", "Vallecas", "furgonetas", "neumáticos", "chapuza"):
        assert secret not in sent


async def test_client_cannot_act_for_another(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    caller = context_client()
    other = context_client()

    response = await client.post(
        URL, json={"brief": "Hola", "client_id": str(other.id)}, headers=caller.headers
    )

    assert response.status_code == 403
    assert stored_rows(admin, other.id) == []
    assert usage_of(admin, other.id) == 0


async def test_reseller_admin_generates_for_own_client(
    client: httpx.AsyncClient, context_client: ContextClientMaker, factory: Factory, admin
) -> None:
    agency = factory.reseller()
    reseller_admin = factory.user(role="reseller", reseller_id=agency)
    customer = context_client(reseller_id=agency)

    response = await client.post(
        URL, json={"brief": "Hola", "client_id": str(customer.id)}, headers=reseller_admin.headers
    )

    assert response.status_code == 200, response.text
    assert len(stored_rows(admin, customer.id)) == 1
    assert usage_of(admin, customer.id) == 1


async def test_reseller_admin_rejected_for_other_agency(
    client: httpx.AsyncClient, context_client: ContextClientMaker, factory: Factory, admin
) -> None:
    reseller_admin = factory.user(role="reseller", reseller_id=factory.reseller())
    stranger = context_client(reseller_id=factory.reseller())

    response = await client.post(
        URL, json={"brief": "Hola", "client_id": str(stranger.id)}, headers=reseller_admin.headers
    )

    assert response.status_code == 403
    assert stored_rows(admin, stranger.id) == []
    assert usage_of(admin, stranger.id) == 0


async def test_admin_needs_client_id(client: httpx.AsyncClient, factory: Factory) -> None:
    reseller_admin = factory.user(role="reseller", reseller_id=factory.reseller())

    response = await client.post(URL, json={"brief": "Hola"}, headers=reseller_admin.headers)

    assert response.status_code == 400
    assert "client_id" in response.json()["detail"]


async def test_owner_generates_for_any_client(
    client: httpx.AsyncClient, context_client: ContextClientMaker, factory: Factory, admin
) -> None:
    owner = factory.user(role="owner")
    customer = context_client(reseller_id=factory.reseller())

    response = await client.post(
        URL, json={"brief": "Hola", "client_id": str(customer.id)}, headers=owner.headers
    )

    assert response.status_code == 200, response.text
    assert len(stored_rows(admin, customer.id)) == 1


async def test_unknown_client_is_404(client: httpx.AsyncClient, factory: Factory) -> None:
    owner = factory.user(role="owner")

    response = await client.post(
        URL,
        json={"brief": "Hola", "client_id": "00000000-0000-4000-a000-00000000dead"},
        headers=owner.headers,
    )

    assert response.status_code == 404


async def test_missing_context_is_409(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(with_context=False)

    response = await client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 409
    assert "Create it" in response.json()["detail"]
    assert usage_of(admin, user.id) == 0


async def test_no_token_is_401(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json={"brief": "Hola"})

    assert response.status_code == 401


async def test_social_account_sets_platform(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    account = admin.execute(
        "insert into public.social_accounts (client_id, platform, handle) "
        "values (%s, 'x', '@espiga') returning id",
        (user.id,),
    ).fetchone()
    assert account is not None

    response = await client.post(
        URL, json={"brief": "Hola", "social_account_id": str(account["id"])}, headers=user.headers
    )

    assert response.status_code == 200, response.text
    item = response.json()["data"]["items"][0]
    assert item["platform"] == "x"
    assert len(item["output"]["text"]) <= 280
    assert stored_rows(admin, user.id)[0]["social_account_id"] == account["id"]


async def test_social_account_problems(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    other = context_client()
    own = admin.execute(
        "insert into public.social_accounts (client_id, platform, handle, is_active) "
        "values (%s, 'instagram', '@uno', false) returning id",
        (user.id,),
    ).fetchone()
    foreign = admin.execute(
        "insert into public.social_accounts (client_id, platform, handle) "
        "values (%s, 'x', '@otro') returning id",
        (other.id,),
    ).fetchone()
    assert own is not None
    assert foreign is not None
    cases = [
        ({"social_account_id": str(foreign["id"])}, 404),
        ({"social_account_id": "00000000-0000-4000-a000-00000000beef"}, 404),
        ({"social_account_id": str(own["id"])}, 409),
    ]

    for extra, status in cases:
        response = await client.post(URL, json={"brief": "Hola", **extra}, headers=user.headers)
        assert response.status_code == status, (extra, response.text)

    admin.execute("update public.social_accounts set is_active = true where id = %s", (own["id"],))
    response = await client.post(
        URL,
        json={"brief": "Hola", "social_account_id": str(own["id"]), "platform": "x"},
        headers=user.headers,
    )
    assert response.status_code == 400
    assert stored_rows(admin, user.id) == []
    assert usage_of(admin, user.id) == 0
