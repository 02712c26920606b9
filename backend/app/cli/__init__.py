"""The `omega` command line."""
