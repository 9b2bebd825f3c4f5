"""Catalog resolvers: merchant mutations and what storefront visitors read."""
