"""The Fluent files of the 24 languages, held to the English ones by scripts/check-locales
(Mozilla's fluent.syntax parser): syntax, the same messages and variables, each language's CLDR
plural categories, no English text left. Also that the checker does find each kind of fault."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "check-locales"


def run(*args: str, cwd: pathlib.Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(cwd / "scripts" / "check-locales"), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_language_passes_the_checker():
    r = run()
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 problem(s)" in r.stderr


def test_the_checker_finds_each_kind_of_fault(tmp_path):
    # A copy of the tree the checker reads, with one language spoiled in each way.
    (tmp_path / "scripts").mkdir()
    shutil.copy(CHECK, tmp_path / "scripts" / "check-locales")
    locales = tmp_path / "crates" / "limen-web" / "locales"
    (locales / "en").mkdir(parents=True)
    (locales / "pl").mkdir()
    (locales / "en" / "main.ftl").write_text(
        "hello = Hello, { $name }!\n"
        "files = { $n ->\n    [one] one file\n   *[other] { $n } files\n}\n"
        "long = This sentence is long enough to read as English.\n"
        "brand = Limen\n",
        encoding="utf-8",
    )
    (locales / "pl" / "main.ftl").write_text(
        "hello = Witaj, { $imie }!\n"  # a renamed variable
        "files = { $n ->\n    [one] jeden plik\n   *[other] { $n } plików\n}\n"  # lacks few, many
        "long = This sentence is long enough to read as English.\n"  # left in English
        "brand = Limen\n"
        "extra = Nadmiarowy\n"  # not in English
        "broken = { $x\n",  # a syntax error
        encoding="utf-8",
    )
    r = run("pl", cwd=tmp_path)
    out = r.stdout
    assert r.returncode == 1, out + r.stderr
    assert "hello: variables ['imie'] ≠ English ['name']" in out, out
    assert "files: the plural lacks ['few', 'many'] for pl" in out, out
    assert "long: left in English" in out, out
    assert "extra is not in English" in out, out
    assert "syntax:" in out, out
    assert "brand" not in out, out  # one word, the same in every language: not an error
    # A missing file is reported too.
    (locales / "pl" / "main.ftl").unlink()
    r = run("pl", cwd=tmp_path)
    assert r.returncode == 1 and "pl/main.ftl is missing" in r.stdout, r.stdout
