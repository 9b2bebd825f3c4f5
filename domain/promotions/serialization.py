"""A promotion's action and condition as JSON: how they are stored and how the API shows them
(the API takes typed inputs, schema/promotions/definitions.py, which it turns into this).

The format, in full. Every action and condition is an object whose `type` names the engine's
dataclass (`"PercentOff"`, `"AllOf"`, ...); its other keys are the dataclass's fields in
camelCase. Values:

| field kind       | JSON                                                                 |
|------------------|----------------------------------------------------------------------|
| money            | `{"amount": "10.00", "currency": "USD"}` (a decimal string)           |
| percentage       | a decimal string, `"12.5"`                                           |
| whole number     | a number                                                             |
| moment           | an ISO 8601 string with its offset                                   |
| target           | `{"productIds": [], "variantIds": [], "categoryIds": [],              |
|                  | "collectionIds": [], "tags": []}` (any key may be left out)          |
| ids, tags        | a list of strings, sorted when written                               |
| nested condition | an object as above; `conditions`: a list of them                     |
| tiers            | `[{"threshold": money, "amount": money}, ...]`                       |

Left-out fields take the dataclass's default (a condition defaults to `{"type": "AllOf"}`,
which always holds). Ids go through an `IdCodec`: storage keeps the engine's ids (UUID
strings) and passes `KEEP_IDS`; the API shows and takes global IDs and passes a codec that
encodes or decodes them. `load_*` raise `UserError` whose `field` is the path at fault
(`action.tiers.1.amount`), like `validation.validate_promotion`.
"""

from collections.abc import Callable, Mapping
from dataclasses import MISSING, fields
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.errors import UserError
from domain.money import Money, validate_currency
from domain.promotions import actions as a
from domain.promotions import conditions as c
from domain.promotions.targets import Target
from domain.validation import camel_case

IdCodec = Callable[[str, str, str], str]
"""(node type name, id, field path) -> the id on the other side."""


def KEEP_IDS(_type_name: str, id: str, _field: str) -> str:
    return id


# The kind of each field, per class. A kind is a word below, or ("ids", node type name).
_FIELDS: Mapping[type, Mapping[str, Any]] = {
    a.PercentOff: {"percent": "decimal", "target": "target"},
    a.AmountOffEach: {"amount": "money", "target": "target"},
    a.AmountOffOrder: {"amount": "money", "target": "target"},
    a.FixedPrice: {"unit_price": "money", "target": "target"},
    a.BuyXGetY: {
        "buy": "int",
        "get": "int",
        "buy_target": "target",
        "get_target": "target",
        "percent": "decimal",
        "max_applications": "int",
    },
    a.Tiered: {"tiers": "tiers", "target": "target"},
    a.ShippingOff: {
        "percent": "decimal",
        "amount": "money",
        "option_ids": ("ids", "ShippingMethod"),
    },
    a.GiftItem: {"variant_id": ("id", "ProductVariant"), "value": "money", "quantity": "int"},
    c.MinSubtotal: {"amount": "money", "target": "target"},
    c.MinQuantity: {"quantity": "int", "target": "target"},
    c.CartContains: {"target": "target"},
    c.CustomerTagged: {"tags": "tags"},
    c.CustomerInSegment: {"segment_ids": ("ids", "Segment")},
    c.CustomerTier: {"tier_ids": ("ids", "CustomerTier")},
    c.FirstOrder: {},
    c.OnStorefront: {"storefront_ids": ("ids", "Storefront")},
    c.Between: {"starts_at": "datetime", "ends_at": "datetime"},
    c.CodeEntered: {},
    c.AllOf: {"conditions": "conditions"},
    c.AnyOf: {"conditions": "conditions"},
}
_ACTIONS = {cls.__name__: cls for cls in _FIELDS if cls.__module__ == a.__name__}
_CONDITIONS = {cls.__name__: cls for cls in _FIELDS if cls.__module__ == c.__name__}
_TARGET_IDS = {
    "product_ids": "Product",
    "variant_ids": "ProductVariant",
    "category_ids": "Category",
    "collection_ids": "Collection",
}
_MAX_IDS = 1000


# Writing ----------------------------------------------------------------------------------


def dump_action(action: a.Action, ids: IdCodec = KEEP_IDS) -> dict[str, Any]:
    return _dump_object(action, ids, "action")


def dump_condition(condition: c.Condition, ids: IdCodec = KEEP_IDS) -> dict[str, Any]:
    return _dump_object(condition, ids, "condition")


