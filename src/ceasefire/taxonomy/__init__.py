"""Vocabularies shared across the flow: the incident taxonomy, and how agreement actions map to it."""
