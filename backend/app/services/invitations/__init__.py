"""Invitations: accepting one creates the invited account and signs it in."""
