"""Join streamed text pieces so that no event ends inside a character or a combining sequence."""

import logging
import unicodedata

logger = logging.getLogger(__name__)

ZERO_WIDTH_JOINER = "\u200d"
REPLACEMENT_CHARACTER = "\ufffd"


class CharacterSafeJoiner:
    """Hold back the last character of each piece until the next piece shows what follows it.

    A provider may cut a surrogate pair, an accent written as a combining mark,
    an emoji with a skin-tone modifier or a ZWJ sequence across two pieces.
    Joining each piece with the held-back tail keeps every one of them whole.
    """

    def __init__(self) -> None:
        self._pending = ""

    def feed(self, piece: str) -> str:
        """Add a piece and return the text that is safe to send now (possibly empty)."""
        text = _pair_surrogates(self._pending + piece)
        cut = _safe_cut(text)
        self._pending = text[cut:]
        return _clean(text[:cut])

    def flush(self) -> str:
        """Return whatever is still held back, at the end of the stream."""
        text, self._pending = self._pending, ""
        return _clean(text)


def _safe_cut(text: str) -> int:
    """Index before the last base character and everything attached to it."""
    index = len(text) - 1
    while index > 0 and (_attaches(text[index]) or text[index - 1] == ZERO_WIDTH_JOINER):
        index -= 1
    if index > 0 and _is_regional_indicator(text[index]) and _is_regional_indicator(text[index - 1]):
        index -= 1
    return max(index, 0)


def _attaches(char: str) -> bool:
    """Report whether `char` joins the one before it: marks, joiners, variation selectors, modifiers."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char == ZERO_WIDTH_JOINER
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xDC00 <= code <= 0xDFFF
    )


def _is_regional_indicator(char: str) -> bool:
    """Flags are pairs of regional indicator symbols."""
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _pair_surrogates(text: str) -> str:
    """Merge surrogate pairs that arrived as separate JSON escapes into one character."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _clean(text: str) -> str:
    """Replace any lone surrogate, which UTF-8 cannot encode, with U+FFFD."""
    return "".join(REPLACEMENT_CHARACTER if 0xD800 <= ord(char) <= 0xDFFF else char for char in text)
