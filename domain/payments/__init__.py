"""Payments: gateways, payment records and gift cards."""
