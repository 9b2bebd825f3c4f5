"""Planned execution: queries run from a plan compiled once per document.

graphql-core decides, for every field of every object of every request, how to resolve and
complete it (about 20 µs a field through strawberry's wrappers; a 20-product listing has more
than a thousand fields). A storefront sends the same few documents again and again, so here a
query document is compiled once into a plan: for each selected field, the one way to get its
value (an attribute, the resolver called directly, or strawberry's full resolver when it has
arguments or field extensions such as permission checks) and how to complete it (leaf, list,
object). Running the plan is then a walk over the data; awaitables are gathered a wave at a
time, so dataloaders batch exactly as before.

The plan only covers the happy path. Anything it does not handle (mutations, introspection,
abstract types, @defer, middleware) is never planned, and anything that goes wrong while
running it (a resolver raising, a null for a non-null field, a value a scalar refuses) makes
the whole operation run again through graphql-core, which reports it exactly as the GraphQL
specification says. Queries have no side effects and the request's dataloaders have already
cached what was read, so the second run costs little and errors keep one shape.

One check is left out: graphql-core asks each object type whether a resolved value is of that
type (strawberry's is_type_of); a plan trusts the resolvers' annotations, which mypy checks.
"""

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from types import GeneratorType
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLID,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    OperationType,
    ValueNode,
    VariableNode,
    is_leaf_type,
)
from graphql.execution.collect_fields import (
    FieldDetails,
    collect_fields,
    collect_subfields,
)
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

# Plans kept per process, by operation: storefronts send a few documents, parsed once each
# (schema/parsing.py), so the same operation node comes back for the same text.
CACHED_PLANS = 512
_DEFINITION = "strawberry-definition"
# Values these scalars pass through unchanged (Int and Float are range- and finite-checked by
# their own coercion, so they take it).
_FAST_LEAVES: dict[Any, type] = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool}
# Strawberry's Decimal scalar writes str(value), so a string it is given goes out as it is.
_FAST_LEAVES_BY_NAME: dict[str, type] = {"Decimal": str}


class Unplannable(Exception):
    """The document uses something plans do not cover; graphql-core runs it."""


class _Bail(Exception):
    """Running the plan hit an error or an unexpected value; graphql-core runs it again."""


class Kind(IntEnum):
    TYPENAME = 0
    ATTRIBUTE = 1
    DIRECT = 2
    RESOLVER = 3


class ShapeKind(IntEnum):
    LEAF = 0
    LIST = 1
    OBJECT = 2


# The members as module constants: the walk compares them for every field of every object.
_TYPENAME, _ATTRIBUTE, _DIRECT = Kind.TYPENAME, Kind.ATTRIBUTE, Kind.DIRECT
_LEAF, _OBJECT = ShapeKind.LEAF, ShapeKind.OBJECT


@dataclass(eq=False, slots=True)
class Shape:
    """How a resolved value is completed into the response."""

    kind: ShapeKind
    non_null: bool
    leaf: GraphQLLeafType | None = None
    fast_type: type | None = None
    item: "Shape | None" = None
    fields: "list[FieldPlan] | None" = None


@dataclass(eq=False, slots=True)
class FieldPlan:
    """One response key of an object: how to get its value and how to complete it."""

    key: str
    kind: Kind
    name: str  # the attribute to read, or the type name for __typename
    shape: Shape | None = None
    field_def: GraphQLField | None = None
    field_nodes: list[Any] = field(default_factory=list)
    parent_type: GraphQLObjectType | None = None
    strawberry_field: StrawberryField | None = None
    static_args: dict[str, Any] | None = None  # None: the arguments use variables
    # For DIRECT: the resolver, called with the source and (when it asks) the Info; most
    # resolvers are `(self, root, info)` or `(self, info)`, called without a wrapper.
    invoke: Callable[[Any, Any], Any] | None = None
    wants_info: bool = False
    form: int = 0  # _WRAPPED, _SOURCE_INFO or _SOURCE_SOURCE_INFO
    function: Callable[..., Any] | None = None


