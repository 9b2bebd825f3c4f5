"""Promotions: the merchant API (MANAGE_DISCOUNTS)."""
