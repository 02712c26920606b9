"""Registration, sign-in, refresh-token rotation and sessions."""
