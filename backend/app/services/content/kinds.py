"""Content kinds and the platform rules each kind must respect."""

import logging
from enum import StrEnum
from typing import Literal, get_args

logger = logging.getLogger(__name__)

Platform = Literal["instagram", "facebook", "tiktok", "linkedin", "x", "youtube", "pinterest", "threads"]
PLATFORMS: tuple[str, ...] = get_args(Platform)


class ContentKind(StrEnum):
    """Kind of content to write; the values are the path suffixes of /generate-<kind>."""

    CAPTION = "caption"
    POST = "post"
    HASHTAGS = "hashtags"
    IDEAS = "ideas"
    VIDEO_SCRIPT = "video-script"
    BIO = "bio"
    AD = "ad"
    EMAIL = "email"

    @property
    def stored_name(self) -> str:
        """The kind as stored in generated_content.kind."""
        return self.value.replace("-", "_")


TEXT_KINDS = frozenset(kind for kind in ContentKind if kind not in (ContentKind.HASHTAGS, ContentKind.IDEAS))

# Character limits of a post's text (caption, post, ad) per platform: 280 on X,
# 2,200 for an Instagram or TikTok caption, 3,000 on LinkedIn, 500 on Threads and
# Pinterest (pin description), 5,000 for a YouTube description and 63,206 on Facebook.
POST_CHAR_LIMITS: dict[str, int] = {
    "x": 280,
    "instagram": 2_200,
    "tiktok": 2_200,
    "linkedin": 3_000,
    "threads": 500,
    "pinterest": 500,
    "youtube": 5_000,
    "facebook": 63_206,
}
# Profile text limits: Instagram and Threads 150, X 160, TikTok 80, LinkedIn headline 220,
# Facebook page intro 101, Pinterest about 500, YouTube channel description 1,000.
# NOTE: the bio limits and the TikTok, YouTube and Facebook post limits were not checked
# against the platforms' current help pages, and platforms change them without notice.
BIO_CHAR_LIMITS: dict[str, int] = {
    "instagram": 150,
    "threads": 150,
    "x": 160,
    "tiktok": 80,
    "linkedin": 220,
    "facebook": 101,
    "pinterest": 500,
    "youtube": 1_000,
}
# Instagram rejects a post with more than 30 hashtags; elsewhere a handful reads better.
HASHTAG_LIMITS: dict[str, int] = {"instagram": 30, "x": 5, "linkedin": 5, "threads": 5}
DEFAULT_HASHTAG_LIMIT = 30
IDEAS_PER_REQUEST = 5
# Without a platform, text kinds still get a ceiling so a runaway response is caught.
DEFAULT_TEXT_LIMIT = 5_000


def char_limit(kind: ContentKind, platform: str | None) -> int | None:
    """Return the maximum characters of the text, or None when the kind is not text."""
    if kind not in TEXT_KINDS:
        return None
    if kind == ContentKind.BIO and platform in BIO_CHAR_LIMITS:
        return BIO_CHAR_LIMITS[platform]
    if kind in (ContentKind.CAPTION, ContentKind.POST, ContentKind.AD) and platform in POST_CHAR_LIMITS:
        return POST_CHAR_LIMITS[platform]
    return DEFAULT_TEXT_LIMIT


def hashtag_limit(platform: str | None) -> int:
    """Return the maximum hashtags for the platform."""
    return HASHTAG_LIMITS.get(platform or "", DEFAULT_HASHTAG_LIMIT)
