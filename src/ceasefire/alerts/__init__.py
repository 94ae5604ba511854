"""Alerts: the pure rules and timers, the stored alerts and groups, and their delivery."""
