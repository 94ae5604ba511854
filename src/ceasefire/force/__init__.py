"""The peacekeeping force as records: strength reports, posts, patrols and convoys, running totals."""
