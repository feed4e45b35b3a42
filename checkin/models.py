"""Models of the check-in app (filled in by its issue)."""
