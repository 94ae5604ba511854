"""Incidents: raw reports, what happened (or was alleged), duplicates, imports and exports."""
