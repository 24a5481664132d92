"""The pipeline's steps, in order: load (fetch, extract, page), clean, segment, score, select, digest."""
