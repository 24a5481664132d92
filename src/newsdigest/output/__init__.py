"""The outputs: one dispatcher to each format, the terminal text, and atomic output files."""
