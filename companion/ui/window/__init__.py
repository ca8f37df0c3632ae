"""The main window and the helpers that wire its panes, menus and actions."""
