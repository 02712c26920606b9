"""Passwords, signing keys and tokens."""
