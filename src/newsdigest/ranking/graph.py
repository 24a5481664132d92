"""LexRank and TextRank on sparse sentence graphs: sumy's maths, near-linear cost.

sumy compares every sentence with every other in pure Python and iterates on
dense n×n matrices, so 5,000 sentences take minutes and 20,000 would take
half an hour. Here a sentence is a sparse vector of its terms, similarities
are computed only for the pairs that share a term (postings of each term,
joined block by block so memory stays bounded), and the power iterations
multiply by the sparse graph. The formulas, thresholds, start vectors and
stopping rules are sumy's (``LexRankSummarizer``, ``TextRankSummarizer``), so
the same sentences rank first; only floating-point summation order differs,
and scores are rounded to 12 significant digits so that ties sumy breaks by
document order are ties here too.

Input is each sentence's terms as sumy sees them (stop words removed,
stemmed; see ``ranking.sumy.sentence_terms``), so this module needs numpy only;
``score.py`` imports it only when one of these methods is chosen.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]

#: sumy's LexRank: an edge where the idf-modified cosine exceeds this.
LEXRANK_THRESHOLD = 0.1
#: sumy's LexRank stops when successive (normalised) vectors differ by at most this.
LEXRANK_EPSILON = 0.1
TEXTRANK_DAMPING = 0.85
TEXTRANK_EPSILON = 1e-4
#: sumy adds this to TextRank's row sums before dividing.
_ZERO_DIVISION_PREVENTION = 1e-7
#: How many sentence-pair products one block may hold (16 bytes each, plus sorting).
_BLOCK_PAIRS = 1_000_000
_DIGITS = 12


class _Postings:
    """Sentences × terms as a sparse matrix, row-major and column-major."""

    def __init__(self, rows: Ints, cols: Ints, values: Floats, n_rows: int, n_cols: int) -> None:
        self.n = n_rows
        by_col = np.lexsort((rows, cols))
        self.col_rows = rows[by_col]
        self.col_values = values[by_col]
        self.col_ptr = np.zeros(n_cols + 1, dtype=np.int64)
        np.cumsum(np.bincount(cols, minlength=n_cols), out=self.col_ptr[1:])
        # Row-major entries, each with its position among the column postings
        # (whose rows are sorted), so a row's partners with a larger index
        # are the rest of that column.
        position = np.empty_like(by_col)
        position[by_col] = np.arange(len(by_col))
        by_row = np.lexsort((cols, rows))
        self.row_terms = cols[by_row]
        self.row_values = values[by_row]
        self.row_position = position[by_row]
        self.row_ptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_rows), out=self.row_ptr[1:])

    def dot_products(self) -> Iterator[tuple[Ints, Ints, Floats]]:
        """``(i, j, x_i · x_j)`` for every pair of rows i ≤ j that share a column.

        Rows are taken in blocks whose joined postings stay under
        ``_BLOCK_PAIRS``, so memory does not grow with the square of the input.
        """
        # The partners each entry joins with: the rest of its column.
        partners = self.col_ptr[self.row_terms + 1] - self.row_position
        entry_rows = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(self.row_ptr))
        cumulative = np.cumsum(np.bincount(entry_rows, weights=partners, minlength=self.n))
        start = 0
        while start < self.n:
            done = cumulative[start - 1] if start else 0.0
            end = max(start + 1, int(np.searchsorted(cumulative, done + _BLOCK_PAIRS, side="right")))
            yield self._block(start, end, partners)
            start = end

    def _block(self, start: int, end: int, partners: Ints) -> tuple[Ints, Ints, Floats]:
        lo, hi = self.row_ptr[start], self.row_ptr[end]
        counts = partners[lo:hi]
        total = int(counts.sum())
        if total == 0:  # rows without terms
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        # Each entry's partners sit at its own column position, +1, +2, ...
        run_start = np.cumsum(counts) - counts
        positions = np.arange(total, dtype=np.int64) + np.repeat(self.row_position[lo:hi] - run_start, counts)
        rows = np.repeat(np.arange(start, end, dtype=np.int64), np.diff(self.row_ptr[start : end + 1]))
        products = np.repeat(self.row_values[lo:hi], counts) * self.col_values[positions]
        width = self.n - start
        keys = np.repeat(rows - start, counts) * width + (self.col_rows[positions] - start)
        if (end - start) * width < 2**31:  # smaller keys sort faster
            keys = keys.astype(np.int32)
        order = np.argsort(keys)
        keys = keys[order]
        first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        sums = np.add.reduceat(products[order], first)
        unique = keys[first].astype(np.int64)
        return unique // width + start, unique % width + start, sums


class _Symmetric:
    """A symmetric sparse matrix: its diagonal, and its entries with i < j (32-bit indices)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.diagonal = np.zeros(n)
        self._parts: list[tuple[Ints, Ints, Floats]] = []

    def add(self, i: Ints, j: Ints, w: Floats) -> None:
        on = i == j
        self.diagonal += np.bincount(i[on], weights=w[on], minlength=self.n)
        off = ~on
        self._parts.append((i[off].astype(np.int32), j[off].astype(np.int32), w[off]))

    def done(self) -> _Symmetric:
        parts, self._parts = self._parts, []
        self.i = np.concatenate([part[0] for part in parts]) if parts else np.zeros(0, dtype=np.int32)
        self.j = np.concatenate([part[1] for part in parts]) if parts else np.zeros(0, dtype=np.int32)
        self.w = np.concatenate([part[2] for part in parts]) if parts else np.zeros(0)
        return self

    def row_sums(self) -> Floats:
        return (
            self.diagonal
            + np.bincount(self.i, weights=self.w, minlength=self.n)
            + np.bincount(self.j, weights=self.w, minlength=self.n)
        )

    def times(self, x: Floats) -> Floats:
        """``Wᵀx`` (which is ``Wx``)."""
        return (
            self.diagonal * x
            + np.bincount(self.j, weights=self.w * x[self.i], minlength=self.n)
            + np.bincount(self.i, weights=self.w * x[self.j], minlength=self.n)
        )


