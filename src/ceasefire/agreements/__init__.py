"""The agreement registry: agreements, provisions, obligations, areas, amendments, observations."""
