"""Which block of one language version corresponds to a block of the other.

Versions are written to match block for block, but real translations drift: a
paragraph split in two, a note added. Headings are the firmest landmarks, so they
align first; blocks inside a section then map in proportion.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.render.model import Block


def block_map(source: Sequence[Block], target: Sequence[Block]) -> list[int]:
    """For each source block index, the index of the matching target block."""
    if not source or not target:
        return [0] * len(source)
    if len(source) == len(target):
        return list(range(len(source)))
    src_heads = [b.index for b in source if b.level]
    dst_heads = [b.index for b in target if b.level]
    if src_heads and [b.level for b in source if b.level] == [b.level for b in target if b.level]:
        src_starts, dst_starts = [0, *src_heads], [0, *dst_heads]
    else:
        src_starts, dst_starts = [0], [0]
    mapping: list[int] = []
    src_ends = [*src_starts[1:], len(source)]
    dst_ends = [*dst_starts[1:], len(target)]
    last = len(target) - 1
    for s0, s1, d0, d1 in zip(src_starts, src_ends, dst_starts, dst_ends, strict=True):
        # A section's first block (its heading) maps to the other heading; the
        # blocks under it keep their relative position within the section.
        src_body, dst_body = s1 - s0 - 1, d1 - d0 - 1
        for offset in range(s1 - s0):
            if offset == 0 or dst_body <= 0:
                mapping.append(min(d0, last))
            else:
                mapping.append(d0 + 1 + (offset - 1) * dst_body // src_body)
    return mapping
