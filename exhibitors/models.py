"""Models of the exhibitors app (filled in by its issue)."""
