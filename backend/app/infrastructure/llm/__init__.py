"""Model providers behind one interface: OpenAI-compatible, Anthropic and an offline template writer."""
