"""The storefront side of customer accounts (send the storefront token, then the customer's
access token as `Authorization: Bearer`)."""

from typing import Annotated

import strawberry

from domain.customers.accounts import ProfileInput, RegisterCustomer
from domain.customers.addresses import AddressInput as AddressFields
from resolvers.context import AgoraInfo
from resolvers.customers import accounts as resolvers
from resolvers.customers import addresses as address_resolvers
from resolvers.permissions import customers_only
from schema.auth import LogoutPayload, TokenPayload
from schema.customers.types import Address, CustomerPayload, DeletedPayload
from schema.errors import UserError

CUSTOMER = customers_only()


@strawberry.input(description="A new customer account.")
class CustomerRegisterInput:
    email: str = strawberry.field(description="Sign-in email.")
    password: str = strawberry.field(description="Password (10+ characters).")
    first_name: str | None = strawberry.field(default=None, description="First name.")
    last_name: str | None = strawberry.field(default=None, description="Last name.")


@strawberry.input(description="Changes to the customer's own profile; omitted fields stay.")
class CustomerProfileInput:
    first_name: str | None = strawberry.field(default=None, description="First name.")
    last_name: str | None = strawberry.field(default=None, description="Last name.")


@strawberry.input(description="An address; omitted fields stay as they are on update.")
class AddressInput:
    first_name: str | None = strawberry.field(default=None, description="Recipient's first name.")
    last_name: str | None = strawberry.field(default=None, description="Recipient's last name.")
    company: str | None = strawberry.field(default=None, description="Company.")
    street_line1: str | None = strawberry.field(default=None, description="Street and number.")
    street_line2: str | None = strawberry.field(default=None, description="Apartment, floor.")
    city: str | None = strawberry.field(default=None, description="City.")
    region: str | None = strawberry.field(
        default=None, description="State or province (required in US, CA and AU)."
    )
    postal_code: str | None = strawberry.field(
        default=None, description="Postal code, in the country's format."
    )
    country: str | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 country code."
    )
    phone: str | None = strawberry.field(default=None, description="Phone number.")
    is_default_shipping: bool | None = strawberry.field(
        default=None, description="Make it (or stop it being) the default shipping address."
    )
    is_default_billing: bool | None = strawberry.field(
        default=None, description="Make it (or stop it being) the default billing address."
    )

    def fields(self) -> AddressFields:
        return AddressFields(
            first_name=self.first_name,
            last_name=self.last_name,
            company=self.company,
            street_line1=self.street_line1,
            street_line2=self.street_line2,
            city=self.city,
            region=self.region,
            postal_code=self.postal_code,
            country=self.country,
            phone=self.phone,
            is_default_shipping=self.is_default_shipping,
            is_default_billing=self.is_default_billing,
        )


@strawberry.type(description="Result of an address mutation.")
class AddressPayload:
    address: Address | None = strawberry.field(description="The address.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of a request whose answer is only that it was taken.")
