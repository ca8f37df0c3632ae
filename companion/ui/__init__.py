"""The Qt window: models, widgets and dialogs; talks only to the Library and PlaybackController."""
