"""Marketplace and social feeds: a storefront's catalog as a Google Merchant Center RSS feed
and a Meta catalog CSV, read through the public GraphQL API like any third party would.

    api.py      GraphQL over HTTP with the storefront token; bounded retries
    catalog.py  the catalog, page by page, as plain values
    items.py    one feed item per priced variant (prices, brand, GTIN, title, description)
    google.py   the RSS 2.0 writer (g: namespace); meta.py the CSV writer
    export.py   read once, write both; cli.py the `agora-feeds` command
"""

from storefronts.feeds.api import ApiError, StorefrontApi
from storefronts.feeds.export import FeedOptions, FeedSummary, export_feeds

__all__ = ["ApiError", "FeedOptions", "FeedSummary", "StorefrontApi", "export_feeds"]
