"""Customers: accounts, addresses, tiers, segments and wishlists."""