class _Planner:
    """Compiles one query operation against the executor's schema, fragments and variables."""

    def __init__(self, executor: "PlannedExecution") -> None:
        self.executor = executor
        self.variables = executor.variable_values

    def operation(self, root_type: GraphQLObjectType) -> list[FieldPlan]:
        ex = self.executor
        collected = collect_fields(
            ex.schema, ex.fragments, self.variables, root_type, ex.operation, ex.hide_suggestions
        )
        if collected.new_defer_usages or collected.forbidden_directive_instances:
            raise Unplannable("@defer")
        return self.fields(root_type, collected.grouped_field_set)

    def fields(
        self, parent: GraphQLObjectType, grouped: Mapping[str, list[FieldDetails]]
    ) -> list[FieldPlan]:
        return [self.field(parent, key, details) for key, details in grouped.items()]

    def field(self, parent: GraphQLObjectType, key: str, details: list[FieldDetails]) -> FieldPlan:
        if any(d.defer_usage or d.fragment_variable_values for d in details):
            raise Unplannable("fragment variables or @defer")
        node = details[0].node
        name = node.name.value
        if name == "__typename":
            return FieldPlan(key, Kind.TYPENAME, parent.name)
        field_def = parent.fields.get(name)
        definition = field_def.extensions.get(_DEFINITION) if field_def else None
        if field_def is None or field_def.resolve is None or definition is None:
            raise Unplannable(f"{parent.name}.{name} is not a strawberry field")
        plan = FieldPlan(
            key,
            Kind.RESOLVER,
            definition.python_name,
            shape=self.shape(field_def.type, details),
            field_def=field_def,
            field_nodes=[d.node for d in details],
            parent_type=parent,
            strawberry_field=definition,
        )
        resolver = definition.base_resolver
        if field_def.args:
            if not _uses_variables(node):
                plan.static_args = get_argument_values(field_def, node, self.variables)
        elif resolver is None and not definition.extensions:
            plan.kind = Kind.ATTRIBUTE
        elif resolver is not None and not definition.extensions and not definition.arguments:
            plan.kind = Kind.DIRECT
            plan.invoke, plan.wants_info = _invoker(resolver)
            plan.form, plan.function = _call_form(resolver)
        return plan

    def shape(self, type_: GraphQLOutputType, details: list[FieldDetails]) -> Shape:
        non_null = isinstance(type_, GraphQLNonNull)
        if non_null:
            type_ = type_.of_type  # type: ignore[union-attr]
        if isinstance(type_, GraphQLList):
            return Shape(ShapeKind.LIST, non_null, item=self.shape(type_.of_type, details))
        if is_leaf_type(type_):
            fast = _FAST_LEAVES.get(type_) or _FAST_LEAVES_BY_NAME.get(type_.name)
            return Shape(ShapeKind.LEAF, non_null, leaf=type_, fast_type=fast)
        if isinstance(type_, GraphQLObjectType):
            ex = self.executor
            collected = collect_subfields(
                ex.schema,
                ex.fragments,
                self.variables,
                ex.operation,
                type_,
                details,
                ex.hide_suggestions,
            )
            if collected.new_defer_usages:
                raise Unplannable("@defer")
            return Shape(
                ShapeKind.OBJECT, non_null, fields=self.fields(type_, collected.grouped_field_set)
            )
        raise Unplannable(f"abstract type {type_}")


def _invoker(resolver: Any) -> tuple[Callable[[Any, Any], Any], bool]:
    """A call of a resolver with no GraphQL arguments: its `self`, `root` and `parent` get the
    source and its `info` the Info, positionally where its signature allows (most resolvers
    are `(self, root, info)`), as strawberry's get_arguments would pass them."""
    function = resolver.wrapped_func
    sources = {
        p
        for p in (resolver.self_parameter, resolver.root_parameter, resolver.parent_parameter)
        if p
    }
    info = resolver.info_parameter
    parameters = list(resolver.signature.parameters.values())
    roles = tuple("s" if p in sources else "i" if p == info else "?" for p in parameters)
    positional = all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters)
    wants_info = info is not None
    if positional and roles == ("s",):
        return (lambda source, _info: function(source)), wants_info
    if positional and roles == ("s", "s"):
        return (lambda source, _info: function(source, source)), wants_info
    if positional and roles == ("s", "i"):
        return (lambda source, info_: function(source, info_)), wants_info
    if positional and roles == ("s", "s", "i"):
        return (lambda source, info_: function(source, source, info_)), wants_info
    keywords = tuple(p.name for p in (resolver.root_parameter, resolver.parent_parameter) if p)
    passes_self = resolver.self_parameter is not None
    info_name = info.name if info is not None else None

    def call(source: Any, info_: Any) -> Any:
        kwargs = dict.fromkeys(keywords, source)
        if info_name:
            kwargs[info_name] = info_
        return function(source, **kwargs) if passes_self else function(**kwargs)

    return call, wants_info


# How the walk calls a DIRECT resolver: through `invoke`, or its function as it is.
_WRAPPED, _SOURCE_INFO, _SOURCE_SOURCE_INFO = 0, 1, 2


