"""Promotions at the edge: the merchant API (MANAGE_DISCOUNTS)."""
