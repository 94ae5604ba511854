"""Daily reports: a snapshot at the cut-off as canonical JSON, HTML and PDF, co-signed."""
