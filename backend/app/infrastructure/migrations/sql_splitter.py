"""Split a SQL script into statements, respecting quotes, comments and dollar quoting."""

import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

DOLLAR_TAG = re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*\$|\$\$")


@dataclass(frozen=True)
class SqlStatement:
    """One statement of a script and the 1-based line it starts on."""

    text: str
    line: int


def split_statements(script: str) -> list[SqlStatement]:
    """Split `script` on top-level semicolons.

    Semicolons inside string literals, quoted identifiers, comments and
    dollar-quoted bodies do not end a statement. Empty statements are dropped.
    """
    statements: list[SqlStatement] = []
    start = 0
    index = 0
    length = len(script)

    while index < length:
        char = script[index]
        pair = script[index : index + 2]

        if pair == "--":
            newline = script.find("\n", index)
            index = length if newline == -1 else newline + 1
        elif pair == "/*":
            index = _skip_block_comment(script, index)
        elif char in ("'", '"'):
            index = _skip_quoted(script, index, char)
        elif char == "$" and (tag := DOLLAR_TAG.match(script, index)) and _starts_token(script, index):
            closing = script.find(tag.group(0), tag.end())
            index = length if closing == -1 else closing + len(tag.group(0))
        elif char == ";":
            _append(statements, script, start, index)
            start = index + 1
            index += 1
        else:
            index += 1

    _append(statements, script, start, length)
    return statements


def _starts_token(script: str, index: int) -> bool:
    """Tell a dollar quote from a positional parameter such as `$1` or an identifier."""
    return index == 0 or not (script[index - 1].isalnum() or script[index - 1] == "_")


def _skip_block_comment(script: str, index: int) -> int:
    """Return the index after a possibly nested `/* ... */` comment."""
    depth = 0
    length = len(script)
    while index < length:
        pair = script[index : index + 2]
        if pair == "/*":
            depth += 1
            index += 2
        elif pair == "*/":
            depth -= 1
            index += 2
            if depth == 0:
                return index
        else:
            index += 1
    return length


def _skip_quoted(script: str, index: int, quote: str) -> int:
    """Return the index after a quoted literal, where a doubled quote is an escape."""
    index += 1
    length = len(script)
    while index < length:
        if script[index] == quote:
            if script[index + 1 : index + 2] == quote:
                index += 2
                continue
            return index + 1
        index += 1
    return length


def _append(statements: list[SqlStatement], script: str, start: int, end: int) -> None:
    """Append the statement between `start` and `end` unless it holds only comments."""
    chunk = script[start:end]
    stripped = chunk.strip()
    if not stripped or not _has_code(stripped):
        return
    leading = len(chunk) - len(chunk.lstrip())
    line = script.count("\n", 0, start + leading) + 1
    statements.append(SqlStatement(text=stripped, line=line))


def _has_code(chunk: str) -> bool:
    """Report whether `chunk` contains anything besides comments and whitespace."""
    without_line_comments = re.sub(r"--[^\n]*", "", chunk)
    without_block_comments = re.sub(r"/\*.*?\*/", "", without_line_comments, flags=re.DOTALL)
    return bool(without_block_comments.strip())
