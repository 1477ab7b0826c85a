"""Does a source's sentence state a figure? The numbers a quote states, read the way sources write them.

Sources write one figure many ways: 200,000 / 200 000 / 200 thousand / 0.2 million / 200 тыс. / 44mila / 1,254
миллиарда (a decimal comma) / "$ 1 billion 111 million" / "1 میلیارد و741 میلیون" (Persian script) / "от пятидесяти
до восьмидесяти тысяч" (words, and a scale that belongs to both ends of a range) / 13-fold / 15.35%.
`states(quote, value)` answers whether any reading of the quote gives the value; `qualifier_in(quote, qualifier)`
whether the source's own qualifier is in its sentence.
Pure standard library, so the checker and the tests share it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

# Spaces sources put inside numbers (no-break and thin spaces) and the dashes that join the ends of a range.
SPACES = "\u00a0\u202f\u2009\u2007"
RANGE_JOINS = re.compile(r"^\s*(?:-|–|—|to|and|or|до|и|или|a|e|ve|dan)\s*$", re.IGNORECASE)
COMPOUND_JOINS = re.compile(r"^\s*(?:and|и|ва|و)?\s*$", re.IGNORECASE)

# A scale word after a number, by how it begins (a prefix is enough for inflected words: тысяч, мыңнан, миллиона).
SCALES_BY_PREFIX = (
    ("thousand", 1e3), ("тыс", 1e3), ("мың", 1e3), ("минг", 1e3), ("ming", 1e3), ("mila", 1e3), ("ҳазор", 1e3),
    ("ათას", 1e3), ("هزار", 1e3),
    ("million", 1e6), ("миллион", 1e6), ("milion", 1e6), ("млн", 1e6), ("mln", 1e6), ("میلیون", 1e6),
    ("billion", 1e9), ("миллиард", 1e9), ("milliard", 1e9), ("miliard", 1e9), ("млрд", 1e9), ("mlrd", 1e9),
    ("میلیارد", 1e9), ("bln", 1e9), ("trillion", 1e12), ("трлн", 1e12),
)
# Short scales that must stand alone (so "mn" is not read in "mnogo", nor "bn" in "bnp").
SCALES_EXACT = {"k": 1e3, "bin": 1e3, "mn": 1e6, "bn": 1e9}

# Numbers written as words, in the languages of the sources, with the case forms Russian sources use.
WORD_NUMBERS = {
    # English
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "half": 0.5,
    # Russian, with the forms that follow "от", "до", "около", "из" (genitive) and collective numerals
    "один": 1, "одна": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3, "четыре": 4,
    "четырех": 4, "четырёх": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
    "семеро": 7, "семерых": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30, "сорок": 40, "сорока": 40,
    "пятьдесят": 50, "пятидесяти": 50, "шестьдесят": 60, "шестидесяти": 60, "семьдесят": 70, "семидесяти": 70,
    "восемьдесят": 80, "восьмидесяти": 80, "девяносто": 90, "девяноста": 90, "сто": 100, "ста": 100,
    "двести": 200, "двухсот": 200, "триста": 300, "трехсот": 300, "трёхсот": 300, "четыреста": 400,
    "четырехсот": 400, "четырёхсот": 400, "пятьсот": 500, "пятисот": 500,
    # Tajik and Kazakh, where a source writes them
    "як": 1, "бір": 1, "екі": 2, "үш": 3,
}

DEGREES = re.compile(r"(\d+)°\s*(\d+)[′']\s*(?:(\d+(?:\.\d+)?)[″\"])?")
NUMBER = re.compile(r"\d+(?:[ ,.'" + SPACES + r"]\d+)*")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
AFTER = re.compile(r"\s?([^\W\d_]+)\.?", re.UNICODE)


def normalised(text: str) -> str:
    for space in SPACES:
        text = text.replace(space, " ")
    return text


def readings(digits: str) -> set[float]:
    """Every value a run of digits and separators can be: '1,254' is 1254 or 1.254, '200 000' is 200000 (or its
    groups alone), '15.35' is 15.35, '8.000' (Italian) is 8000 or 8."""
    groups = re.split(r"[ ,.']", digits)
    separators = re.findall(r"[ ,.']", digits)
    values = {float(group) for group in groups if group}
    if all(len(group) == 3 for group in groups[1:]):
        values.add(float("".join(groups)))
    if separators and separators[-1] in ",." and len(groups) >= 2:
        whole = groups[:-1]
        if all(len(group) == 3 for group in whole[1:]):
            values.add(float("".join(whole) + "." + groups[-1]))
    # a space joins thousands but also separates two numbers ("in 2022 100 people"), and a comma may separate two
    # numbers written without a space (a coordinate pair, "42.7717060,44.6305890"): read the parts on their own
    for separator in (" ", ","):
        for part in digits.split(separator):
            if part and part != digits:
                values |= readings(part)
    return values


def scale_of(word: str) -> float | None:
    word = word.lower()
    if word in SCALES_EXACT:
        return SCALES_EXACT[word]
    for prefix, scale in SCALES_BY_PREFIX:
        if word.startswith(prefix):
            return scale
    return None


@lru_cache(maxsize=4096)
def numbers_in(text: str) -> frozenset[float]:
    """Every number the text can be read as stating."""
    text = normalised(text)
    tokens: list[tuple[int, int, set[float], float | None]] = []  # start, end, values, scale
    for match in NUMBER.finditer(text):
        tokens.append((match.start(), match.end(), readings(match.group()), None))
    for match in WORD.finditer(text):
        number = WORD_NUMBERS.get(match.group().lower())
        if number is not None:
            tokens.append((match.start(), match.end(), {float(number)}, None))
    tokens.sort()
    scaled: list[tuple[int, int, set[float], float | None]] = []
    for start, number_end, values, _ in tokens:
        after = AFTER.match(text, number_end)
        scale = scale_of(after.group(1)) if after else None
        scaled.append((start, after.end() if scale and after else number_end, values, scale))
    found: set[float] = set()
    for match in DEGREES.finditer(text):
        # 53°12′N is 53.2 degrees; a coordinate converted to decimals is rounded to a few places
        degrees = int(match.group(1)) + int(match.group(2)) / 60 + float(match.group(3) or 0) / 3600
        found |= {round(degrees, places) for places in (2, 3, 4, 5, 6)}
    for index, (_, end, values, scale) in enumerate(scaled):
        found |= values
        following = scaled[index + 1] if index + 1 < len(scaled) else None
        if scale:
            found |= compounds(text, values, scale, end, scaled[index + 1:])
        elif following and following[3] and RANGE_JOINS.match(text[end:following[0]]):
            # "от 4 до 6 млн", "8-9 тысяч", "from fifty to eighty thousand": the scale belongs to both ends
            found |= {value * following[3] for value in values}
    return frozenset(found)


def compounds(text: str, values: set[float], scale: float, end: int,
              following: list[tuple[int, int, set[float], float | None]]) -> set[float]:
    """A scaled number, and the sums it starts with the scaled numbers after it, each of a smaller scale: "$ 1 billion
    111 million", "3 млн 400 тысяч", "2 миллиарда 377 миллионов 160 тысяч"."""
    totals = {value * scale for value in values}
    found = set(totals)
    for start, next_end, next_values, next_scale in following:
        if not (next_scale and next_scale < scale and COMPOUND_JOINS.match(text[end:start])):
            break
        totals = {total + other * next_scale for total in totals for other in next_values}
        found |= totals
        scale, end = next_scale, next_end
    return found


