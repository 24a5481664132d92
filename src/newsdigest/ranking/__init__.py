"""The ranking methods behind ``--method``: learned (the default), news, the sparse graphs, and the sumy adapter."""
