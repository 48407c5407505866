"""Columns of a figure in the forms plotly serialises fastest.

Numbers go out as plotly typed arrays (base64 of the smallest dtype that holds
them); columns of strings as `Column`, and other values made once as `Opaque`,
which plotly copies and writes in one step instead of visiting item by item.
"""

import base64
import sys
from array import array
from operator import itemgetter

# array module type codes of plotly.js typed-array dtypes (sizes fixed on every platform).
_ARRAY_CODES = {"f8": "d", "f4": "f", "u1": "B", "u2": "H", "i4": "i", "u4": "I"}


def gather(values, indices) -> list:
    """Return values[i] for each i in indices, gathered in C."""
    if len(indices) > 1:
        return list(itemgetter(*indices)(values))
    return [values[i] for i in indices]


def typed(values, dtype: str = "f8", columns: int | None = None) -> dict:
    """Return numbers as a plotly typed-array spec: compact JSON, no per-item work.

    `dtype` is a plotly.js typed-array type: f8 for milliseconds, f4 for small
    numbers with gaps (NaN), u1/u2/u4 for counts and row positions, i4 for
    whole numbers with a sign. With
    `columns`, the flat values are rows of that many columns (a 2-D array, as
    `customdata` takes).
    """
    code = _ARRAY_CODES[dtype]
    if not (isinstance(values, array) and values.typecode == code):
        # array() reads a list or tuple item by item in one C loop; from an iterator
        # it grows as it goes, which costs twice as much.
        values = array(code, values if isinstance(values, (list, tuple)) else list(values))
    if sys.byteorder != "little":
        values.byteswap()
    spec = TypedArray(dtype=dtype, bdata=base64.b64encode(values.tobytes()).decode("ascii"))
    if columns is not None:
        spec["shape"] = f"{len(values) // columns},{columns}"
    return spec


class TypedArray(dict):
    """A plotly typed-array spec; plotly's deep copies of a figure keep it as it is."""

    def __deepcopy__(self, memo):
        return self  # never changed once made


def typed_rows(values, rows: int) -> dict:
    """Return row positions (0..rows) as the smallest unsigned typed array that holds them."""
    return typed(values, "u2" if rows < 0x10000 else "u4")


class Opaque:
    """A JSON-ready value that plotly copies and writes in one step, without visiting it.

    Before serialising, plotly deep-copies a figure and walks every list and dict
    in it looking for arrays to pack (`convert_to_base64`); for values made once
    and never changed — thousands of labels, a layer's hover data — that costs
    more than writing them. `to_plotly_json` hands the JSON encoder the value.
    """

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items

    def to_plotly_json(self):
        return self.items

    def __deepcopy__(self, memo):
        return self  # never changed once made

    def __getitem__(self, key):
        return self.items[key]

    def __eq__(self, other):
        return self.items == getattr(other, "items", other)

    def __repr__(self):
        return f"{type(self).__name__}({self.items!r})"


class Column(Opaque):
    """A column of strings, or of small rows, that plotly writes in one step."""

    __slots__ = ()

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __eq__(self, other):
        return list(self) == list(other)
