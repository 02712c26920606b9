"""Stripe billing: checkout, portal, cancellation, subscription overview, webhooks and sync."""
