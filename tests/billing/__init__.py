"""Tests of Stripe billing against a fake Stripe API on 127.0.0.1."""
