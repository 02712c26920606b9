"""The offline writer: deterministic text from templates and the client's context, without any network."""

import hashlib
import logging
import re
from collections.abc import AsyncGenerator

from app.infrastructure.llm.offline_templates import CLOSINGS, IDEAS, KEYWORDS_LEAD, OPENINGS, TEMPLATES
from app.infrastructure.llm.types import Completion, OfflineBrief, OpenedStream, ProviderJob, StreamUsage

logger = logging.getLogger(__name__)

OFFLINE_MODEL = "offline-templates-v1"
STREAM_CHUNK_CHARS = 16
MAX_HASHTAGS = 12
HASHTAG_WORD = re.compile(r"[^\W_]+")
NEUTRAL_BRIEF = {"es": "nuestras novedades de esta semana", "en": "what is new this week"}


class OfflineProvider:
    """Writes from templates in Spanish (tags `es*`) or English (any other tag)."""

    name = "offline"
    model = OFFLINE_MODEL

    async def complete(self, job: ProviderJob, time_budget: float) -> Completion:
        """Return the composed text; the same job always gives the same text."""
        text = compose(job.offline)
        return Completion(text=text, provider=self.name, model=self.model, response_id=None)

    async def open_stream(self, job: ProviderJob, time_budget: float) -> OpenedStream:
        """Stream the composed text in short pieces, as a network model would."""
        text = compose(job.offline)
        usage = StreamUsage(model=self.model, finished=True)
        return OpenedStream(deltas=_pieces(text), usage=usage)

    async def aclose(self) -> None:
        """Nothing to release."""


def compose(brief: OfflineBrief) -> str:
    """Fill the template of the brief's kind, drop forbidden words and fit the length limit."""
    language = "es" if brief.language.lower().startswith("es") else "en"
    seed = int(hashlib.sha256(f"{brief.kind}|{brief.brief}".encode()).hexdigest()[:8], 16)
    # Consecutive variants take consecutive openings and closings, so the up to
    # three variants of one request differ, and a retry moves to the next ones.
    pick = seed + (brief.variant - 1) + (brief.attempt - 1)
    keywords = [word for word in brief.keywords if not _contains_forbidden(word, brief.forbidden_words)]
    values = {
        "business": brief.business_name,
        "industry": brief.industry,
        "brief": _clean_brief(brief.brief, brief.forbidden_words, language),
        "opening": OPENINGS[language][pick % len(OPENINGS[language])],
        "closing": CLOSINGS[language][pick % len(CLOSINGS[language])],
        "keywords": KEYWORDS_LEAD[language].format(list=", ".join(keywords[:5])) if keywords else "",
    }

    if brief.kind == "hashtags":
        text = _hashtags([brief.business_name, brief.industry, *keywords], brief.forbidden_words, pick)
    elif brief.kind == "ideas":
        lines = IDEAS[language]
        text = "\n".join(lines[(pick + index) % len(lines)].format(**values) for index in range(len(lines)))
    else:
        text = TEMPLATES[language][brief.kind].format(**values)

    text = _remove_forbidden(text, brief.forbidden_words)
    return _fit(text, brief.max_chars)


def _clean_brief(text: str, forbidden: tuple[str, ...], language: str) -> str:
    """Keep the brief's clauses that contain no forbidden word, or a neutral phrase if none is left.

    Deleting single words would leave broken sentences such as "pan, nada ni".
    """
    clauses = [clause.strip() for clause in re.split(r"[,;.:]", text) if clause.strip()]
    allowed_clauses = [clause for clause in clauses if not _contains_forbidden(clause, forbidden)]
    return ", ".join(allowed_clauses) if allowed_clauses else NEUTRAL_BRIEF[language]


def _hashtags(sources: list[str], forbidden: tuple[str, ...], pick: int) -> str:
    """Build one `#CamelCase` tag per source phrase, without duplicates or forbidden words.

    The tags are rotated by `pick` so that the variants of one request differ in order.
    """
    tags: list[str] = []
    for source in sources:
        words = HASHTAG_WORD.findall(source)
        tag = "#" + "".join(word[:1].upper() + word[1:] for word in words)
        if (
            len(tag) > 1
            and tag.lower() not in {t.lower() for t in tags}
            and not _contains_forbidden(tag[1:], forbidden)
        ):
            tags.append(tag)
    chosen = tags[:MAX_HASHTAGS]
    if chosen:
        shift = pick % len(chosen)
        chosen = chosen[shift:] + chosen[:shift]
    return " ".join(chosen)


def _contains_forbidden(text: str, forbidden: tuple[str, ...]) -> bool:
    """Report whether `text` contains any forbidden word, ignoring case."""
    folded = text.casefold()
    return any(word.casefold() in folded for word in forbidden if word.strip())


def _remove_forbidden(text: str, forbidden: tuple[str, ...]) -> str:
    """Delete each forbidden word (whole words, any case) and tidy the spaces left behind."""
    for word in forbidden:
        if word.strip():
            text = re.sub(rf"(?<!\w){re.escape(word.strip())}(?!\w)", "", text, flags=re.IGNORECASE)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r" +([.,;:!?])", r"\1", text).strip()


def _fit(text: str, max_chars: int | None) -> str:
    """Cut at the last space before the limit, ending with an ellipsis."""
    if max_chars is None or len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


async def _pieces(text: str) -> AsyncGenerator[str, None]:
    """Yield `text` in pieces of STREAM_CHUNK_CHARS characters."""
    for start in range(0, len(text), STREAM_CHUNK_CHARS):
        yield text[start : start + STREAM_CHUNK_CHARS]