def _call_form(resolver: Any) -> tuple[int, Callable[..., Any] | None]:
    """Whether the resolver's function takes (source, info) or (source, source, info)
    positionally, so that the walk calls it without a wrapper."""
    sources = {resolver.self_parameter, resolver.root_parameter, resolver.parent_parameter}
    parameters = list(resolver.signature.parameters.values())
    if not parameters or any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in parameters):
        return _WRAPPED, None
    if parameters[-1] != resolver.info_parameter or resolver.info_parameter is None:
        return _WRAPPED, None
    if not all(p in sources for p in parameters[:-1]):
        return _WRAPPED, None
    forms = {1: _SOURCE_INFO, 2: _SOURCE_SOURCE_INFO}
    form = forms.get(len(parameters) - 1, _WRAPPED)
    return form, resolver.wrapped_func if form != _WRAPPED else None


def _uses_variables(node: Any) -> bool:
    """Whether a field's arguments (or a directive anywhere in the operation) read variables."""
    values: list[ValueNode] = [argument.value for argument in node.arguments or ()]
    while values:
        value = values.pop()
        if isinstance(value, VariableNode):
            return True
        if isinstance(value, ListValueNode):
            values.extend(value.values)
        elif isinstance(value, ObjectValueNode):
            values.extend(f.value for f in value.fields)
    return False


def _has_variable_directives(
    operation: OperationDefinitionNode, fragments: Mapping[str, Any]
) -> bool:
    """Whether @skip/@include read variables: then the selection depends on each request."""
    stack: list[Any] = [operation.selection_set]
    stack.extend(f.definition.selection_set for f in fragments.values())
    while stack:
        selection_set = stack.pop()
        for selection in selection_set.selections if selection_set else ():
            if any(_uses_variables(directive) for directive in selection.directives or ()):
                return True
            stack.append(getattr(selection, "selection_set", None))
    return False


_Entry = tuple[GraphQLSchema, OperationDefinitionNode, list[FieldPlan] | None]


