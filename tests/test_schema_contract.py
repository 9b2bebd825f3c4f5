"""The public GraphQL contract: checked in, reviewed on change, and self-documenting."""

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
)

from schema.build import build_schema

SDL_FILE = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"
BUILT_IN = {"String", "Int", "Float", "Boolean", "ID"}


def graphql_schema() -> GraphQLSchema:
    return build_schema()._schema


def test_the_checked_in_sdl_is_the_schema_the_server_serves() -> None:
    # given the schema the code builds
    served = build_schema().as_str().strip()
    # then it is exactly the SDL kept in the repository
    assert SDL_FILE.read_text().strip() == served, (
        "The GraphQL schema changed: run `make sdl` and review the diff of schema/schema.graphql"
    )


def test_every_type_field_argument_and_enum_value_has_a_description() -> None:
    missing: list[str] = []
    for name, type_ in graphql_schema().type_map.items():
        if name.startswith("__") or name in BUILT_IN:
            continue
        if not type_.description:
            missing.append(name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in type_.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        if isinstance(type_, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in type_.values.items() if not value.description]
        if isinstance(type_, GraphQLUnionType) and not type_.description:
            missing.append(name)
    assert missing == [], f"undocumented schema elements: {missing}"
