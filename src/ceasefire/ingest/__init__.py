"""Channels in: news files, HTML pages, JSON Lines and feeds stored as received, hashed."""
