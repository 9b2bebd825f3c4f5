"""The catalog: categories, products, variants, and how each storefront lists and prices them."""
