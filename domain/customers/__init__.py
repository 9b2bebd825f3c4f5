"""Customers: shopper accounts at one merchant, their addresses, tiers, segments, wishlists."""
