"""Qt workers that run feed, download and removal jobs off the GUI thread (QtCore only)."""
