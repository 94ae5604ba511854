"""The REST API under /api/v1: routers over the domain services (the shell is `ceasefire.http`)."""