class CustomerRequestPayload:
    ok: bool | None = strawberry.field(description="True when the request was taken.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Email = Annotated[str, strawberry.argument(description="Sign-in email.")]
Password = Annotated[str, strawberry.argument(description="Password.")]
Token = Annotated[str, strawberry.argument(description="The code from the message.")]
Id = Annotated[strawberry.ID, strawberry.argument(description="The address's ID.")]
AddressArg = Annotated[AddressInput, strawberry.argument(description="The fields to set.")]


@strawberry.type
class CustomerAccountMutation:
    @strawberry.mutation(
        description="Create an account at the storefront's merchant, then sign in with "
        "customerLogin. The answer is the same whether or not the email already has an "
        "account here; the email tells its owner (a code to confirm the address, or a note "
        "that the account exists)."
    )
    async def customer_register(
        self,
        info: AgoraInfo,
        input: Annotated[CustomerRegisterInput, strawberry.argument(description="The account.")],
    ) -> CustomerRequestPayload:
        command = RegisterCustomer(input.email, input.password, input.first_name, input.last_name)
        return await resolvers.customer_register(info, command)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Sign a customer in at the storefront's merchant. A wrong password, an "
        "unknown email and an inactive account get the same answer."
    )
    async def customer_login(
        self, info: AgoraInfo, email: Email, password: Password
    ) -> TokenPayload:
        return await resolvers.customer_login(info, email, password)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Exchange a customer's refresh token for a new pair. Reusing a used one "
        "ends the session."
    )
    async def customer_token_refresh(
        self,
        info: AgoraInfo,
        refresh_token: Annotated[
            str, strawberry.argument(description="The current refresh token.")
        ],
    ) -> TokenPayload:
        return await resolvers.customer_token_refresh(info, refresh_token)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Sign the customer out: this session's tokens stop working.",
        extensions=CUSTOMER,
    )
    async def customer_logout(self, info: AgoraInfo) -> LogoutPayload:
        return await resolvers.customer_logout(info)  # type: ignore[return-value]

    @strawberry.mutation(description="Confirm the email address with the code sent to it.")
    async def customer_email_verify(self, info: AgoraInfo, token: Token) -> CustomerPayload:
        return await resolvers.email_verify(info, token)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Send a new email confirmation code (nothing when already confirmed).",
        extensions=CUSTOMER,
    )
    async def customer_email_verification_resend(self, info: AgoraInfo) -> CustomerRequestPayload:
        return await resolvers.verification_resend(info)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Send a password reset code to the email if it has an account here. The "
        "answer is the same either way."
    )
    async def customer_password_reset_request(
        self, info: AgoraInfo, email: Email
    ) -> CustomerRequestPayload:
        return await resolvers.password_reset_request(info, email)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Set a new password with a reset code; every session of the account ends."
    )
    async def customer_password_reset(
        self,
        info: AgoraInfo,
        token: Token,
        new_password: Annotated[str, strawberry.argument(description="The new password.")],
    ) -> CustomerRequestPayload:
        return await resolvers.password_reset(info, token, new_password)  # type: ignore[return-value]

    @strawberry.mutation(description="Change the customer's own name.", extensions=CUSTOMER)
    async def customer_profile_update(
        self,
        info: AgoraInfo,
        input: Annotated[CustomerProfileInput, strawberry.argument(description="The fields.")],
    ) -> CustomerPayload:
        command = ProfileInput(input.first_name, input.last_name)
        return await resolvers.profile_update(info, command)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Change the password, confirming the current one; the customer's other "
        "sessions end.",
        extensions=CUSTOMER,
    )
    async def customer_password_change(
        self,
        info: AgoraInfo,
        current_password: Annotated[str, strawberry.argument(description="The current password.")],
        new_password: Annotated[str, strawberry.argument(description="The new password.")],
    ) -> CustomerPayload:
        return await resolvers.password_change(info, current_password, new_password)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Delete the customer's own account and everything stored with it.",
        extensions=CUSTOMER,
    )
    async def customer_account_delete(
        self,
        info: AgoraInfo,
        password: Annotated[str, strawberry.argument(description="The current password.")],
    ) -> DeletedPayload:
        return await resolvers.account_delete(info, password)  # type: ignore[return-value]

    @strawberry.mutation(description="Add an address to the address book.", extensions=CUSTOMER)
    async def customer_address_create(self, info: AgoraInfo, address: AddressArg) -> AddressPayload:
        return await address_resolvers.address_create(info, address.fields())  # type: ignore[return-value]

    @strawberry.mutation(description="Change one of the customer's addresses.", extensions=CUSTOMER)
    async def customer_address_update(
        self, info: AgoraInfo, id: Id, address: AddressArg
    ) -> AddressPayload:
        return await address_resolvers.address_update(info, id, address.fields())  # type: ignore[return-value]

    @strawberry.mutation(description="Delete one of the customer's addresses.", extensions=CUSTOMER)
    async def customer_address_delete(self, info: AgoraInfo, id: Id) -> DeletedPayload:
        return await address_resolvers.address_delete(info, id)  # type: ignore[return-value]
