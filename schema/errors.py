"""The error shape mutations return for anything the caller can fix."""

import strawberry


@strawberry.type(description="Something in the input the caller can fix.")
class UserError:
    field: list[str] | None = strawberry.field(
        description="Path to the input field at fault, if one is."
    )
    message: str = strawberry.field(description="What is wrong, for a person.")
    code: str = strawberry.field(
        description="A stable machine-readable code, e.g. INVALID, REQUIRED, DUPLICATE."
    )
