"""The window's dialogs: confirmations, the bookmark note, preferences, files."""
