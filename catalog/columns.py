"""Column kinds shared by every dataset, each turned into a pandera column with rules worded in plain English.

A dataset declares its columns with these constructors (see catalog.datasets); the same declaration produces the
pandera schema that checks a file, the typed table the app uses, and the data dictionary staff read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from catalog.problems import Rule, said
from i18n import N_

if TYPE_CHECKING:
    import pandera.pandas as pa

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
STAFF_PREFIX = "staff_"
DATE_PRECISIONS = ("day", "month", "year")
# How a date is written at each precision, for the check and for its message.
PRECISION_FORMS = {"day": ("YYYY-MM-DD", "2022-09-21", r"\d{4}-\d{2}-\d{2}"),
                   "month": ("YYYY-MM", "2022-09", r"\d{4}-\d{2}"),
                   "year": ("YYYY", "2022", r"\d{4}")}


@dataclass(frozen=True)
class ColumnSpec:
    """What one column holds, for the checker, the loader and the data dictionary alike."""

    name: str
    kind: str  # one of KIND_WORDS
    description: str
    required: bool = True
    unique: bool = False
    choices: tuple[str, ...] = ()
    references: str | None = None  # name of the dataset whose key this column must match
    minimum: float | None = None
    maximum: float | None = None
    # A date column that names its precision column may be written YYYY-MM or YYYY (see PRECISION_FORMS); an `end`
    # of a period then means the last day of that month or year, any other date its first day.
    precision: str | None = None
    end: bool = False
    # A number the row's quote must state (catalog.statements), unless it is this value (a named person counts 1).
    in_quote: bool = False
    quoted_unless: float | None = None
    # A sentence of ours whose numbers must all be in the row's quote.
    numbers_in_quote: bool = False
    # Text a reader sees, translated in `translations` into every language the site speaks besides English.
    translated: bool = False

    @property
    def staff_only(self) -> bool:
        """Staff-only columns (notes on how a row was checked, mirrors...) are never shown on reader pages."""
        return self.name.startswith(STAFF_PREFIX)

    def rules(self) -> list[str]:
        """The rules, each in words (English; each knows its message, see catalog.problems.said)."""
        words = [KIND_WORDS[self.kind]]
        words.append(N_("required") if self.required else N_("may be empty"))
        if self.unique:
            words.append(N_("unique"))
        if self.choices:
            words.append(Rule(N_("one of: {choices}"), choices=", ".join(f"`{choice}`" for choice in self.choices)))
        if self.references:
            words.append(Rule(N_("must match a key of `{dataset}`"), dataset=self.references))
        if self.minimum is not None:
            words.append(Rule(N_("at least {minimum}"), minimum=f"{self.minimum:g}"))
        if self.maximum is not None:
            words.append(Rule(N_("at most {maximum}"), maximum=f"{self.maximum:g}"))
        if self.precision:
            words.append(Rule(N_("or `YYYY-MM` / `YYYY` when `{precision}` is month / year"), precision=self.precision))
        if self.in_quote:
            words.append(N_("must be stated in `quote`") if self.quoted_unless is None
                         else Rule(N_("must be stated in `quote` (unless {value})"), value=f"{self.quoted_unless:g}"))
        if self.numbers_in_quote:
            words.append(N_("every number in it (years aside) must be in `quote`"))
        if self.translated:
            words.append(N_("translated in `translations` into every language the site speaks"))
        if self.staff_only:
            words.append(N_("staff only: never shown to readers"))
        return words

    def rule_summary(self) -> str:
        """The rules in words, for the data dictionary."""
        return "; ".join(self.rules())

    def rules_said(self) -> str:
        """The rules in words, in the language being spoken (the Data & sources page)."""
        return "; ".join(said(rule) for rule in self.rules())

    def meaning(self) -> str:
        """The description in the language being spoken."""
        return said(self.description)


KIND_WORDS = {
    "text": N_("text"),
    "id": N_("id (lower-case letters, digits and hyphens)"),
    "row_key": N_("the key of a row of the dataset the row names (an id or a country code)"),
    "choice": N_("a listed value"),
    "reference": N_("a key of another dataset"),
    "pointer": N_("the key of another row of this file"),
    "number": N_("number (decimal point, no thousands separators)"),
    "integer": N_("whole number"),
    "date": N_("date `YYYY-MM-DD`"),
    "flag": N_("`true` or `false`"),
    "url": N_("web address starting http:// or https://"),
    "language": N_("ISO 639 language code, e.g. `en`, `ru`, `kk`"),
    "code": N_("country code: three upper-case letters (ISO 3166-1 alpha-3)"),
}


def text(name: str, description: str, required: bool = True, unique: bool = False,
         translated: bool = False) -> ColumnSpec:
    """Text; `translated` when readers see it, so that `translations` must hold it in every other language."""
    return ColumnSpec(name, "text", description, required, unique, translated=translated)


def identifier(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "id", description, required=True, unique=True)


def country_code(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "code", description, required=True, unique=True)


def language(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "language", description, required=True)


def row_key(name: str, description: str) -> ColumnSpec:
    """The key of a row in whichever dataset another column names (an id, or a country's code)."""
    return ColumnSpec(name, "row_key", description)


def choice(name: str, description: str, choices: tuple[str, ...], required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, "choice", description, required, choices=choices)


def reference(name: str, description: str, dataset: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, "reference", description, required, references=dataset)


def pointer(name: str, description: str) -> ColumnSpec:
    """A cell naming another row of the same file by its key (a second report, a part of a total); optional."""
    return ColumnSpec(name, "pointer", description, required=False)


def number(name: str, description: str, required: bool = True, minimum: float | None = None,
           maximum: float | None = None, in_quote: bool = False) -> ColumnSpec:
    return ColumnSpec(name, "number", description, required, minimum=minimum, maximum=maximum, in_quote=in_quote)


def integer(name: str, description: str, required: bool = True, minimum: float | None = None,
            in_quote: bool = False, quoted_unless: float | None = None) -> ColumnSpec:
    return ColumnSpec(name, "integer", description, required, minimum=minimum, in_quote=in_quote,
                      quoted_unless=quoted_unless)


def date(name: str, description: str, required: bool = True, precision: str | None = None,
         end: bool = False) -> ColumnSpec:
    """A date; with `precision` (the name of its precision column) it may be written YYYY-MM or YYYY."""
    return ColumnSpec(name, "date", description, required, precision=precision, end=end)


def precision_of(date_column: str, name: str | None = None, required: bool = False) -> ColumnSpec:
    """How much of a date is known: day, month or year; the date is written to match."""
    return ColumnSpec(name or f"{date_column}_precision", "choice",
                      Rule(N_("How much of `{column}` is known: `day`, `month` or `year`; empty when it is. The date "
                              "is written to match: 2022-09-21, 2022-09 or 2022."), column=date_column),
                      required, choices=DATE_PRECISIONS)


def staff_notes(description: str = N_("Notes for staff only (how the row was checked, mirrors, what to look at "
                                      "next time); never shown on reader pages.")) -> ColumnSpec:
    return ColumnSpec(STAFF_PREFIX + "notes", "text", description, required=False)


def quote(description: str = N_("The source's own sentence that states the figure (and its date), verbatim and in "
                                "the language of the source; `...` marks words left out."), required: bool = True
          ) -> ColumnSpec:
    return ColumnSpec("quote", "text", description, required)


def flag(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "flag", description, required=True)


def url(name: str, description: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, "url", description, required)


def is_real_date(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and _parses_as_date(value)


def is_real_partial_date(value: str) -> bool:
    """A real date written at any precision: 2022-09-21, 2022-09 or 2022."""
    if re.fullmatch(r"\d{4}", value):
        return 1000 <= int(value) <= 9999
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return 1 <= int(value[5:]) <= 12
    return is_real_date(value)


def written_precision(value: str) -> str:
    """The precision a date is written at: day, month or year."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "day")


def real_dates(cells: pd.Series, partial: bool = False) -> pd.Series:
    """is_real_date of every cell, worked out once per distinct value: a million daily rows hold a few thousand
    dates, and one Python call per row took seconds."""
    real = is_real_partial_date if partial else is_real_date
    return cells.isin([value for value in cells.dropna().unique() if real(value)])


def partial_to_timestamp(value: str, end: bool = False) -> pd.Timestamp:
    """A date at any precision as a day: the first of its month or year, or for the end of a period the last."""
    if len(value) == 10:
        return pd.Timestamp(value)
    if len(value) == 7:
        start = pd.Timestamp(value + "-01")
        return start + pd.offsets.MonthEnd(0) if end else start
    return pd.Timestamp(f"{value}-12-31") if end else pd.Timestamp(f"{value}-01-01")


def _parses_as_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# Checks whose words carry the file's own values. pandera keeps a check's words as a string, so each is written from
# its message here and read back into a Rule (catalog.validate.plain_rule), to be said in each reader's language.
ONE_OF = N_("must be one of: {choices}")
KEY_LISTED_IN = N_("must match a key listed in {file}")
AT_LEAST = N_("must be at least {minimum}")
AT_MOST = N_("must be at most {maximum}")
WORDED_WITH_VALUES = (ONE_OF, KEY_LISTED_IN, AT_LEAST, AT_MOST)


def pandera_column(spec: ColumnSpec, keys: dict[str, set[str]]) -> pa.Column:
    """The pandera column for a spec; `keys` holds the known keys of referenced datasets (source ids, ...)."""
    import pandera.pandas as pa  # here, not at the top: a server whose files all come from the cache never needs it
    checks = []
    dtype: object = object
    coerce = False
    if spec.kind == "id":
        checks.append(pa.Check.str_matches(ID_PATTERN, error=N_("an id uses only lower-case letters, digits "
                                                                 "and hyphens, and starts with a letter or digit")))
    elif spec.kind == "row_key":
        checks.append(pa.Check.str_matches(r"^[A-Za-z0-9][A-Za-z0-9-]*$", error=N_("a row's key is an id or a "
                                                                                  "country code: letters, digits and "
                                                                                  "hyphens")))
    elif spec.kind == "code":
        checks.append(pa.Check.str_matches(r"^[A-Z]{3}$", error=N_("a country code is three upper-case "
                                                                   "letters (ISO 3166-1 alpha-3), e.g. KAZ")))
    elif spec.kind == "language":
        checks.append(pa.Check.str_matches(r"^[a-z]{2,3}$", error=N_("a language is a two- or three-letter ISO "
                                                                     "639 code in lower case, e.g. en, ru, kk")))
    elif spec.kind == "choice":
        checks.append(pa.Check.isin(spec.choices, error=ONE_OF.format(choices=", ".join(spec.choices))))
    elif spec.kind == "reference" and spec.references in keys:
        # A referenced file that could not be read reports its own problem; no cascade of errors here.
        checks.append(pa.Check.isin(sorted(keys[spec.references]),
                                    error=KEY_LISTED_IN.format(file=f"{spec.references}.csv")))
    elif spec.kind in ("number", "integer"):
        dtype, coerce = ("float64" if spec.kind == "number" else "Int64"), True
        if spec.minimum is not None:
            checks.append(pa.Check.ge(spec.minimum, error=AT_LEAST.format(minimum=f"{spec.minimum:g}")))
        if spec.maximum is not None:
            checks.append(pa.Check.le(spec.maximum, error=AT_MOST.format(maximum=f"{spec.maximum:g}")))
    elif spec.kind == "date":
        partial = spec.precision is not None
        checks.append(pa.Check(lambda cells, partial=partial: real_dates(cells, partial),
                               error=N_("must be a real calendar date written YYYY-MM-DD (for example 2022-09-21)")))
    elif spec.kind == "flag":
        checks.append(pa.Check.isin(["true", "false"], error=N_("must be true or false")))
    elif spec.kind == "url":
        checks.append(pa.Check.str_matches(r"^https?://\S+$", error=N_("must be a web address starting http:// "
                                                                        "or https:// with no spaces")))
    return pa.Column(dtype, checks=checks, nullable=not spec.required, unique=spec.unique, coerce=coerce,
                     required=True, description=spec.description, title=spec.name)


def typed(cells: pd.DataFrame, specs: list[ColumnSpec]) -> pd.DataFrame:
    """Valid text cells to the types the charts want: dates, numbers, booleans, and str elsewhere."""
    table = pd.DataFrame(index=cells.index)
    for spec in specs:
        column = cells[spec.name]
        if spec.kind == "date" and spec.precision is not None:
            days = {value: partial_to_timestamp(value, spec.end) for value in column.dropna().unique()}
            table[spec.name] = pd.to_datetime(column.map(days))
        elif spec.kind == "date":
            table[spec.name] = pd.to_datetime(column, format="%Y-%m-%d")
        elif spec.kind == "number":
            table[spec.name] = pd.to_numeric(column).astype("float64")
        elif spec.kind == "integer":
            table[spec.name] = pd.to_numeric(column).astype("Int64")
        elif spec.kind == "flag":
            table[spec.name] = column.str.lower().eq("true")
        else:
            table[spec.name] = column.astype("str").where(column.notna(), None)
    return table
