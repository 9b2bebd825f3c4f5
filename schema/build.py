"""The one Schema object, assembled from every area, with its guards."""

from collections.abc import Callable
from dataclasses import dataclass

import strawberry
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from schema.api_keys import ApiKeyMutation, ApiKeyQuery
from schema.auth import AuthMutation, AuthQuery
from schema.extensions import ErrorShaping
from schema.merchants import MerchantMutation, MerchantQuery
from schema.node import NodeQuery
from schema.staff import StaffMutation, StaffQuery
from schema.storefronts import StorefrontMutation, StorefrontQuery

Query = merge_types(
    "Query",
    (NodeQuery, AuthQuery, MerchantQuery, StaffQuery, ApiKeyQuery, StorefrontQuery),
)
Mutation = merge_types(
    "Mutation",
    (AuthMutation, MerchantMutation, StaffMutation, ApiKeyMutation, StorefrontMutation),
)
Query.__strawberry_definition__.description = "Everything that can be read."  # type: ignore[attr-defined]
Mutation.__strawberry_definition__.description = "Everything that can be changed."  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SchemaOptions:
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 4000
    introspection: bool = True
    production: bool = False


def build_schema(options: SchemaOptions | None = None) -> strawberry.Schema:
    options = options or SchemaOptions()
    # Factories, not instances: strawberry builds fresh extensions for every request.
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=options.max_tokens),
        lambda: QueryDepthLimiter(max_depth=options.max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=options.max_aliases),
        lambda: ErrorShaping(hide_suggestions=options.production),
    ]
    if not options.introspection:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
    )
