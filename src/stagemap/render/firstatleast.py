"""`FirstAtLeast`: the first of some marked lines, after a given one, whose mark is at least a
given size (a fence closing a block opened by as many markers or fewer), found in a logarithmic
number of steps: a page of blocks of many sizes never closed costs its length times that, not
the sizes times the closings."""

from __future__ import annotations

import bisect


class FirstAtLeast:
    """Lines (``indexes``, ascending) with their sizes, kept in a tree of maxima."""

    def __init__(self, indexes: list[int], sizes: list[int]) -> None:
        self.indexes = indexes
        self.leaves = 1 << max(0, len(sizes) - 1).bit_length()
        self.tree = [0] * (2 * self.leaves)  # (node n holds the most of nodes 2n and 2n + 1)
        self.tree[self.leaves : self.leaves + len(sizes)] = sizes
        for node in range(self.leaves - 1, 0, -1):
            self.tree[node] = max(self.tree[2 * node], self.tree[2 * node + 1])

    def after(self, at: int, size: int) -> int | None:
        """The first line after ``at`` whose size is ``size`` or more, or None."""
        place = bisect.bisect_right(self.indexes, at)
        if place >= len(self.indexes):
            return None
        node = place + self.leaves
        while self.tree[node] < size:  # (up past the right ends, then on to the next on the right)
            while node & 1:
                node >>= 1
            if node == 0:
                return None
            node += 1
        while node < self.leaves:  # (down to the leftmost leaf of enough)
            node = 2 * node if self.tree[2 * node] >= size else 2 * node + 1
        return self.indexes[node - self.leaves]
