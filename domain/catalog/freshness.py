"""What a cached storefront answer can depend on, named once for every layer.

`CATALOG` covers everything a visitor reads except exact stock counts: products, variants,
prices, listings, categories, collections, attributes, translations, the storefront itself, its
merchant and warehouses, and whether each variant is in stock. `STOCK` covers the exact
`quantityAvailable`, which changes at every sale.
"""

CATALOG = "catalog"
STOCK = "stock"


def available(quantity: int, reserved: int) -> int:
    """What a stock row can still sell (as `Stock.available`)."""
    return max(0, quantity - reserved)


def stock_tags(available_before: int, available_after: int) -> frozenset[str]:
    """A stock change always touches `STOCK`; `CATALOG` too when it crosses zero (`inStock`)."""
    if (available_before > 0) != (available_after > 0):
        return frozenset({STOCK, CATALOG})
    return frozenset({STOCK})
