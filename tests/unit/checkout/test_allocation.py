"""Source dispatch: one warehouse when one can ship everything, else as few as possible."""

from uuid import UUID, uuid4

import pytest

from domain.checkout.allocation import Allocation, Unavailable, WarehouseStock, allocate

A, B = uuid4(), uuid4()
EAST, WEST, NORTH = uuid4(), uuid4(), uuid4()


def placed(allocations: list[Allocation]) -> set[tuple[UUID, UUID, int]]:
    return {(a.warehouse_id, a.variant_id, a.quantity) for a in allocations}


def test_the_first_warehouse_that_can_ship_everything_ships_it_all() -> None:
    stock = [
        WarehouseStock(EAST, {A: 1}),
        WarehouseStock(WEST, {A: 5, B: 5}),
        WarehouseStock(NORTH, {A: 9, B: 9}),
    ]
    assert placed(allocate({A: 2, B: 1}, [], stock)) == {(WEST, A, 2), (WEST, B, 1)}


def test_otherwise_the_warehouse_that_ships_most_goes_first() -> None:
    stock = [WarehouseStock(EAST, {A: 1, B: 1}), WarehouseStock(WEST, {A: 4})]
    assert placed(allocate({A: 5, B: 1}, [], stock)) == {(WEST, A, 4), (EAST, A, 1), (EAST, B, 1)}


def test_not_enough_anywhere_says_what_is_short() -> None:
    with pytest.raises(Unavailable) as error:
        allocate({A: 3}, [], [WarehouseStock(EAST, {A: 1}), WarehouseStock(WEST, {A: 1})])
    assert error.value.short == {A: 1}


def test_untracked_lines_ride_with_the_first_parcel_or_stay_unallocated() -> None:
    stock = [WarehouseStock(EAST, {A: 5})]
    assert placed(allocate({A: 1}, [(B, 2)], stock)) == {(EAST, A, 1), (EAST, B, 2)}
    assert allocate({}, [(B, 2)], []) == []
