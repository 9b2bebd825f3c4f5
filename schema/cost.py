"""Query cost and the partner API's rate limit (see domain/rate_limits.py).

A document's cost is computed before it runs, from its fields and the page sizes it asks for:

- a scalar or enum field costs 0;
- an object field costs 1 plus the cost of its selection;
- a connection field (a type named `...Connection`) costs 2 plus its page size (`first` or
  `last`, 20 when neither is given) times the cost of its selection;
- a mutation field costs 10 plus the cost of its selection.

Requests with a partner API key are charged against the key's bucket; every response to one
carries `extensions.cost` (requestedQueryCost and throttleStatus: maximumAvailable,
currentlyAvailable, restoreRate), and a request that does not fit is refused with THROTTLED
and `retryAfter` (also in the `Retry-After` header) without running.
"""

from collections.abc import AsyncIterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_operation_ast,
)
from strawberry.extensions import SchemaExtension

from domain.errors import Throttled
from domain.pagination import DEFAULT_PAGE_SIZE
from domain.principals import AppPrincipal
from domain.rate_limits import CostBuckets, QueryTooCostly

MUTATION_COST = 10
CONNECTION_COST = 2


class _Costing:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def selection(self, node: SelectionSetNode | None, parent: Any, seen: frozenset[str]) -> int:
        """The cost of a selection on `parent`; fragments count on their own type."""
        if node is None:
            return 0
        total = 0
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                typed = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection(selection.selection_set, typed, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    typed = self.schema.get_type(fragment.type_condition.name.value)
                    total += self.selection(fragment.selection_set, typed, seen | {name})
        return total

    def field(self, node: FieldNode, parent: Any, seen: frozenset[str]) -> int:
        definition = getattr(parent, "fields", {}).get(node.name.value)
        if definition is None or node.selection_set is None:
            return 0  # scalars, enums, __typename and introspection cost nothing
        named = get_named_type(definition.type)
        inner = self.selection(node.selection_set, named, seen)
        if named.name.endswith("Connection"):
            return CONNECTION_COST + self._page_size(node) * inner
        return 1 + inner

    def _page_size(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value not in ("first", "last"):
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(0, int(value.value))
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, int):
                    return max(0, given)
        return DEFAULT_PAGE_SIZE


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
) -> int:
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    costing = _Costing(schema, fragments, variables or {})
    return _operation_cost(costing, schema, operation)


def _operation_cost(
    costing: _Costing, schema: GraphQLSchema, operation: OperationDefinitionNode
) -> int:
    if operation.operation == OperationType.MUTATION:
        mutations = sum(isinstance(s, FieldNode) for s in operation.selection_set.selections)
        inner = costing.selection(operation.selection_set, schema.mutation_type, frozenset())
        return MUTATION_COST * mutations + inner
    return costing.selection(operation.selection_set, schema.query_type, frozenset())


class QueryCostLimit(SchemaExtension):
    """Charge partner API keys for what they ask, before it runs."""

    _cost: dict[str, Any] | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        buckets: CostBuckets | None = getattr(context, "cost_buckets", None)
        principal = getattr(context, "principal", None)
        document = self.execution_context.graphql_document
        if buckets is not None and isinstance(principal, AppPrincipal) and document is not None:
            cost = query_cost(
                self.execution_context.schema._schema,
                document,
                self.execution_context.operation_name,
                self.execution_context.variables,
            )
            await self._charge(buckets, str(principal.api_key_id), cost)
        yield

    async def _charge(self, buckets: CostBuckets, key: str, cost: int) -> None:
        policy = buckets.policy
        if cost > policy.capacity:
            self._refuse(QueryTooCostly(f"This query costs {cost}; at most {policy.capacity}."))
            return
        decision = await buckets.take(key, cost)
        self._cost = {
            "requestedQueryCost": cost,
            "throttleStatus": {
                "maximumAvailable": policy.capacity,
                "currentlyAvailable": decision.available,
                "restoreRate": policy.restore_rate,
            },
        }
        if not decision.allowed:
            self._refuse(
                Throttled(
                    f"Throttled: this query costs {cost}; {decision.available} is available.",
                    retry_after=decision.retry_after,
                )
            )

    def _refuse(self, error: Exception) -> None:
        self.execution_context.result = ExecutionResult(
            data=None, errors=[GraphQLError(str(error), original_error=error)]
        )

    def get_results(self) -> dict[str, Any]:
        return {"cost": self._cost} if self._cost else {}
