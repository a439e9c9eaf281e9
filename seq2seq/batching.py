"""Token-budget batches over length-sorted inputs, so padding stays small and order comes back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def plan_batches(
    lengths: Sequence[int], max_tokens: int, min_batches: int = 1, max_items: int | None = None
) -> list[list[int]]:
    """Group input indices into batches of similar length.

    Inputs are sorted by length (longest first); a batch grows while its padded size
    (longest input x count) stays within ``max_tokens``, and no batch holds more than
    ``max_items`` inputs nor ``ceil(n / min_batches)``, so parallel workers all get work and
    a worker slowed down by other load leaves the rest of the queue to the others. An input
    longer than the budget gets a batch of its own. Every index appears exactly once.
    """
    order = sorted(range(len(lengths)), key=lambda index: (-lengths[index], index))
    most_per_batch = max(1, -(-len(order) // max(1, min_batches)))
    if max_items is not None:
        most_per_batch = min(most_per_batch, max(1, max_items))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for index in order:
        length = max(1, lengths[index])
        grown = max(longest, length) * (len(current) + 1)
        if current and (grown > max_tokens or len(current) >= most_per_batch):
            batches.append(current)
            current, longest = [], 0
        current.append(index)
        longest = max(longest, length)
    if current:
        batches.append(current)
    return batches


def restore_order(batches: Sequence[Sequence[int]], outputs: Sequence[Sequence[T]]) -> list[T]:
    """Put per-batch outputs back at their input positions."""
    placed: dict[int, T] = {}
    for batch, batch_outputs in zip(batches, outputs, strict=True):
        placed.update(zip(batch, batch_outputs, strict=True))
    return [placed[index] for index in range(len(placed))]
