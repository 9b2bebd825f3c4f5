"""Money: an integer amount in the currency's minor unit and an ISO 4217 code. Never floats."""

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from domain.errors import UserError

# Active ISO 4217 codes. Most have two fraction digits; the exceptions are listed below.
_CODES = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
BYN BZD CAD CDF CHF CLF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS
KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD
TZS UAH UGX USD UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
""".split()
_FRACTION_DIGITS = {
    **dict.fromkeys(
        "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(), 0
    ),
    **dict.fromkeys("BHD IQD JOD KWD LYD OMR TND".split(), 3),
    **dict.fromkeys("CLF UYW".split(), 4),
}
CURRENCIES: frozenset[str] = frozenset(_CODES)
# By fraction digits: the minor units in one unit, and how units and minor units are written.
_SCALES = {digits: 10**digits for digits in (2, 3, 4)}
_FORMATS = {digits: f"%d.%0{digits}d" for digits in (2, 3, 4)}


def fraction_digits(currency: str) -> int:
    return _FRACTION_DIGITS.get(currency, 2)


def validate_currency(code: str, *, field: str = "currency") -> str:
    """Return the upper-case ISO 4217 code, or raise a UserError naming `field`."""
    normalized = code.strip().upper()
    if normalized not in CURRENCIES:
        raise UserError(f"'{code}' is not an ISO 4217 currency code.", field=field)
    return normalized


MAX_EXPONENT = 30  # far beyond any price, far below what Decimal arithmetic would choke on


@dataclass(frozen=True, slots=True)
class Money:
    amount: int
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise TypeError("Money amounts are integers in minor units")
        if self.currency not in CURRENCIES:
            raise ValueError(f"unknown currency {self.currency!r}")

    def _same(self, other: "Money") -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    @property
    def decimal(self) -> Decimal:
        """The amount in the currency's units: Decimal("12.34") for 1234 cents."""
        return self.to_decimal()

    def to_decimal(self) -> Decimal:
        """Exactly the currency's fraction digits: 0 USD is Decimal("0.00"), never 0E-2."""
        digits = fraction_digits(self.currency)
        return Decimal(self.amount).scaleb(-digits).quantize(Decimal(1).scaleb(-digits))

    def format(self) -> str:
        """The decimal string used at the GraphQL edge, e.g. '12.34', '1500' (JPY), '-0.05'.
        Integer arithmetic, not Decimal: a listing formats hundreds of amounts."""
        digits = _FRACTION_DIGITS.get(self.currency, 2)
        amount = self.amount
        if not digits:
            return str(amount)
        text = _FORMATS[digits] % divmod(abs(amount), _SCALES[digits])
        return "-" + text if amount < 0 else text

    @property
    def text(self) -> str:
        """`format()`, read as an attribute (the GraphQL `amount`)."""
        return self.format()

    @classmethod
    def parse(cls, text: str, currency: str) -> "Money":
        """Read a decimal string; more fraction digits than the currency has is an error."""
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise UserError(f"'{text}' is not a decimal amount.", field="amount") from None
        if not value.is_finite():
            raise UserError(f"'{text}' is not a decimal amount.", field="amount")
        # Refuse absurd exponents before scaling: "1e999999999" would overflow or stall.
        if value and not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
            raise UserError(f"'{text}' is out of range.", field="amount")
        scaled = value.scaleb(fraction_digits(currency))
        if scaled != scaled.to_integral_value():
            raise UserError(
                f"{currency} has {fraction_digits(currency)} fraction digits.", field="amount"
            )
        return cls(int(scaled), currency)

    def percentage(self, percent: Decimal) -> "Money":
        """`percent` of this amount, rounded half-to-even to the minor unit (banker's rounding,
        so that rounding errors do not drift one way over many lines)."""
        exact = Decimal(self.amount) * percent / 100
        return Money(int(exact.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)), self.currency)

    def allocate(self, weights: list[int]) -> list["Money"]:
        """Split over `weights` by largest remainder: the parts always add up to the whole."""
        if not weights or any(w < 0 for w in weights) or sum(weights) == 0:
            raise ValueError("allocation needs non-negative weights with a positive sum")
        total = sum(weights)
        sign = -1 if self.amount < 0 else 1
        whole = abs(self.amount)
        shares = [whole * w // total for w in weights]
        remainders = [whole * w % total for w in weights]
        leftover = whole - sum(shares)
        # Ties go to the earlier index so the result is deterministic.
        order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
        for i in order[:leftover]:
            shares[i] += 1
        return [Money(sign * s, self.currency) for s in shares]
