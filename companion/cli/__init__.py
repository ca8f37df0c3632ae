"""The `companion` command: one module per group of commands (main holds the parser)."""