def _matrix(sentences: Sequence[Sequence[str]], weigh: str) -> tuple[_Postings, Floats]:
    """Term weights per sentence: ``tfidf`` (LexRank, rows normalised) or ``count`` (TextRank)."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    counts: list[float] = []
    lengths = np.zeros(len(sentences))
    for index, words in enumerate(sentences):
        lengths[index] = len(words)
        bag: dict[int, int] = {}
        for word in words:
            term = vocabulary.setdefault(word, len(vocabulary))
            bag[term] = bag.get(term, 0) + 1
        rows.extend([index] * len(bag))
        cols.extend(bag)
        counts.extend(bag.values())
    row = np.array(rows, dtype=np.int64)
    col = np.array(cols, dtype=np.int64)
    value = np.array(counts, dtype=np.float64)
    if weigh == "tfidf":
        n = len(sentences)
        df = np.bincount(col, minlength=len(vocabulary))
        idf = np.log(n / (1.0 + df))
        max_tf = np.zeros(n)
        np.maximum.at(max_tf, row, value)
        value = value / max_tf[row] * idf[col]
        norms = np.sqrt(np.bincount(row, weights=value * value, minlength=n))
        # sumy: a sentence whose tf-idf vector is zero is similar to nothing.
        # Terms with an idf of 0 add nothing to any similarity.
        keep = (norms[row] > 0) & (value != 0)
        row, col, value = row[keep], col[keep], value[keep] / norms[row[keep]]
    return _Postings(row, col, value, len(sentences), len(vocabulary)), lengths


def lexrank(sentences: Sequence[Sequence[str]]) -> list[float]:
    """sumy's LexRank scores, one per sentence (its terms given)."""
    n = len(sentences)
    if n == 0:
        return []
    postings, _ = _matrix(sentences, "tfidf")
    graph = _Symmetric(n)
    for i, j, cosine in postings.dot_products():
        edge = cosine > LEXRANK_THRESHOLD
        graph.add(i[edge], j[edge], np.ones(int(edge.sum())))
    graph.done()
    degree = graph.row_sums()
    degree[degree == 0] = 1.0
    p = np.full(n, 1.0 / n)
    change = math.inf
    while change > LEXRANK_EPSILON:
        following = graph.times(p / degree)
        norm = float(np.linalg.norm(following))
        if norm == 0.0:  # no edges at all: sumy divides by zero and gets NaN, read as 0
            return [0.0] * n
        following /= norm
        change = float(np.linalg.norm(following - p))
        p = following
    return _rounded(p)


def textrank(sentences: Sequence[Sequence[str]]) -> list[float]:
    """sumy's TextRank scores, one per sentence (its terms given)."""
    n = len(sentences)
    if n == 0:
        return []
    postings, lengths = _matrix(sentences, "count")
    logs = np.log(np.maximum(lengths, 1.0))
    graph = _Symmetric(n)
    for i, j, shared in postings.dot_products():
        norm = logs[i] + logs[j]
        # sumy: shared words over the sum of the log lengths, or the shared
        # count itself when both sentences have one word (log 1 + log 1 = 0).
        single = norm <= 1e-8  # numpy.isclose(norm, 0.0), as sumy tests it
        graph.add(i, j, np.where(single, shared, shared / np.where(single, 1.0, norm)))
    graph.done()
    row_sums = graph.row_sums() + _ZERO_DIVISION_PREVENTION
    # sumy's matrix is (1 - d) / n everywhere plus d times the row-normalised
    # weights; multiplying by its transpose needs only the sparse part.
    teleport = (1.0 - TEXTRANK_DAMPING) / n
    p = np.full(n, 1.0 / n)
    change = math.inf
    while change > TEXTRANK_EPSILON:
        following = teleport * p.sum() + TEXTRANK_DAMPING * graph.times(p / row_sums)
        change = float(np.linalg.norm(following - p))
        p = following
    return _rounded(p)


def _rounded(p: Floats) -> list[float]:
    """Scores relative to the best, rounded so float noise cannot reorder ties."""
    top = float(p.max()) if len(p) else 0.0
    if not top > 0.0 or not math.isfinite(top):
        return [0.0] * len(p)
    return [round(float(value), _DIGITS) for value in p / top]
