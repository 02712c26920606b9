"""Resolve whom a generation is for and read that client's context under the caller's identity."""

import logging
import uuid
from dataclasses import dataclass

from psycopg.rows import DictRow

from app.core.errors import ConflictError, InvalidInputError, NotFoundError, PermissionDeniedError
from app.core.security.tokens import TokenIdentity
from app.infrastructure.database import Connection, Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClientContext:
    """The stored business context of one client, as the caller is allowed to see it."""

    client_id: uuid.UUID
    business_name: str
    industry: str
    business_description: str | None
    target_audience: str | None
    communication_tone: str
    primary_goal: str
    language: str
    keywords: tuple[str, ...]
    forbidden_words: tuple[str, ...]
    forbidden_topics: tuple[str, ...]
    brand_colors: tuple[str, ...]
    website_url: str | None
    custom_instructions: str | None
    version: int

    @classmethod
    def from_row(cls, row: DictRow) -> "ClientContext":
        """Build a context from a `public.client_context` row."""
        return cls(
            client_id=row["client_id"],
            business_name=row["business_name"],
            industry=row["industry"],
            business_description=row["business_description"],
            target_audience=row["target_audience"],
            communication_tone=row["communication_tone"],
            primary_goal=row["primary_goal"],
            language=row["language"],
            keywords=tuple(row["keywords"]),
            forbidden_words=tuple(row["forbidden_words"]),
            forbidden_topics=tuple(row["forbidden_topics"]),
            brand_colors=tuple(row["brand_colors"]),
            website_url=row["website_url"],
            custom_instructions=row["custom_instructions"],
            version=row["version"],
        )


@dataclass(frozen=True)
class GenerationTarget:
    """The client to write for, its context, and the platform from the account or the request."""

    context: ClientContext
    social_account_id: uuid.UUID | None
    platform: str | None


async def load_target(
    db: Database,
    identity: TokenIdentity,
    client_id: uuid.UUID | None,
    social_account_id: uuid.UUID | None,
    platform: str | None,
) -> GenerationTarget:
    """Read the target client's context and social account as PostgREST would show them to the caller.

    Raises:
        InvalidInputError: an admin left out client_id, or the platform contradicts the account's.
        PermissionDeniedError: the caller may not act for that client.
        NotFoundError: unknown client or social account.
        ConflictError: the client has no context yet, or the account is inactive.
    """
    async with db.as_user(identity.claims, "GET", "/client_context") as conn:
        target_id = await _resolve_client_id(conn, identity, client_id)
        context_row = account_row = None
        if target_id is not None:
            cursor = await conn.execute(
                "select * from public.client_context where client_id = %s", (target_id,)
            )
            context_row = await cursor.fetchone()
        if target_id is not None and social_account_id is not None:
            cursor = await conn.execute(
                "select id, platform, is_active from public.social_accounts where id = %s and client_id = %s",
                (social_account_id, target_id),
            )
            account_row = await cursor.fetchone()

    if target_id is None:
        await _reject_unreachable_client(db, identity, client_id)
    if context_row is None:
        raise ConflictError(
            "This client has no business context yet. Create it (business name, industry, tone) "
            "before generating content."
        )
    if social_account_id is not None:
        platform = _account_platform(account_row, platform)
    return GenerationTarget(ClientContext.from_row(context_row), social_account_id, platform)


async def _resolve_client_id(
    conn: Connection, identity: TokenIdentity, client_id: uuid.UUID | None
) -> uuid.UUID | None:
    """Return the client to act for, or None when the caller cannot see the requested client."""
    cursor = await conn.execute("select role from public.clients where id = auth.uid()")
    caller = await cursor.fetchone()
    if caller is None:
        raise NotFoundError("Your account was not found")
    role = str(caller["role"])

    if client_id is None or client_id == identity.client_id:
        if client_id is None and role != "client":
            raise InvalidInputError(
                "client_id is required when a reseller admin or the owner generates content"
            )
        return identity.client_id
    if role == "client":
        raise PermissionDeniedError("A client can generate content only for itself")

    cursor = await conn.execute("select id from public.clients where id = %s", (client_id,))
    return client_id if await cursor.fetchone() is not None else None


async def _reject_unreachable_client(
    db: Database, identity: TokenIdentity, client_id: uuid.UUID | None
) -> None:
    """Raise 403 for a client that exists outside the caller's reach, 404 for one that does not exist."""
    async with db.as_service() as conn:
        cursor = await conn.execute("select private.client_exists(%s) as found", (client_id,))
        row = await cursor.fetchone()
    if row and row["found"]:
        logger.warning(
            "Client %s asked to generate for client %s outside its reach", identity.client_id, client_id
        )
        raise PermissionDeniedError("You may not generate content for this client")
    raise NotFoundError("Client not found")


def _account_platform(row: DictRow | None, platform: str | None) -> str:
    """Return the account's platform after checking that it exists, is active and agrees with the request."""
    if row is None:
        raise NotFoundError("Social account not found")
    if not row["is_active"]:
        raise ConflictError("This social account is inactive; reactivate it or choose another one")
    account_platform = str(row["platform"])
    if platform is not None and platform != account_platform:
        raise InvalidInputError(
            f"platform {platform!r} does not match the social account's platform {account_platform!r}"
        )
    return account_platform
