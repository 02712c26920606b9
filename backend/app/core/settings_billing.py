"""Stripe billing settings, mixed into the service's Settings."""

import logging

from pydantic_settings import BaseSettings

logger = logging.getLogger(__name__)


class BillingSettings(BaseSettings):
    """Stripe keys and price ids; environment variable names are the field names in upper case."""
