"""The pure parts of a listing: price buckets, category roll-ups and search words."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.catalog.categories import Category
from domain.catalog.facets import FacetCounts, category_facets, price_buckets
from domain.catalog.product_search import MAX_TERMS, search_terms
from domain.money import Money

NOW = datetime(2026, 1, 1, tzinfo=UTC)
MERCHANT = uuid4()


def category(name: str, parent: Category | None = None) -> Category:
    return Category(
        id=uuid4(),
        merchant_id=MERCHANT,
        name=name,
        slug=name.lower(),
        description="",
        parent_id=None if parent is None else parent.id,
        created_at=NOW,
        updated_at=NOW,
    )


def counts(categories: dict[UUID, int]) -> FacetCounts:
    return FacetCounts(sum(categories.values()), {}, {}, categories, [])


def one_price_each(amounts: list[int]) -> list[frozenset[int]]:
    return [frozenset({amount}) for amount in amounts]


def buckets(amounts: list[int], currency: str = "USD") -> list[tuple[int, int, int]]:
    """Buckets of products priced one price each."""
    found = price_buckets(one_price_each(amounts), currency)
    return [(b.start.amount, b.stop.amount, b.count) for b in found]


# --- price buckets -----------------------------------------------------------------------------


def test_no_prices_make_no_buckets() -> None:
    assert price_buckets([], "USD") == []


def test_bucket_edges_are_round_numbers_in_minor_units() -> None:
    # 19.99, 24.99, 49.99: a span of about 30.00 in five steps is a step of 10.00
    assert buckets([1999, 2499, 4999]) == [(1000, 2000, 1), (2000, 3000, 1), (4000, 5000, 1)]


def test_empty_ranges_are_left_out_and_equal_prices_share_a_bucket() -> None:
    assert buckets([9000, 9500, 12000, 12000]) == [(9000, 10000, 2), (12000, 13000, 2)]


def test_a_single_price_makes_one_bucket_holding_it() -> None:
    [bucket] = price_buckets(one_price_each([4250]), "EUR")
    assert bucket.start == Money(4250, "EUR")
    assert bucket.stop == Money(4251, "EUR")
    assert bucket.count == 1


def test_buckets_are_in_the_given_currency() -> None:
    found = price_buckets(one_price_each([100, 2000, 30000]), "JPY")
    assert {b.start.currency for b in found} == {"JPY"}


def test_a_product_counts_once_in_each_bucket_one_of_its_variants_is_priced_in() -> None:
    # a shirt at 12.00 and 14.00 (one bucket), boots at 15.00 and 48.00 (two buckets)
    found = price_buckets([frozenset({1200, 1400}), frozenset({1500, 4800})], "USD")
    assert [(b.start.amount, b.stop.amount, b.count) for b in found] == [
        (1000, 2000, 2),
        (4000, 5000, 1),
    ]


@given(st.lists(st.integers(min_value=0, max_value=10**15), min_size=1, max_size=60))
def test_buckets_cover_every_price_once_with_round_edges(amounts: list[int]) -> None:
    found = price_buckets(one_price_each(amounts), "USD")
    # every price falls in exactly one bucket, and the counts add up
    assert sum(b.count for b in found) == len(amounts)
    for amount in amounts:
        assert sum(b.start.amount <= amount < b.stop.amount for b in found) == 1
    for bucket in found:
        assert bucket.count == sum(bucket.start.amount <= a < bucket.stop.amount for a in amounts)
    # buckets are ascending, all the same width (1, 2 or 5 times a power of ten), edges on it
    step = found[0].stop.amount - found[0].start.amount
    assert int(str(step)[0]) in (1, 2, 5) and set(str(step)[1:]) <= {"0"}
    for bucket in found:
        assert bucket.stop.amount - bucket.start.amount == step
        assert bucket.start.amount % step == 0
    assert [b.start.amount for b in found] == sorted({b.start.amount for b in found})
    # and about five of them (rounding the first edge down may add one)
    assert len(found) <= 6


# --- categories --------------------------------------------------------------------------------

# Outdoor > Footwear > (Boots, Sandals); Apparel
OUTDOOR = category("Outdoor")
FOOTWEAR = category("Footwear", OUTDOOR)
BOOTS = category("Boots", FOOTWEAR)
SANDALS = category("Sandals", FOOTWEAR)
APPAREL = category("Apparel")
TREE = [OUTDOOR, FOOTWEAR, BOOTS, SANDALS, APPAREL]


def rolled_up(direct: dict[UUID, int], tree: list[Category] = TREE) -> dict[str, int]:
    return {c.category.name: c.count for c in category_facets(counts(direct), tree)}


def test_a_category_counts_the_products_in_it_and_everywhere_below_it() -> None:
    direct = {BOOTS.id: 3, SANDALS.id: 1, OUTDOOR.id: 2, APPAREL.id: 4}
    assert rolled_up(direct) == {
        "Apparel": 4,
        "Boots": 3,
        "Footwear": 4,
        "Outdoor": 6,
        "Sandals": 1,
    }


def test_categories_without_listed_products_are_left_out_and_the_rest_sorted_by_name() -> None:
    facets = category_facets(counts({BOOTS.id: 1}), TREE)
    assert [(c.category.name, c.count) for c in facets] == [
        ("Boots", 1),
        ("Footwear", 1),
        ("Outdoor", 1),
    ]


def test_counts_for_a_category_no_longer_in_the_tree_are_ignored() -> None:
    assert rolled_up({uuid4(): 5, APPAREL.id: 1}) == {"Apparel": 1}


def test_a_cycle_in_the_tree_does_not_loop_forever() -> None:
    # a tree read mid-move may briefly hold a cycle: each category still counts once
    first = category("First")
    second = category("Second", first)
    first.parent_id = second.id
    assert rolled_up({second.id: 2}, [first, second]) == {"First": 2, "Second": 2}


def test_no_counts_make_no_category_facets() -> None:
    assert category_facets(counts({}), TREE) == []


# --- search words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        (None, ()),
        ("", ()),
        ("   ", ()),
        ("%", ()),
        ("!!! -- ???", ()),
        ("_", ()),
        ("Waterproof", ("waterproof",)),
        ("  Trail  RUNNER ", ("trail", "runner")),
        ("trail-runner", ("trail", "runner")),
        ("snake_case", ("snake", "case")),
        ('"quoted" AND (grouped) OR*', ("quoted", "and", "grouped", "or")),
        ("boot BOOT Boot shoe", ("boot", "shoe")),
        ("Größe Ärmel", ("größe", "ärmel")),
        ("size 42", ("size", "42")),
    ],
)
def test_search_terms_are_lower_cased_unique_words(
    text: str | None, terms: tuple[str, ...]
) -> None:
    assert search_terms(text) == terms


def test_search_terms_keep_the_first_words_only() -> None:
    words = [f"word{n}" for n in range(MAX_TERMS + 4)]
    assert search_terms(" ".join(words)) == tuple(words[:MAX_TERMS])


def test_a_very_long_word_is_cut() -> None:
    [term] = search_terms("a" * 500)
    assert term == "a" * 40


@given(st.text(max_size=200))
def test_search_terms_never_carry_query_syntax(text: str) -> None:
    for term in search_terms(text):
        assert term and term == term.lower()
        assert all(ch.isalnum() for ch in term), term
