"""Input rules shared by several request schemas, attached as `Annotated` types."""

import logging
from typing import Annotated

from pydantic import AfterValidator, Field

from app.core.security.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD_BYTES

logger = logging.getLogger(__name__)


def check_password_bytes(password: str) -> str:
    """Reject passwords outside 8 to 72 bytes in UTF-8, because bcrypt ignores everything past 72 bytes."""
    size = len(password.encode("utf-8"))
    if size < MIN_PASSWORD_BYTES or size > MAX_PASSWORD_BYTES:
        raise ValueError(
            f"password must be {MIN_PASSWORD_BYTES} to {MAX_PASSWORD_BYTES} bytes in UTF-8, "
            f"and this one is {size} bytes (characters such as ñ take 2 bytes)"
        )
    return password


def check_storable_text(text: str) -> str:
    """Reject text Postgres cannot store: the NUL character, or a lone surrogate from a `\\ud800` escape."""
    if "\x00" in text:
        raise ValueError("text must not contain the NUL character (\\u0000)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("text must not contain a lone surrogate such as \\ud800") from error
    return text


def strip_full_name(full_name: str) -> str:
    """Trim a name and reject one made only of spaces."""
    stripped = full_name.strip()
    if not stripped:
        raise ValueError("full_name must not be blank")
    return stripped


NewPassword = Annotated[
    str,
    Field(description="8 to 72 bytes in UTF-8 (bcrypt's limit)"),
    AfterValidator(check_password_bytes),
]
FullName = Annotated[
    str,
    Field(min_length=1, max_length=200),
    AfterValidator(strip_full_name),
    AfterValidator(check_storable_text),
]
# Free text that is stored, such as a brief.
StorableText = AfterValidator(check_storable_text)
