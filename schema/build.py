"""The one Schema object, assembled from every area, with its guards."""

from collections.abc import Callable
from dataclasses import dataclass

import strawberry
from graphql import ASTValidationRule, GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from schema.api_keys import ApiKeyMutation, ApiKeyQuery
from schema.audit import AuditQuery
from schema.auth import AuthMutation, AuthQuery
from schema.catalog.attributes import AttributeMutation, AttributeQuery
from schema.catalog.bulk import BulkMutation, BulkUpdateMutation
from schema.catalog.categories import CategoryMutation, CategoryQuery
from schema.catalog.collections import CollectionMutation, CollectionQuery
from schema.catalog.inventory import InventoryMutation, InventoryQuery
from schema.catalog.product_operations import ProductMutation, ProductQuery
from schema.catalog.translations import TranslationMutation
from schema.checkout.carts import CartMutation, CartQuery
from schema.checkout.settings import CheckoutSettingsMutation, CheckoutSettingsQuery
from schema.cost import QueryCostLimit
from schema.customers.accounts import CustomerAccountMutation
from schema.customers.admin import CustomerAdminMutation, CustomerAdminQuery
from schema.customers.segments import SegmentMutation, SegmentQuery
from schema.customers.tiers import CustomerTierMutation, CustomerTierQuery
from schema.customers.wishlists import WishlistMutation, WishlistQuery
from schema.draft_orders import DraftOrderMutation, DraftOrderQuery
from schema.execution import PlannedExecution
from schema.extensions import ErrorShaping
from schema.merchants import MerchantMutation, MerchantQuery
from schema.node import NodeQuery
from schema.order_editing import OrderEditingMutation
from schema.order_operations import OrderOperationsMutation, OrderReturnMutation
from schema.orders import OrderMutation, OrderQueryFields
from schema.parsing import CachedParsing
from schema.payments.gift_cards import GiftCardMutation, GiftCardQuery
from schema.promotions.explain import PriceExplainQuery
from schema.promotions.policy import PromotionPolicyMutation, PromotionPolicyQuery
from schema.promotions.promotions import PromotionMutation, PromotionQuery
from schema.reviews import ReviewMutation, ReviewQuery
from schema.staff import StaffMutation, StaffQuery
from schema.storefronts import StorefrontMutation, StorefrontQuery
from schema.trusted_documents import TrustedDocumentMutation, TrustedDocumentQuery
from schema.webhooks import WebhookMutation, WebhookQuery

Query = merge_types(
    "Query",
    (
        NodeQuery,
        AuthQuery,
        MerchantQuery,
        StaffQuery,
        ApiKeyQuery,
        StorefrontQuery,
        TrustedDocumentQuery,
        CategoryQuery,
        AttributeQuery,
        CollectionQuery,
        ProductQuery,
        InventoryQuery,
        CustomerAdminQuery,
        CustomerTierQuery,
        SegmentQuery,
        WishlistQuery,
        GiftCardQuery,
        PromotionQuery,
        PromotionPolicyQuery,
        PriceExplainQuery,
        WebhookQuery,
        AuditQuery,
        CartQuery,
        OrderQueryFields,
        CheckoutSettingsQuery,
        ReviewQuery,
        DraftOrderQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AuthMutation,
        MerchantMutation,
        StaffMutation,
        ApiKeyMutation,
        StorefrontMutation,
        TrustedDocumentMutation,
        CategoryMutation,
        AttributeMutation,
        CollectionMutation,
        ProductMutation,
        BulkMutation,
        BulkUpdateMutation,
        TranslationMutation,
        InventoryMutation,
        CustomerAccountMutation,
        CustomerAdminMutation,
        CustomerTierMutation,
        SegmentMutation,
        WishlistMutation,
        GiftCardMutation,
        PromotionMutation,
        PromotionPolicyMutation,
        WebhookMutation,
        CartMutation,
        OrderMutation,
        OrderOperationsMutation,
        OrderReturnMutation,
        CheckoutSettingsMutation,
        ReviewMutation,
        OrderEditingMutation,
        DraftOrderMutation,
    ),
)
Query.__strawberry_definition__.description = "Everything that can be read."  # type: ignore[attr-defined]
Mutation.__strawberry_definition__.description = "Everything that can be changed."  # type: ignore[attr-defined]


# Parsed and validated documents kept per process: storefronts send the same few documents.
CACHED_DOCUMENTS = 512


@dataclass(frozen=True)
class SchemaOptions:
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 4000
    introspection: bool = True
    production: bool = False


class AgoraSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Expected errors (bad IDs, denied access) are answers, not incidents: ErrorShaping
        logs the unexpected ones, with the request id, and nothing else is logged."""


def build_schema(options: SchemaOptions | None = None) -> strawberry.Schema:
    options = options or SchemaOptions()
    # The guard rules are built once, so the validation cache sees the same rules every time.
    rules: list[type[ASTValidationRule]] = [
        *QueryDepthLimiter(max_depth=options.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=options.max_aliases).validation_rules,
    ]
    if not options.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    # Factories, not instances: strawberry builds fresh extensions for every request.
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=options.max_tokens),
        CachedParsing,
        lambda: AddValidationRules(rules),
        lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
        lambda: ErrorShaping(hide_suggestions=options.production),
        QueryCostLimit,
    ]
    return AgoraSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
        # Queries run from cached plans; graphql-core runs the rest (schema/execution.py).
        execution_context_class=PlannedExecution,
    )
