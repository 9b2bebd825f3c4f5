"""Parse each distinct query text once per process."""

from collections.abc import Iterator
from contextlib import suppress
from functools import lru_cache

from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension


@lru_cache(maxsize=512)
def parse_cached(query: str, max_tokens: int | None) -> DocumentNode:
    """Parse a query text, or return the document parsed for it before (a bounded LRU)."""
    return parse(query, max_tokens=max_tokens)


class CachedParsing(SchemaExtension):
    """Reuse the parsed document for a query text seen before (storefronts repeat a few).

    A document that fails to parse is left to strawberry's own parser, which reports the
    error like any other (strawberry's ParserCache would raise it past the error shaping).
    """

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None:
            with suppress(GraphQLError):
                context.graphql_document = parse_cached(
                    context.query, context.parse_options.get("max_tokens")
                )
        yield
