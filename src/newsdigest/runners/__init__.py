"""Clients of the pipeline that digest many inputs: batches in worker processes, archives on Dask."""
