"""The pure category-tree functions: what lies below a category, and the path above it."""

from datetime import UTC, datetime
from itertools import pairwise
from uuid import UUID, uuid4

from hypothesis import given
from hypothesis import strategies as st

from domain.catalog.categories import MAX_DEPTH, Category, ancestors, descendants, height

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


def by_id(*categories: Category) -> dict[UUID, Category]:
    return {c.id: c for c in categories}


# Clothing > Tops > (Shirts > Oxford, Sweaters); Shoes
CLOTHING = category("Clothing")
TOPS = category("Tops", CLOTHING)
SHIRTS = category("Shirts", TOPS)
OXFORD = category("Oxford", SHIRTS)
SWEATERS = category("Sweaters", TOPS)
SHOES = category("Shoes")
EVERYTHING = [CLOTHING, TOPS, SHIRTS, OXFORD, SWEATERS, SHOES]


def test_descendants_are_the_category_and_everything_below_it() -> None:
    assert descendants([TOPS.id], EVERYTHING) == {TOPS.id, SHIRTS.id, OXFORD.id, SWEATERS.id}


def test_a_leaf_has_only_itself_as_descendant() -> None:
    assert descendants([OXFORD.id], EVERYTHING) == {OXFORD.id}


def test_descendants_of_several_roots_are_their_union() -> None:
    assert descendants([SHIRTS.id, SHOES.id], EVERYTHING) == {SHIRTS.id, OXFORD.id, SHOES.id}


def test_descendants_of_an_unknown_id_are_just_that_id() -> None:
    unknown = uuid4()
    assert descendants([unknown], EVERYTHING) == {unknown}


def test_descendants_of_nothing_are_nothing() -> None:
    assert descendants([], EVERYTHING) == set()


def test_descendants_terminate_on_a_corrupt_cycle() -> None:
    # given two rows that (through corruption) point at each other
    a, b = category("A"), category("B")
    a.parent_id, b.parent_id = b.id, a.id
    # then the walk still ends, with both
    assert descendants([a.id], [a, b]) == {a.id, b.id}


def test_height_counts_the_levels_of_the_subtree() -> None:
    assert height(CLOTHING.id, EVERYTHING) == 4
    assert height(TOPS.id, EVERYTHING) == 3
    assert height(OXFORD.id, EVERYTHING) == 1
    assert height(uuid4(), EVERYTHING) == 1  # a category about to be created


def test_height_terminates_on_a_corrupt_cycle() -> None:
    a, b = category("A"), category("B")
    a.parent_id, b.parent_id = b.id, a.id
    assert height(a.id, [a, b]) == 2


def test_ancestors_run_from_the_root_down_to_the_parent() -> None:
    assert ancestors(OXFORD, by_id(*EVERYTHING)) == [CLOTHING, TOPS, SHIRTS]


def test_a_root_has_no_ancestors() -> None:
    assert ancestors(CLOTHING, by_id(*EVERYTHING)) == []


def test_ancestors_stop_where_a_parent_is_missing() -> None:
    # given Oxford's chain without Tops (e.g. not loaded)
    assert ancestors(OXFORD, by_id(CLOTHING, SHIRTS, OXFORD)) == [SHIRTS]


def test_ancestors_terminate_on_a_corrupt_cycle() -> None:
    a, b = category("A"), category("B")
    a.parent_id, b.parent_id = b.id, a.id
    chain = ancestors(a, by_id(a, b))
    assert 0 < len(chain) <= MAX_DEPTH + 1


# --- properties ------------------------------------------------------------------------------


@st.composite
def forests(draw: st.DrawFn) -> list[Category]:
    """A random forest at most MAX_DEPTH levels deep, as the mutations allow.

    Each category's parent is none or one made before it, so the rows never form a cycle.
    """
    size = draw(st.integers(min_value=1, max_value=40))
    made: list[Category] = []
    levels: list[int] = []
    for number in range(size):
        parents = [i for i in range(number) if levels[i] < MAX_DEPTH]
        parent = draw(st.one_of(st.none(), st.sampled_from(parents))) if parents else None
        made.append(category(f"c{number}", None if parent is None else made[parent]))
        levels.append(1 if parent is None else levels[parent] + 1)
    return made


def below(root: Category, everything: list[Category]) -> set[UUID]:
    """Slow but obvious: those whose chain of parents passes through `root`."""
    index = by_id(*everything)
    found = set()
    for candidate in everything:
        current: Category | None = candidate
        while current is not None:
            if current.id == root.id:
                found.add(candidate.id)
                break
            current = index.get(current.parent_id) if current.parent_id else None
    return found


@given(forests(), st.data())
def test_descendants_never_reach_outside_the_subtree(
    everything: list[Category], data: st.DataObject
) -> None:
    root = data.draw(st.sampled_from(everything))
    assert descendants([root.id], everything) == below(root, everything)


@given(forests(), st.data())
def test_ancestors_are_exactly_the_chain_of_parents_ending_at_the_parent(
    everything: list[Category], data: st.DataObject
) -> None:
    node = data.draw(st.sampled_from(everything))
    chain = ancestors(node, by_id(*everything))
    # the first is a root, each is the parent of the next, the last is the node's parent
    if node.parent_id is None:
        assert chain == []
        return
    assert chain[0].parent_id is None
    assert chain[-1].id == node.parent_id
    for upper, lower in pairwise(chain):
        assert lower.parent_id == upper.id
    # and the node lies below every one of its ancestors, never below anything else
    for candidate in everything:
        inside = node.id in descendants([candidate.id], everything)
        assert inside == (candidate in chain or candidate is node)


@given(forests(), st.data())
def test_height_is_one_more_than_the_deepest_path_below(
    everything: list[Category], data: st.DataObject
) -> None:
    root = data.draw(st.sampled_from(everything))
    index = by_id(*everything)
    below_root = below(root, everything)
    deepest = max(
        len(ancestors(index[id], index)) - len(ancestors(root, index)) for id in below_root
    )
    assert height(root.id, everything) == deepest + 1
