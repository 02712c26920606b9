"""The client context as a JSON data block, cut to the prompt budget lowest-priority fields first."""

import json
import logging
from collections.abc import Mapping

from app.services.content.targets import ClientContext

logger = logging.getLogger(__name__)

# Fields cut first when the block is over budget. business_name and industry
# are never cut; tone, goal and language are enumerated values in the rules.
CUT_ORDER = (
    "brand_colors",
    "website_url",
    "custom_instructions",
    "keywords",
    "target_audience",
    "business_description",
)
MIN_KEPT_CHARS = 20
ELLIPSIS = "…"

ContextValue = str | list[str]


def encode_block(data: Mapping[str, object]) -> str:
    """JSON with `<`, `>` and `&` escaped, so data can never close or open a delimiter tag."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def context_data(context: ClientContext, budget: int) -> tuple[str, list[str]]:
    """Return the encoded context block and the names of the fields that were shortened or dropped."""
    data: dict[str, ContextValue] = {
        "business_name": context.business_name,
        "industry": context.industry,
    }
    optional: dict[str, ContextValue | None] = {
        "business_description": context.business_description,
        "target_audience": context.target_audience,
        "keywords": list(context.keywords),
        "custom_instructions": context.custom_instructions,
        "website_url": context.website_url,
        "brand_colors": list(context.brand_colors),
    }
    data.update({name: value for name, value in optional.items() if value})

    cut: list[str] = []
    for field in CUT_ORDER:
        if len(encode_block(data)) <= budget:
            break
        if field in data:
            _shrink(data, field, budget)
            cut.append(field)
    return encode_block(data), cut


def _shrink(data: dict[str, ContextValue], field: str, budget: int) -> None:
    """Shorten one field until the block fits, deleting it when too little would remain."""
    while field in data:
        excess = len(encode_block(data)) - budget
        if excess <= 0:
            return
        value = data[field]
        if isinstance(value, list):
            if len(value) > 1:
                data[field] = value[:-1]
            else:
                del data[field]
            continue
        keep = len(value.rstrip(ELLIPSIS)) - excess - len(ELLIPSIS)
        if keep < MIN_KEPT_CHARS:
            del data[field]
        else:
            data[field] = value[:keep].rstrip() + ELLIPSIS
