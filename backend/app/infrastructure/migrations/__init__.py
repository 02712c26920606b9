"""Supabase-compatible migration runner."""
