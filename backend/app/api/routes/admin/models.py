"""Request schemas of the administration routes."""

import logging
from typing import Literal

from pydantic import BaseModel

logger = logging.getLogger(__name__)


class ClientStatusChange(BaseModel):
    """The status to give an account."""

    status: Literal["active", "suspended"]
