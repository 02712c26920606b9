"""Typed output per kind, and the checks a model response must pass before it is returned."""

import logging
import re
import unicodedata
from dataclasses import dataclass, field

from app.services.content.kinds import IDEAS_PER_REQUEST, TEXT_KINDS, ContentKind, hashtag_limit

logger = logging.getLogger(__name__)

HASHTAG_SEPARATORS = re.compile(r"[\s,;]+")
LIST_MARKER = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s*")
IDEA_SEPARATORS = ("|", " — ", " – ", " - ", ": ")
# This many characters of the system message copied verbatim into a response mean the prompt leaked.
LEAK_WINDOW_CHARS = 40


@dataclass(frozen=True)
class Idea:
    """A content idea: what it is called and the angle it takes."""

    title: str
    angle: str


@dataclass(frozen=True)
class ParsedOutput:
    """A model response as stored text, plus its typed form for hashtags and ideas."""

    text: str
    hashtags: list[str] | None = None
    ideas: list[Idea] | None = None
    notes: list[str] = field(default_factory=list)


def parse_output(kind: ContentKind, raw: str, platform: str | None) -> ParsedOutput:
    """Turn the model's raw text into the typed output of `kind`.

    NUL characters are dropped: Postgres cannot store them, and no marketing text needs one.
    """
    raw = raw.replace("\x00", "")
    if kind in TEXT_KINDS:
        return ParsedOutput(text=raw.strip())
    if kind == ContentKind.HASHTAGS:
        return _parse_hashtags(raw, hashtag_limit(platform))
    return _parse_ideas(raw)


def forbidden_words_in(text: str, forbidden: tuple[str, ...]) -> list[str]:
    """Return the forbidden words that appear as whole words, ignoring case and accents."""
    folded = fold(text)
    found = []
    for word in forbidden:
        target = fold(word.strip())
        if target and re.search(rf"(?<!\w){re.escape(target)}(?!\w)", folded):
            found.append(word)
    return found


def leaks_system_prompt(text: str, system: str, canary: str, start: int = 0) -> bool:
    """Report whether the response repeats the marker or LEAK_WINDOW_CHARS characters of the system message.

    Only windows ending after `start` are checked, so a stream can check each new piece once.
    """
    if canary in text[max(0, start - len(canary)) :]:
        return True
    first_end = max(start + 1, LEAK_WINDOW_CHARS)
    return any(text[end - LEAK_WINDOW_CHARS : end] in system for end in range(first_end, len(text) + 1))


def fold(text: str) -> str:
    """Lower-case `text` and strip accents, so `Económico` matches `economico`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _parse_hashtags(raw: str, limit: int) -> ParsedOutput:
    """Keep `#word` tokens: no spaces inside, no duplicates (ignoring case), at most `limit`."""
    tags: list[str] = []
    seen: set[str] = set()
    for token in HASHTAG_SEPARATORS.split(raw):
        word = "".join(char for char in token.lstrip("#") if char.isalnum() or char == "_")
        if not word or word.casefold() in seen:
            continue
        seen.add(word.casefold())
        tags.append(f"#{word}")
    notes = []
    if len(tags) > limit:
        notes.append(f"{len(tags) - limit} hashtags were dropped to respect the limit of {limit}")
        tags = tags[:limit]
    return ParsedOutput(text=" ".join(tags), hashtags=tags, notes=notes)


def _parse_ideas(raw: str) -> ParsedOutput:
    """Read `title | angle` lines; a line without a separator is a title without an angle."""
    ideas: list[Idea] = []
    for line in raw.splitlines():
        cleaned = LIST_MARKER.sub("", line).strip().strip("*").strip()
        if not cleaned:
            continue
        title, angle = cleaned, ""
        for separator in IDEA_SEPARATORS:
            if separator in cleaned:
                title, angle = (part.strip() for part in cleaned.split(separator, 1))
                break
        if title:
            ideas.append(Idea(title=title, angle=angle))
    ideas = ideas[: IDEAS_PER_REQUEST * 2]
    text = "\n".join(f"{idea.title} | {idea.angle}" if idea.angle else idea.title for idea in ideas)
    return ParsedOutput(text=text, ideas=ideas)
