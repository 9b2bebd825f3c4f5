"""The catalog's GraphQL types, inputs and fields."""
