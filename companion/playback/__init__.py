"""Audio playback: the backend interface, the VLC backend and the playback controller (QtCore only)."""
