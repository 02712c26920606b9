"""bcrypt password hashing in worker threads, with equal work for known and unknown emails."""

import logging
import secrets

import anyio.to_thread
import bcrypt

logger = logging.getLogger(__name__)

# bcrypt reads at most 72 bytes of input; bcrypt 5 raises on longer input.
MAX_PASSWORD_BYTES = 72
MIN_PASSWORD_BYTES = 8


class PasswordHasher:
    """Hash and verify passwords at a fixed bcrypt cost.

    A dummy hash at the same cost is made once, so checking an unknown email
    costs the same bcrypt work as checking a wrong password.
    """

    def __init__(self, rounds: int) -> None:
        self._rounds = rounds
        self._dummy_hash = bcrypt.hashpw(secrets.token_bytes(16).hex().encode(), bcrypt.gensalt(rounds))

    @property
    def rounds(self) -> int:
        """bcrypt cost factor (log2 of the iteration count)."""
        return self._rounds

    @property
    def dummy_hash(self) -> str:
        """Hash that unknown emails are verified against."""
        return self._dummy_hash.decode("ascii")

    def hash(self, password: str) -> str:
        """Return the bcrypt hash of `password`, which must fit in 72 bytes."""
        return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(self._rounds)).decode("ascii")

    def verify(self, password: str, password_hash: str | None) -> bool:
        """Check `password` against `password_hash`, spending full bcrypt work even when it cannot match."""
        encoded = password.encode("utf-8")
        if password_hash is None or len(encoded) > MAX_PASSWORD_BYTES:
            bcrypt.checkpw(encoded[:MAX_PASSWORD_BYTES], self._dummy_hash)
            return False
        try:
            return bcrypt.checkpw(encoded, password_hash.encode("ascii"))
        except ValueError:
            logger.error("Stored password hash is malformed; treating the password as wrong")
            bcrypt.checkpw(encoded, self._dummy_hash)
            return False

    async def hash_async(self, password: str) -> str:
        """Hash in a worker thread so other requests keep being served."""
        return await anyio.to_thread.run_sync(self.hash, password)

    async def verify_async(self, password: str, password_hash: str | None) -> bool:
        """Verify in a worker thread so other requests keep being served."""
        return await anyio.to_thread.run_sync(self.verify, password, password_hash)
