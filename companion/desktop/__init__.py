"""Desktop integration: MPRIS on the session bus."""
