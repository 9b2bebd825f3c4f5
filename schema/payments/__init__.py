"""Payments: gift cards."""
