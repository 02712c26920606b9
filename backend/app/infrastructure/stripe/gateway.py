"""The Stripe API calls the service makes, through the official SDK with a pinned API version."""

import logging
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import stripe
from stripe._base_address import BaseAddresses
from stripe.params.checkout import SessionCreateParamsSubscriptionData

from app.core.errors import BadGatewayError, GatewayTimeoutError, NotFoundError
from app.infrastructure.stripe.objects import SubscriptionState, parse_subscription

logger = logging.getLogger(__name__)

# Every request and every webhook payload this service reads uses this API
# version; create the webhook endpoint in Stripe with the same version. It is
# the version stripe-python 16.1 is generated from, so the SDK's types match.
STRIPE_API_VERSION = "2026-10-28.endive"
REQUEST_TIMEOUT_SECONDS = 20
# The SDK retries connection errors, 409 (idempotency key in use) and 5xx,
# reusing the request's idempotency key.
MAX_NETWORK_RETRIES = 2

ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class ObservedSubscription:
    """A subscription read from the API, with the time of Stripe's response (Stripe's clock)."""

    state: SubscriptionState
    observed_at: datetime


@dataclass(frozen=True)
class CheckoutRequest:
    """Parameters of a subscription Checkout Session."""

    client_id: uuid.UUID
    customer_id: str
    price_id: str
    trial_days: int | None
    trial_end: datetime | None
    success_url: str
    cancel_url: str


class StripeGateway:
    """Async Stripe client; failures become semantic errors (502, 504, 404)."""

    def __init__(self, secret_key: str, api_base: str | None) -> None:
        self._http = stripe.HTTPXClient(timeout=REQUEST_TIMEOUT_SECONDS)
        # Every base address points at `api_base`, so no call can leave for another host.
        addresses: BaseAddresses | None = None
        if api_base:
            base = api_base.rstrip("/")
            addresses = {"api": base, "connect": base, "files": base, "meter_events": base}
        self._client = stripe.StripeClient(
            secret_key,
            stripe_version=STRIPE_API_VERSION,
            base_addresses=addresses,
            http_client=self._http,
            max_network_retries=MAX_NETWORK_RETRIES,
        )

    async def close(self) -> None:
        """Close the HTTP connection pool."""
        await self._http.close_async()  # type: ignore[no-untyped-call]  # the SDK leaves it unannotated

    async def create_customer(self, client_id: uuid.UUID, email: str, name: str) -> str:
        """Create the client's customer; the idempotency key makes concurrent calls return one customer.

        Stripe keeps idempotency keys for at least 24 hours. A later call with
        the same key creates a second customer, and the unique constraint on
        stripe_customer_id keeps it from being linked to a second client.
        """
        customer = await self._call(
            "create customer",
            self._client.v1.customers.create_async(
                params={"email": email, "name": name, "metadata": {"client_id": str(client_id)}},
                options={"idempotency_key": f"omega-customer-{client_id}"},
            ),
        )
        return customer.id

    async def create_checkout_session(self, request: CheckoutRequest) -> str:
        """Create a subscription Checkout Session and return its URL."""
        subscription_data: SessionCreateParamsSubscriptionData = {
            "metadata": {"client_id": str(request.client_id)}
        }
        if request.trial_days:
            subscription_data["trial_period_days"] = request.trial_days
        if request.trial_end is not None:
            subscription_data["trial_end"] = int(request.trial_end.timestamp())
        session = await self._call(
            "create checkout session",
            self._client.v1.checkout.sessions.create_async(
                params={
                    "mode": "subscription",
                    "customer": request.customer_id,
                    "client_reference_id": str(request.client_id),
                    "line_items": [{"price": request.price_id, "quantity": 1}],
                    "subscription_data": subscription_data,
                    "success_url": request.success_url,
                    "cancel_url": request.cancel_url,
                }
            ),
        )
        if not session.url:
            raise BadGatewayError("Stripe returned a Checkout Session without a URL")
        return session.url

    async def create_portal_session(self, customer_id: str, return_url: str) -> str:
        """Create a Customer Portal session and return its URL."""
        session = await self._call(
            "create portal session",
            self._client.v1.billing_portal.sessions.create_async(
                params={"customer": customer_id, "return_url": return_url}
            ),
        )
        return session.url

    async def cancel_at_period_end(self, subscription_id: str) -> SubscriptionState:
        """Ask Stripe to end the subscription when the paid period ends."""
        subscription = await self._call(
            "cancel subscription at period end",
            self._client.v1.subscriptions.update_async(
                subscription_id, params={"cancel_at_period_end": True}
            ),
        )
        return parse_subscription(subscription.to_dict())

    async def retrieve_subscription(self, subscription_id: str) -> ObservedSubscription:
        """Read a subscription's current state.

        Raises:
            NotFoundError: Stripe has no subscription with this id.
        """
        subscription = await self._call(
            "retrieve subscription", self._client.v1.subscriptions.retrieve_async(subscription_id)
        )
        response = subscription.last_response
        observed_at = _response_date(response.headers if response else {})
        return ObservedSubscription(parse_subscription(subscription.to_dict()), observed_at)

    async def _call(self, action: str, request: Awaitable[ResultT]) -> ResultT:
        """Await one SDK call, logging and translating its failure."""
        try:
            return await request
        except stripe.InvalidRequestError as error:
            logger.error("Stripe rejected %s: %s (request %s)", action, error.user_message, error.request_id)
            if error.code == "resource_missing":
                raise NotFoundError(f"Stripe could not {action}: the object does not exist") from error
            raise BadGatewayError(f"Stripe rejected the request to {action}") from error
        except stripe.APIConnectionError as error:
            logger.error("Stripe unreachable during %s: %s", action, error.user_message)
            raise GatewayTimeoutError(f"Stripe could not be reached to {action}; try again later") from error
        except stripe.StripeError as error:
            logger.error("Stripe failed to %s: %s (request %s)", action, error.user_message, error.request_id)
            raise BadGatewayError(f"Stripe failed to {action}; try again later") from error


def _response_date(headers: object) -> datetime:
    """Return the `Date` of a Stripe response, or this server's time when it is missing."""
    date_value = None
    if isinstance(headers, dict):
        date_value = next((value for key, value in headers.items() if key.lower() == "date"), None)
    if isinstance(date_value, str):
        try:
            return parsedate_to_datetime(date_value).astimezone(UTC)
        except (TypeError, ValueError):
            logger.warning("Stripe response has an unreadable Date header: %r", date_value)
    return datetime.now(UTC).replace(microsecond=0)
