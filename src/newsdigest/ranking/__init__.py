"""The ranking methods behind ``--method``: news (the default), the sparse graphs, and the sumy adapter."""
