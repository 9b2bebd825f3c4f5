"""Cart and checkout: the shopper-facing glue."""
