"""The HTTP face: the REST API under /api/v1 (and, later, the web pages)."""
