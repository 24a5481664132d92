"""The outputs: one dispatcher to each format, the text (plain, or drawn by Rich on a terminal), and atomic output files."""
