"""Columns of a figure in the forms plotly serialises fastest.

Numbers go out as plotly typed arrays (base64 of the smallest dtype that holds
them); columns of strings (or of small rows, as `customdata`) as `Column`,
which plotly copies and writes in one step instead of visiting item by item.
"""

import base64
import sys
from array import array

# array module type codes of plotly.js typed-array dtypes (sizes fixed on every platform).
_ARRAY_CODES = {"f8": "d", "f4": "f", "u1": "B", "u2": "H", "u4": "I"}


def typed(values, dtype: str = "f8", columns: int | None = None) -> dict:
    """Return numbers as a plotly typed-array spec: compact JSON, no per-item work.

    `dtype` is a plotly.js typed-array type: f8 for milliseconds, f4 for small
    numbers with gaps (NaN), u1/u2/u4 for counts and row positions. With
    `columns`, the flat values are rows of that many columns (a 2-D array, as
    `customdata` takes).
    """
    values = array(_ARRAY_CODES[dtype], values)
    if sys.byteorder != "little":
        values.byteswap()
    spec = {"dtype": dtype, "bdata": base64.b64encode(values.tobytes()).decode("ascii")}
    if columns is not None:
        spec["shape"] = f"{len(values) // columns},{columns}"
    return spec


def typed_rows(values, rows: int) -> dict:
    """Return row positions (0..rows) as the smallest unsigned typed array that holds them."""
    return typed(values, "u2" if rows < 0x10000 else "u4")


class Column:
    """A column of strings, or of rows of strings and numbers, that plotly writes in one step.

    Not a list on purpose: before serialising, plotly walks every list of a
    figure item by item looking for arrays to pack (`convert_to_base64`), which
    for thousands of labels costs more than writing them. Strings need no
    packing; `to_plotly_json` hands the JSON encoder the plain list.
    """

    __slots__ = ("items",)

    def __init__(self, items: list):
        self.items = items

    def to_plotly_json(self) -> list:
        return self.items

    def __deepcopy__(self, memo):
        return Column(self.items)  # the list is never changed after the figure is built

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __getitem__(self, index):
        return self.items[index]

    def __eq__(self, other):
        return list(self) == list(other)

    def __repr__(self):
        return f"Column({self.items!r})"
