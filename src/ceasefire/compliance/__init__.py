"""Compliance: each obligation's status at any moment, from the registry and the findings."""
