"""Payments: how an order is paid (gift cards first; card processors come with checkout)."""
