"""Small reusable widgets and display helpers."""
