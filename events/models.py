"""Models of the events app (filled in by its issue)."""
