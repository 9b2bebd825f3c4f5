"""Markers shared by persisted entities."""


class TenantOwned:
    """Base of every entity that belongs to one merchant (it has a `merchant_id`).

    Persistence scopes every query on such entities to the session's merchant and stamps the
    merchant on new ones, so domain code never filters by merchant by hand.
    """

    merchant_id: object


class TenantRoot:
    """Base of the merchant entity itself: a merchant's session sees only its own merchant row."""

    id: object
