"""A ceiling per client address: how many devices one address may join, and how many audience streams it may
hold open at once."""

from __future__ import annotations


class PerAddress:
    """What each client address holds, at most `limit` each."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.held: dict[str, int] = {}

    def take(self, address: str) -> bool:
        """Count one more for `address`; False, counting nothing, when it holds `limit` already."""
        held = self.held.get(address, 0)
        if held >= self.limit:
            return False
        self.held[address] = held + 1
        return True

    def give_back(self, address: str) -> None:
        """One that `take` counted for `address` is over."""
        left = self.held[address] - 1
        if left:
            self.held[address] = left
        else:
            del self.held[address]
