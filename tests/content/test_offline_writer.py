"""The offline writer: distinct variants and clean text around forbidden words."""

import pytest

from app.infrastructure.llm.offline_provider import compose
from app.infrastructure.llm.types import OfflineBrief

KINDS = ["caption", "post", "hashtags", "ideas", "video_script", "bio", "ad", "email"]


def bakery_brief(kind: str, text: str, variant: int = 1, attempt: int = 1) -> OfflineBrief:
    return OfflineBrief(
        kind=kind,
        brief=text,
        language="es",
        business_name="Panadería La Espiga",
        industry="Panadería artesanal",
        keywords=("masa madre", "pan artesano", "horno de leña"),
        forbidden_words=("barato", "industrial", "congelado"),
        max_chars=None,
        variant=variant,
        attempt=attempt,
    )


@pytest.mark.parametrize("kind", KINDS)
def test_variants_of_one_request_differ(kind: str) -> None:
    texts = [compose(bakery_brief(kind, "Pan de centeno los viernes", variant)) for variant in (1, 2, 3)]

    assert len(set(texts)) == 3


@pytest.mark.parametrize("kind", ["caption", "post", "ad", "email"])
def test_retry_changes_the_text(kind: str) -> None:
    first = compose(bakery_brief(kind, "Pan de centeno los viernes", attempt=1))
    retry = compose(bakery_brief(kind, "Pan de centeno los viernes", attempt=2))

    assert first != retry


def test_forbidden_clauses_dropped_whole() -> None:
    text = compose(bakery_brief("caption", "Pan de centeno recién hecho, nada industrial ni congelado"))

    assert "Pan de centeno recién hecho" in text
    assert "nada" not in text
    assert " ni " not in text
    for word in ("barato", "industrial", "congelado"):
        assert word not in text.casefold()


def test_brief_made_of_forbidden_words() -> None:
    text = compose(bakery_brief("caption", "Pan barato, nada industrial ni congelado"))

    assert "nuestras novedades de esta semana" in text
    assert "pan," not in text
    assert "barato" not in text
