"""The Stripe price of each plan, from the settings."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from app.core.errors import InvalidInputError

logger = logging.getLogger(__name__)

# Free trial offered at checkout, in days.
TRIAL_PERIOD_DAYS = 7
# Checkout's `subscription_data.trial_end` "has to be at least 48 hours in the
# future" (stripe-python 16.1, SessionCreateParamsSubscriptionData); the extra
# hour covers the time between computing it and Stripe receiving the request.
MIN_TRIAL_END_LEAD = timedelta(hours=49)
# Stripe statuses of a subscription that still bills or may bill again; a
# client with one of these changes plan through the portal, not checkout.
LIVE_STATUSES = frozenset({"trialing", "active", "past_due", "unpaid", "paused", "incomplete"})
# Statuses that a paid invoice turns back into `active`.
RECOVERABLE_STATUSES = frozenset({"past_due", "unpaid"})


@dataclass(frozen=True)
class PlanPrices:
    """Monthly Stripe price id of every plan sold through checkout."""

    basic: str
    pro: str
    enterprise: str

    def price_for_plan(self, plan_id: str) -> str:
        """Return the price id of a plan.

        Raises:
            InvalidInputError: the plan is not basic, pro or enterprise.
        """
        prices = self._by_plan()
        if plan_id not in prices:
            raise InvalidInputError(f"Unknown plan {plan_id!r}; choose one of {', '.join(prices)}")
        return prices[plan_id]

    def plan_for_price(self, price_id: str | None) -> str | None:
        """Return the plan sold at `price_id`, or None for a price this service does not sell."""
        for plan_id, price in self._by_plan().items():
            if price == price_id:
                return plan_id
        return None

    def _by_plan(self) -> dict[str, str]:
        """Map plan id to price id, cheapest first."""
        return {"basic": self.basic, "pro": self.pro, "enterprise": self.enterprise}
