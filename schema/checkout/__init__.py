"""Cart, checkout and the merchant settings they use (taxes, shipping)."""