class _PlanCache:
    """Plans by schema and operation node, kept with both so that an id is never mistaken for
    another object's (a plan holds one schema's field definitions)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.plans: OrderedDict[tuple[int, int], _Entry] = OrderedDict()

    def get(
        self, schema: GraphQLSchema, operation: OperationDefinitionNode
    ) -> tuple[bool, list[FieldPlan] | None]:
        key = (id(schema), id(operation))
        found = self.plans.get(key)
        if found is None or found[0] is not schema or found[1] is not operation:
            return False, None
        self.plans.move_to_end(key)
        return True, found[2]

    def put(
        self,
        schema: GraphQLSchema,
        operation: OperationDefinitionNode,
        plan: list[FieldPlan] | None,
    ) -> None:
        self.plans[(id(schema), id(operation))] = (schema, operation, plan)
        if len(self.plans) > self.size:
            self.plans.popitem(last=False)


_plans = _PlanCache(CACHED_PLANS)


class _Run:
    """One execution of a plan: completes values into the response, gathering awaitables."""

    def __init__(self, executor: "PlannedExecution") -> None:
        self.executor = executor
        self.awaitable_classes: dict[type, bool] = {}
        self.check_awaitable = executor.is_awaitable
        self.info_class = executor.schema._strawberry_schema.config.info_class  # type: ignore[attr-defined]
        self.pending: list[tuple[Any, Shape, Any, Any]] = []
        self.raw_infos: dict[FieldPlan, Any] = {}
        self.infos: dict[FieldPlan, Any] = {}

    async def run(self, fields: list[FieldPlan], root: Any) -> dict[str, Any]:
        try:
            data = self.object(fields, root)
            while self.pending:
                batch, self.pending = self.pending, []
                results = await asyncio.gather(*(p[0] for p in batch), return_exceptions=True)
                for (_, shape, container, key), result in zip(batch, results, strict=True):
                    if isinstance(result, BaseException):
                        raise _Bail from result
                    self.complete(shape, result, container, key)
        finally:
            self.close_pending()
        return data

    def close_pending(self) -> None:
        # Coroutines created for a wave that will not run must be closed, not left to warn.
        for awaitable, *_ in self.pending:
            if asyncio.iscoroutine(awaitable):
                awaitable.close()
        self.pending = []

    def object(self, fields: list[FieldPlan], source: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        infos = self.infos
        for plan in fields:
            kind = plan.kind
            if kind is _ATTRIBUTE:
                value = getattr(source, plan.name)
            elif kind is _TYPENAME:
                out[plan.key] = plan.name
                continue
            elif kind is _DIRECT:
                info = None
                if plan.wants_info:
                    info = infos.get(plan) or self.info(plan)
                form = plan.form
                if form == _SOURCE_SOURCE_INFO:
                    value = plan.function(source, source, info)  # type: ignore[misc]
                elif form == _SOURCE_INFO:
                    value = plan.function(source, info)  # type: ignore[misc]
                else:
                    value = plan.invoke(source, info)  # type: ignore[misc]
            else:
                value = plan.field_def.resolve(source, self.raw_info(plan), **self.arguments(plan))  # type: ignore[union-attr, misc]
            shape: Shape = plan.shape  # type: ignore[assignment]
            if value.__class__ is shape.fast_type:  # most fields: a string or a boolean as is
                out[plan.key] = value
            else:
                self.complete(shape, value, out, plan.key)
        return out

    def complete(self, shape: Shape, value: Any, container: Any, key: Any) -> None:
        if value is None:
            if shape.non_null:
                raise _Bail
            container[key] = None
            return
        kind = shape.kind
        awaitable = self.awaitable_classes.get(value.__class__)
        if awaitable is None:
            awaitable = self.is_awaitable(value)
        if awaitable:
            self.defer(value, shape, container, key)
        elif kind is _LEAF:
            if value.__class__ is shape.fast_type:
                container[key] = value
                return
            coerced = shape.leaf.coerce_output_value(value)  # type: ignore[union-attr]
            if coerced is Undefined or coerced is None:
                raise _Bail
            container[key] = coerced
        elif kind is _OBJECT:
            container[key] = self.object(shape.fields, value)  # type: ignore[arg-type]
        else:
            if isinstance(value, str | bytes | Mapping):
                raise _Bail
            items = value if isinstance(value, list | tuple) else list(value)
            out: list[Any] = [None] * len(items)
            container[key] = out
            item_shape: Shape = shape.item  # type: ignore[assignment]
            classes = self.awaitable_classes
            if item_shape.kind is _OBJECT:  # a list of objects: each made here, not in a call
                fields = item_shape.fields
                for index, item in enumerate(items):
                    if item is not None and classes.get(item.__class__) is False:
                        out[index] = self.object(fields, item)  # type: ignore[arg-type]
                    else:
                        self.complete(item_shape, item, out, index)
                return
            for index, item in enumerate(items):
                self.complete(item_shape, item, out, index)

    def is_awaitable(self, value: Any) -> bool:
        """graphql-core's answer, kept per class (a generator's depends on the object)."""
        awaitable: bool = self.check_awaitable(value)
        if not isinstance(value, GeneratorType):
            self.awaitable_classes[value.__class__] = awaitable
        return awaitable

    def defer(self, awaitable: Any, shape: Shape, container: Any, key: Any) -> None:
        container[key] = None  # keeps the response key in its place until the value comes
        self.pending.append((awaitable, shape, container, key))

    def raw_info(self, plan: FieldPlan) -> Any:
        info = self.raw_infos.get(plan)
        if info is None:
            # One info per planned field, not per object: resolvers read the context, the
            # field's nodes and the variables, never the path (errors are reported by the
            # graphql-core run, with exact paths).
            path = Path(None, plan.key, plan.parent_type.name)  # type: ignore[union-attr]
            info = self.executor.build_resolve_info(
                plan.field_def,  # type: ignore[arg-type]
                plan.field_nodes,
                plan.parent_type,  # type: ignore[arg-type]
                path,
            )
            self.raw_infos[plan] = info
        return info

    def info(self, plan: FieldPlan) -> Any:
        info = self.infos.get(plan)
        if info is None:
            info = self.info_class(_raw_info=self.raw_info(plan), _field=plan.strawberry_field)
            self.infos[plan] = info
        return info

    def arguments(self, plan: FieldPlan) -> dict[str, Any]:
        if plan.static_args is not None:
            return plan.static_args
        if not plan.field_def.args:  # type: ignore[union-attr]
            return {}
        return get_argument_values(
            plan.field_def,  # type: ignore[arg-type]
            plan.field_nodes[0],
            self.executor.variable_values,
        )


class PlannedExecution(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor, running queries from a cached plan when it can."""

    def execute_operation(self, serially: bool | None = None) -> Any:
        fields = self.plan()
        if fields is None:
            return super().execute_operation(serially)
        return self.execute_planned(fields, serially)

    async def execute_planned(self, fields: list[FieldPlan], serially: bool | None) -> Any:
        try:
            data = await _Run(self).run(fields, self.root_value)
        except Exception:
            result = super().execute_operation(serially)
            return await result if self.is_awaitable(result) else result
        response = self.build_response(data)
        self.context_value = None
        return response

    def plan(self) -> list[FieldPlan] | None:
        operation = self.operation
        if operation.operation is not OperationType.QUERY or self._has_middleware():
            return None
        found, fields = _plans.get(self.schema, operation)
        if found:
            return fields
        per_request = _has_variable_directives(operation, self.fragments)
        root_type = self.schema.query_type
        try:
            fields = _Planner(self).operation(root_type) if root_type else None
        except Unplannable:
            fields = None
        except Exception:
            return None  # e.g. an argument graphql-core refuses: its run reports it
        if not per_request:
            _plans.put(self.schema, operation, fields)
        return fields

    def _has_middleware(self) -> bool:
        manager = self.middleware_manager
        return manager is not None and bool(manager.middlewares)
