"""The translations' tool chain: update the .ts sources, build the .qm and CLI catalogues, check them.

    python scripts/translations.py update   # lupdate: new texts into the .ts files (then translate them)
    python scripts/translations.py build    # lrelease, zh_TW by OpenCC, the CLI's JSON catalogues
    python scripts/translations.py check    # what is untranslated, unfinished or out of date (exit 1)

Sources (committed): ``resources/translations/companion_zh_CN.ts`` (every text) and
``companion_en.ts`` (plural forms only: "%n episode(s)" -> "1 episode" / "3 episodes"). Built (not
committed, ``resources/translations/build/``): ``companion_{en,zh_CN,zh_TW}.qm`` for the window and
``cli_{en,zh_CN,zh_TW}.json`` for the command; zh_TW is zh_CN converted by OpenCC's phrase-level
``s2twp`` (Taiwan's words: 軟體, 檔案, 重新整理), with ``TW_WORDS`` after it for what OpenCC misses.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "companion"
FOLDER = ROOT / "resources" / "translations"
BUILT = FOLDER / "build"
FULL, PLURALS = "zh_CN", "en"  # the .ts holding every text; the one holding English plurals
TS = {FULL: FOLDER / f"companion_{FULL}.ts", PLURALS: FOLDER / f"companion_{PLURALS}.ts"}
LANGUAGES = ("en", "zh_CN", "zh_TW")
TW_WORDS = {"“": "「", "”": "」", "‘": "『", "’": "』"}  # after s2twp: what OpenCC leaves mainland (quotes)
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n|%L?\d")


def tool(name: str) -> str:
    """A Qt tool of the PySide6 wheel (beside this Python, else on PATH)."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (make setup)")
    return found


def lupdate(ts: Path, plurals_only: bool = False, keep_obsolete: bool = False) -> None:
    """Merge the texts of the sources into ``ts`` (locations left out: no churn when lines move)."""
    args = [tool("lupdate"), "-silent", "-extensions", "py", "-locations", "none", "-sort-messages"]
    args += ["-pluralonly"] if plurals_only else []
    args += [] if keep_obsolete else ["-no-obsolete"]
    language = ts.stem.split("_", 1)[1]
    subprocess.run([*args, "-target-language", language, str(SOURCES), "-ts", str(ts)], check=True)


def update() -> None:
    """Bring the .ts sources up to date with the code (new texts come in unfinished)."""
    lupdate(TS[FULL])
    lupdate(TS[PLURALS], plurals_only=True)


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """``(context, source, comment)`` -> its ``<message>`` element."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


def forms(message: ET.Element) -> list[str]:
    """A message's translation: its plural forms, or its one text as a list of one."""
    translation = message.find("translation")
    if translation is None:
        return []
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def traditional(text: str, converter) -> str:
    """Simplified Chinese as written in Taiwan (OpenCC s2twp, then ``TW_WORDS``)."""
    text = converter.convert(text)
    for simplified, taiwan in TW_WORDS.items():
        text = text.replace(simplified, taiwan)
    return text


def write_traditional(source: Path, target: Path) -> None:
    """``source`` (zh_CN) with every translation converted to Traditional Chinese, as ``target``."""
    import opencc

    converter = opencc.OpenCC("s2twp")
    tree = ET.parse(source)
    tree.getroot().set("language", "zh_TW")
    for element in tree.getroot().iter():
        if element.tag in ("translation", "numerusform") and element.text:
            element.text = traditional(element.text, converter)
    tree.write(target, encoding="utf-8", xml_declaration=True)


def catalogue(ts: Path | None, fallback: Path) -> dict[str, dict[str, object]]:
    """The CLI's catalogue: every text of ``fallback``'s contexts, translated from ``ts`` when it has
    the text finished (English: only its plural forms)."""
    translated = messages(ts) if ts else {}
    entries: dict[str, dict[str, object]] = {}
    for (context, source, comment), _message in messages(fallback).items():
        found = translated.get((context, source, comment))
        if found is None or found.find("translation").get("type") in ("unfinished", "vanished", "obsolete"):
            continue
        texts = forms(found)
        key = f"{source}\x04{comment}" if comment else source
        entries.setdefault(context, {})[key] = texts if found.get("numerus") == "yes" else texts[0]
    return entries


def build() -> list[Path]:
    """Compile every language: ``.qm`` for Qt, ``cli_*.json`` for the command. Returns what it wrote."""
    BUILT.mkdir(parents=True, exist_ok=True)
    tw = BUILT / "companion_zh_TW.ts"
    write_traditional(TS[FULL], tw)
    sources = {"en": TS[PLURALS], "zh_CN": TS[FULL], "zh_TW": tw}
    written = []
    for language, ts in sources.items():
        qm = BUILT / f"companion_{language}.qm"
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        cli = BUILT / f"cli_{language}.json"
        cli.write_text(json.dumps(catalogue(ts, TS[FULL] if language != "en" else ts), ensure_ascii=False))
        written += [qm, cli]
    return written


def outputs() -> list[Path]:
    return [
        BUILT / f"{kind}_{language}.{ext}"
        for language in LANGUAGES
        for kind, ext in (("companion", "qm"), ("cli", "json"))
    ]


def build_if_stale() -> bool:
    """Build when an output is missing or older than a source or this script. Returns whether it did."""
    inputs = [*TS.values(), Path(__file__)]
    newest = max(path.stat().st_mtime for path in inputs)
    if all(path.exists() and path.stat().st_mtime >= newest for path in outputs()):
        return False
    build()
    return True


def problems_of(ts: Path, plurals_only: bool) -> list[str]:
    """What is wrong with a committed .ts: a text of the code it lacks, one it holds that the code no
    longer has, a translation unfinished or empty, a placeholder lost."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts.name
        shutil.copy(ts, fresh)
        lupdate(fresh, plurals_only=plurals_only, keep_obsolete=True)
        committed, updated = messages(ts), messages(fresh)
    for key in updated.keys() - committed.keys():
        found.append(f"{ts.name}: not in the file (run make translations): {key[0]}: {key[1]!r}")
    for key, message in sorted(updated.items()):
        kind = message.find("translation").get("type")
        if kind in ("vanished", "obsolete"):
            found.append(f"{ts.name}: no longer in the code (run make translations): {key[0]}: {key[1]!r}")
        elif key in committed:
            found += _translation_problems(ts.name, key, committed[key])
    return found


def _translation_problems(name: str, key: tuple[str, str, str], message: ET.Element) -> list[str]:
    context, source, _comment = key
    texts = forms(message)
    if message.find("translation").get("type") == "unfinished" or not texts or not all(texts):
        return [f"{name}: unfinished: {context}: {source!r}"]
    wanted = sorted(set(PLACEHOLDER.findall(source)))
    lost = [text for text in texts if sorted(set(PLACEHOLDER.findall(text))) != wanted]
    if lost and not (message.get("numerus") == "yes" and len(texts) > 1 and "%n" not in lost[0]):
        return [f"{name}: placeholders {wanted} differ in {lost[0]!r}: {context}: {source!r}"]
    return []


def check() -> list[str]:
    """Every problem of both .ts sources (empty: all is translated and up to date)."""
    return problems_of(TS[FULL], plurals_only=False) + problems_of(TS[PLURALS], plurals_only=True)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "build"
    if command == "update":
        update()
        build()
    elif command == "build":
        build()
    elif command == "build-if-stale":
        build_if_stale()
    elif command == "check":
        problems = check()
        print("\n".join(problems) or "translations: complete and up to date")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
