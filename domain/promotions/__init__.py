"""Promotions: the pure pricing engine (issue 6). No I/O: data in, prices and reasons out.

The pricing path is request -> match promotion rules -> stacking -> risk control -> prices,
and every step is explained in the result. One concept per module:

| module       | holds                                                                        |
|--------------|------------------------------------------------------------------------------|
| targets      | `Item` (what a line is) and `Target` (which lines a rule is about)           |
| conditions   | the condition tree (`AllOf`, `AnyOf`, `MinSubtotal`, ...) and `unmet`         |
| actions      | what a promotion does (`PercentOff`, `BuyXGetY`, `Tiered`, `ShippingOff`, ...) |
| promotion    | `Promotion` (kind, priority, stacking, group, lifetime) and `PromotionBudget` |
| request      | `PricingRequest` and its parts: lines, customer, shipping, codes, risk policy |
| result       | `PricingResult`, `VariantPrice` and their parts; `Reason` for every skip/cap  |
| stacking     | the stacking rule (documented there) and the order promotions are considered |
| discounts    | what each action asks for, line by line                                      |
| allocation   | splitting an amount over lines under caps, parts adding up exactly           |
| risk         | floor prices and the order discount allowance                                |
| engine       | `price_cart`: the pricing path, promotion by promotion                       |
| listing      | `price_variant`: one unit's sale price for listings and product pages        |
| validation   | `validate_promotion`: a definition's problems as `UserError`s with a field   |
| conflicts    | `find_conflicts`: warnings for overlapping exclusives and floors at risk     |
| codes        | normalising, checking, generating codes; why an entered code cannot be used  |
"""

from domain.promotions.engine import price_cart
from domain.promotions.listing import price_variant

__all__ = ["price_cart", "price_variant"]
