"""The record that cannot be quietly changed: a hash chain of every domain event."""
