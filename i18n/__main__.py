"""The translators' commands: `python -m i18n extract [DOMAIN...]` finds every message in the code and adds new ones
to each language's `.po` catalogs (keeping what is translated, dropping what the code no longer says); `compile`
turns the catalogs into the `.mo` files the app reads (run by `make`); `check` lists every message without a
translation and fails if there is one."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from i18n import DOMAINS, ENGLISH, LANGUAGES, LOCALES

ROOT = LOCALES.parent.parent
# Where each domain's messages are written: a package, and for ui the scripts above every package.
SOURCES = {domain: [domain] for domain in DOMAINS} | {"ui": ["ui", "app.py"]}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extracted(domain: str) -> Catalog:
    """Every message the code of `domain` marks, with where it is written."""
    template = Catalog(domain=domain, project="Borderlines", version="1", copyright_holder="Borderlines", fuzzy=False)
    for source in SOURCES[domain]:
        path = ROOT / source
        if path.is_file():
            with path.open("rb") as code:
                found = [(source, *message) for message in extract("python", code, keywords=KEYWORDS)]
        else:
            found = [(f"{source}/{name}", *message)
                     for name, *message in extract_from_dir(path, [("**.py", "python")], keywords=KEYWORDS)]
        for filename, line, message, comments, context in found:
            template.add(message, locations=[(filename, line)], auto_comments=comments, context=context)
    return template


def po_path(code: str, domain: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{domain}.po"


def read(code: str, domain: str) -> Catalog:
    path = po_path(code, domain)
    if not path.exists():
        return Catalog(locale=code, domain=domain, project="Borderlines", version="1", copyright_holder="Borderlines",
                       fuzzy=False)
    with path.open("rb") as po:
        return read_po(po, locale=code, domain=domain)


def extract_messages(domains: list[str]) -> None:
    for domain in domains:
        template = extracted(domain)
        for code in LANGUAGES:
            if code == ENGLISH:
                continue
            catalog = read(code, domain)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()  # a message the code no longer has is gone, not kept commented out
            path = po_path(code, domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as po:
                write_po(po, catalog, width=120, sort_by_file=True, ignore_obsolete=True)
            print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {len(untranslated(catalog))} untranslated")


def compile_catalogs() -> None:
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source)
        errors = [(message.id, error) for message, errors in catalog.check() for error in errors]
        if errors:
            sys.exit(f"{po.relative_to(ROOT)}: {errors[0][1]} (message {errors[0][0]!r})")
        with mo.open("wb") as target:
            write_mo(target, catalog)


def untranslated(catalog: Catalog) -> list[str]:
    """Messages a reader would meet in English: no translation, or one marked fuzzy (a guess to review)."""
    return [str(message.id) for message in catalog if message.id and (
        message.fuzzy or not (all(message.string) if isinstance(message.string, tuple) else message.string))]


def missing() -> list[str]:
    """Every message in the code that some language does not translate, as 'language/domain: message'."""
    lines = []
    for domain in DOMAINS:
        wanted = {message.id: message for message in extracted(domain) if message.id}
        for code in LANGUAGES:
            if code == ENGLISH:
                continue
            catalog = read(code, domain)
            done = {message.id for message in catalog if message.id} - set(untranslated(catalog))
            lines += [f"{code}/{domain}: {message_id!r}" for message_id in wanted if message_id not in done]
    return lines


def main(argv: list[str]) -> None:
    command = argv[0] if argv else ""
    if command == "extract" and set(argv[1:]) <= set(DOMAINS):
        extract_messages(argv[1:] or list(DOMAINS))
    elif command == "compile":
        compile_catalogs()
    elif command == "check":
        gaps = missing()
        print("\n".join(gaps) or "Every message is translated.")
        sys.exit(1 if gaps else 0)
    else:
        sys.exit("usage: python -m i18n extract [DOMAIN...] | compile | check")


if __name__ == "__main__":
    main(sys.argv[1:])
