"""Key-values integrations attach to objects: public `metadata` and staff-only
`privateMetadata`, the same shape on every type that has them."""

from collections.abc import Mapping

import strawberry


@strawberry.type(description="A key and its value.")
class MetadataItem:
    key: str = strawberry.field(description="The key.")
    value: str = strawberry.field(description="The value.")


@strawberry.input(description="A key and its value.")
class MetadataInput:
    key: str = strawberry.field(description="The key.")
    value: str = strawberry.field(description="The value.")


def metadata_items(values: Mapping[str, str]) -> list[MetadataItem]:
    return [MetadataItem(key=k, value=v) for k, v in sorted(values.items())]


def metadata_values(items: list[MetadataInput] | None) -> dict[str, str] | None:
    """Input items as a mapping (None: not given, leave as it is)."""
    return None if items is None else {item.key: item.value for item in items}
