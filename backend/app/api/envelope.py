"""The `{success, data, message}` envelope of every successful response."""

import logging
from typing import Generic, TypeVar

from pydantic import BaseModel

logger = logging.getLogger(__name__)

DataT = TypeVar("DataT")


class ApiResponse(BaseModel, Generic[DataT]):  # Python 3.11 has no PEP 695 syntax
    """Successful response: `data` is the payload, `message` a human-readable summary."""

    success: bool = True
    data: DataT
    message: str


class ErrorResponse(BaseModel):
    """Error body: a readable `detail`, never a stack trace or a secret."""

    success: bool = False
    detail: str
