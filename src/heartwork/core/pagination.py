"""The API's paginator: ninja's limit and offset, with an offset every database can hold.

ninja leaves the offset unbounded, and a huge one (say 10**36) overflowed SQLite's and
PostgreSQL's integers inside the query: a 500 instead of a 422 naming ``offset``.
"""

from __future__ import annotations

from ninja import Field
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination

# Far beyond any list a person keeps, and inside a signed 32-bit integer.
MAX_OFFSET = 2**31 - 1


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    class Input(NinjaLimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
