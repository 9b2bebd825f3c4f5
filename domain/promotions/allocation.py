"""Splitting a discount over lines when some lines can take only so much (a floor price, a
budget): largest remainder by weight (`Money.allocate`), and what a capped line cannot take
goes to the others, again by weight."""

from collections.abc import Sequence

from domain.money import Money


def allocate_capped(
    amount: int, weights: Sequence[int], caps: Sequence[int], currency: str
) -> list[int]:
    """Parts that add up to min(amount, sum of the caps of parts with a weight), part i never
    above caps[i], and proportional to `weights` (largest remainder, ties to the lower index)
    where no cap binds. A part with weight zero stays zero; a negative amount gives nothing."""
    parts = [0] * len(weights)
    open_ = [i for i, (w, c) in enumerate(zip(weights, caps, strict=True)) if w > 0 and c > 0]
    remaining = min(amount, sum(caps[i] for i in open_))
    while remaining > 0 and open_:
        shares = Money(remaining, currency).allocate([weights[i] for i in open_])
        full = [i for i, s in zip(open_, shares, strict=True) if s.amount >= caps[i] - parts[i]]
        if not full:  # no cap binds: take the split as it is
            for i, share in zip(open_, shares, strict=True):
                parts[i] += share.amount
            return parts
        for i in full:  # fill the capped parts, then split the rest over the others
            remaining -= caps[i] - parts[i]
            parts[i] = caps[i]
        open_ = [i for i in open_ if i not in full]
    return parts