def states(quote: str, value: float) -> bool:
    """Whether the quote states the value, written any of the ways sources write numbers."""
    if quote is None or value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return any(math.isclose(found, value, rel_tol=1e-9, abs_tol=1e-9) for found in numbers_in(quote))


def qualifier_in(quote: str, qualifier: str) -> bool:
    """Whether each word of the qualifier is in the quote as the source wrote it ('about', 'чуть более', '~')."""
    text = normalised(quote).casefold()
    return all(word in text for word in normalised(qualifier).casefold().split())


MONTHS = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.IGNORECASE)


def written_numbers(text: str) -> list[str]:
    """The figures written in a plain sentence of ours (a summary), as written: every one of them must be in the
    source's sentence. Years, days of a month ('21 September', 'June 9') and names like 'B-1' are not figures."""
    text = normalised(text)
    numbers = []
    for match in NUMBER.finditer(text):
        written = match.group().rstrip(".,")
        before = text[:match.start()].split()
        after = text[match.end():].split()
        if re.fullmatch(r"(19|20)\d\d", written) or re.search(r"[A-Za-z]-$", text[:match.start()]):
            continue
        next_to_a_month = (before and MONTHS.match(before[-1])) or (after and MONTHS.match(after[0].strip(",")))
        if len(written) <= 2 and next_to_a_month:
            continue
        numbers.append(written)
    return numbers
