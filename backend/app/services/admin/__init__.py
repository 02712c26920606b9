"""Account administration: suspending and reactivating users."""
