"""Content generation: the client's context, the prompt, provider calls, quota and storage."""
