"""OMEGA backend: JWT minting, Stripe billing and content generation for Supabase."""
