"""Route modules, one folder per domain."""
