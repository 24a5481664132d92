"""The pipeline's steps, in order: load (fetch, extract), clean, segment, score, select, digest."""
