"""Business logic, free of HTTP."""
