"""The window's panes: episode list, notes, chapters, queue, bookmarks, search, player bar."""
