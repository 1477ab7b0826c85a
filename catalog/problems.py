"""A problem found in a data file, worded for the newsroom staff who have to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from i18n import N_, _
from i18n.formats import number


class Rule(str):
    """A rule's words: the English a report has always printed (the string itself), which also knows its message and
    parts, so that a page says it in its reader's language (`said`) however long ago, and for whom, it was found."""

    message: str
    parts: dict[str, object]

    def __new__(cls, message: str, **parts: object) -> Rule:
        rule = super().__new__(cls, message.format(**{name: english(part) for name, part in parts.items()}))
        rule.message, rule.parts = message, parts
        return rule

    def __reduce__(self) -> tuple:  # kept whole when a check's problems are copied or cached
        return rule_again, (self.message, self.parts)


def rule_again(message: str, parts: dict[str, object]) -> Rule:
    return Rule(message, **parts)


def english(part: object) -> str:
    """A part as the English message has always written it (counts with thousands grouped: 1,234)."""
    return f"{part:,}" if isinstance(part, int) and not isinstance(part, bool) else str(part)


def said(rule: str) -> str:
    """A problem's rule in the language being spoken: a Rule's message translated, with its parts (a count as the
    language writes it, a rule within a rule said in its turn, names and values from the file as written); any
    other rule as its translation, if it has one."""
    if not isinstance(rule, Rule):
        return _(rule)
    return _(rule.message).format(**{name: said(part) if isinstance(part, Rule) or name == "rule"
                                      else number(part) if isinstance(part, int) and not isinstance(part, bool)
                                      else str(part) for name, part in rule.parts.items()})


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where it is (row as a spreadsheet numbers it), what, and which rule."""

    file: str
    row: int | None  # 1 is the header row; None means the whole file
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        parts = [where]
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        if self.value is not None:
            parts.append(f"value {shorten(self.value)!r}")
        return ", ".join(parts) + f": {self.rule}"


SHOWN_PER_RULE = 100  # problems listed for one column and rule; the rest are counted in one line


def unlisted(file: str, first_row: int | None, column: str | None, count: int, rule: str) -> Problem:
    """The line that stands for `count` more rows breaking one rule in one column, from `first_row` on: a file
    with a million bad rows gets a report staff can read and a check that needs no gigabytes of memory."""
    return Problem(file, first_row, column, None,
                   Rule(N_("this row and {count} more after it break the same rule (not listed one by one): {rule}"),
                        count=count - 1, rule=rule))


def capped(problems: list[Problem]) -> list[Problem]:
    """At most SHOWN_PER_RULE problems for each column and rule, the first by row; one line counts the rest."""
    by_rule: dict[tuple[str | None, str], list[Problem]] = {}
    for problem in problems:
        by_rule.setdefault((problem.column, problem.rule), []).append(problem)
    kept = []
    for (column, rule), found in by_rule.items():
        if len(found) <= SHOWN_PER_RULE:
            kept += found
            continue
        found.sort(key=lambda problem: problem.row or 0)
        rest = found[SHOWN_PER_RULE:]
        kept += [*found[:SHOWN_PER_RULE], unlisted(rest[0].file, rest[0].row, column, len(rest), rule)]
    return kept


def shorten(text: str, limit: int = 60) -> str:
    """Keep long cell values readable in a one-line message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DataFileError(Exception):
    """A file that cannot be used at all; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
