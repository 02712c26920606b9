"""Settings, logging, errors and security primitives."""
