"""Stripe: the SDK client, webhook signature checks and typed views of Stripe objects."""