def _dump_object(value: Any, ids: IdCodec, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {"type": type(value).__name__}
    for name, kind in _FIELDS[type(value)].items():
        key = camel_case(name)
        data[key] = _dump_value(getattr(value, name), kind, ids, f"{path}.{key}")
    return data


def _dump_value(value: Any, kind: Any, ids: IdCodec, path: str) -> Any:
    if value is None:
        return None
    match kind:
        case "money":
            return {"amount": str(value.to_decimal()), "currency": value.currency}
        case "decimal":
            return str(value)
        case "int":
            return value
        case "datetime":
            return value.isoformat()
        case "tags":
            return sorted(value)
        case "target":
            return _dump_target(value, ids, path)
        case "tiers":
            return [
                {
                    "threshold": _dump_value(tier.threshold, "money", ids, path),
                    "amount": _dump_value(tier.amount, "money", ids, path),
                }
                for tier in value
            ]
        case "conditions":
            return [_dump_object(part, ids, f"{path}.{i}") for i, part in enumerate(value)]
        case ("ids", type_name):
            return sorted(ids(type_name, item, path) for item in value)
        case ("id", type_name):
            return ids(type_name, value, path)
    raise AssertionError(kind)  # pragma: no cover


def _dump_target(target: Target, ids: IdCodec, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        camel_case(name): sorted(ids(type_name, item, path) for item in getattr(target, name))
        for name, type_name in _TARGET_IDS.items()
    }
    data["tags"] = sorted(target.tags)
    return data


# Reading ----------------------------------------------------------------------------------


def load_action(data: Any, ids: IdCodec = KEEP_IDS, *, path: str = "action") -> a.Action:
    action: a.Action = _load_object(data, _ACTIONS, ids, path)
    return action


def load_condition(data: Any, ids: IdCodec = KEEP_IDS, *, path: str = "condition") -> c.Condition:
    if data is None:
        return c.ALWAYS
    condition: c.Condition = _load_object(data, _CONDITIONS, ids, path)
    return condition


def _load_object(data: Any, classes: Mapping[str, type], ids: IdCodec, path: str) -> Any:
    if not isinstance(data, dict):
        raise UserError("Give an object with a `type`.", field=path)
    cls = classes.get(data.get("type", ""))
    if cls is None:
        raise UserError(f"The type is one of: {', '.join(classes)}.", field=f"{path}.type")
    spec = _FIELDS[cls]
    unknown = set(data) - {"type", *(camel_case(name) for name in spec)}
    if unknown:
        raise UserError(f"Unknown field {sorted(unknown)[0]!r}.", field=path)
    values = {}
    defaults = {f.name: f.default for f in fields(cls)}
    for name, kind in spec.items():
        key = camel_case(name)
        if data.get(key) is None:
            if defaults[name] is MISSING:
                raise UserError("This field is required.", field=f"{path}.{key}")
            continue
        values[name] = _load_value(data[key], kind, ids, f"{path}.{key}")
    return cls(**values)


def _load_value(value: Any, kind: Any, ids: IdCodec, path: str) -> Any:
    match kind:
        case "money":
            return _load_money(value, path)
        case "decimal":
            return _load_decimal(value, path)
        case "int":
            if not isinstance(value, int) or isinstance(value, bool):
                raise UserError("Give a whole number.", field=path)
            return value
        case "datetime":
            return _load_datetime(value, path)
        case "tags":
            return frozenset(_strings(value, path))
        case "target":
            return _load_target(value, ids, path)
        case "tiers":
            return tuple(
                _load_tier(tier, f"{path}.{i}") for i, tier in enumerate(_list(value, path))
            )
        case "conditions":
            return tuple(
                _load_object(part, _CONDITIONS, ids, f"{path}.{i}")
                for i, part in enumerate(_list(value, path))
            )
        case ("ids", type_name):
            return frozenset(ids(type_name, item, path) for item in _strings(value, path))
        case ("id", type_name):
            if not isinstance(value, str):
                raise UserError("Give an ID.", field=path)
            return ids(type_name, value, path)
    raise AssertionError(kind)  # pragma: no cover


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list) or len(value) > _MAX_IDS:
        raise UserError(f"Give a list of at most {_MAX_IDS} items.", field=path)
    return value


def _strings(value: Any, path: str) -> list[str]:
    items = _list(value, path)
    if not all(isinstance(item, str) for item in items):
        raise UserError("Give a list of strings.", field=path)
    return items


def _load_money(value: Any, path: str) -> Money:
    if not isinstance(value, dict) or set(value) != {"amount", "currency"}:
        raise UserError('Give {"amount": "10.00", "currency": "USD"}.', field=path)
    amount, currency = value["amount"], value["currency"]
    if not isinstance(amount, str) or not isinstance(currency, str):
        raise UserError("Give the amount and currency as strings.", field=path)
    code = validate_currency(currency, field=f"{path}.currency")
    try:
        return Money.parse(amount.strip(), code)
    except UserError as error:
        raise UserError(error.message, field=f"{path}.amount") from None


def _load_decimal(value: Any, path: str) -> Decimal:
    try:
        number = Decimal(value) if isinstance(value, str) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise UserError('Give a decimal string, e.g. "12.5".', field=path)
    return number


def _load_datetime(value: Any, path: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise UserError("Give an ISO 8601 time with its offset.", field=path)
    return moment


def _load_target(value: Any, ids: IdCodec, path: str) -> Target:
    if not isinstance(value, dict):
        raise UserError("Give a target object.", field=path)
    known = {camel_case(name): name for name in (*_TARGET_IDS, "tags")}
    unknown = set(value) - set(known)
    if unknown:
        raise UserError(f"Unknown field {sorted(unknown)[0]!r}.", field=path)
    parts: dict[str, frozenset[str]] = {}
    for key, name in known.items():
        items = _strings(value.get(key) or [], f"{path}.{key}")
        type_name = _TARGET_IDS.get(name)
        parts[name] = frozenset(
            item if type_name is None else ids(type_name, item, f"{path}.{key}") for item in items
        )
    return Target(**parts)


def _load_tier(value: Any, path: str) -> a.Tier:
    if not isinstance(value, dict) or set(value) != {"threshold", "amount"}:
        raise UserError("Give a tier's threshold and amount.", field=path)
    return a.Tier(
        _load_money(value["threshold"], f"{path}.threshold"),
        _load_money(value["amount"], f"{path}.amount"),
    )
