"""The user's operations planned once in plain Python, for the command and the window."""
