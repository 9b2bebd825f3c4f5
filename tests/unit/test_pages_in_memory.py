"""`page_of`: a page of a list a dataloader read whole gives what a keyset read would."""

from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import UserError
from domain.ids import new_id
from domain.pagination import PageRequest, page_of

IDS = sorted(new_id() for _ in range(7))


def ids(request: PageRequest) -> list[UUID]:
    return page_of(list(reversed(IDS)), request, lambda id: id).items


def test_forward_pages_follow_on_oldest_first() -> None:
    first = page_of(IDS, PageRequest(first=3), lambda id: id)
    assert (first.items, first.has_next_page, first.has_previous_page) == (IDS[:3], True, False)
    rest = page_of(IDS, PageRequest(first=10, after=IDS[2]), lambda id: id)
    assert (rest.items, rest.has_next_page, rest.has_previous_page) == (IDS[3:], False, True)


def test_last_reads_the_newest_and_before_goes_back() -> None:
    newest = page_of(IDS, PageRequest(last=2), lambda id: id)
    assert (newest.items, newest.has_next_page, newest.has_previous_page) == (IDS[5:], False, True)
    assert ids(PageRequest(last=2, before=IDS[5])) == IDS[3:5]
    assert ids(PageRequest(last=0)) == []


def test_a_page_is_bounded() -> None:
    with pytest.raises(UserError):
        PageRequest(first=101)


@given(st.integers(1, 7), st.integers(0, 6))
def test_pages_cover_the_list_once(size: int, start: int) -> None:
    after = IDS[start]
    seen: list[UUID] = []
    request = PageRequest(first=size, after=after)
    while True:
        page = page_of(IDS, request, lambda id: id)
        seen += page.items
        if not page.has_next_page:
            break
        request = PageRequest(first=size, after=page.items[-1])
    assert seen == IDS[start + 1 :]
