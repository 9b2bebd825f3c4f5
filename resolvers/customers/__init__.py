"""Customers: the storefront side (accounts, addresses, wishlists) and the merchant side."""
