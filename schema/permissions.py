"""The Permission enum as GraphQL sees it."""

from domain.permissions import Permission
from schema.enums import graphql_enum

graphql_enum(
    Permission,
    "A named permission: granted to staff through roles and to API keys as scopes.",
    {
        "MANAGE_PRODUCTS": "Create and change the catalog.",
        "MANAGE_REVIEWS": "Moderate product reviews (approve, reject).",
        "MANAGE_ORDERS": "Work with orders: fulfil, cancel, refund.",
        "MANAGE_DISCOUNTS": "Create and change promotions and codes.",
        "MANAGE_GIFT_CARDS": "Issue gift cards, change them and adjust their balances.",
        "MANAGE_CUSTOMERS": "Read and change customer accounts.",
        "MANAGE_STAFF": "Create staff users and roles, and change their permissions.",
        "MANAGE_STOREFRONTS": "Create and configure storefronts and their tokens.",
        "MANAGE_APPS": "Create and revoke partner API keys.",
        "MANAGE_WEBHOOKS": "Subscribe integrations to events.",
        "MANAGE_SETTINGS": "Change the merchant's settings.",
        "VIEW_ANALYTICS": "Read reports and analytics.",
        "VIEW_AUDIT_LOG": "Read the audit log of admin changes.",
    },
)

__all__ = ["Permission"]
