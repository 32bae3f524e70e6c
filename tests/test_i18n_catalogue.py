"""The translation catalogue: complete for the code as it is, and the checker catches mistakes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, load_i18n_tool, write

i18n = load_i18n_tool()


def test_catalogue_is_complete_for_the_code() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "i18n.py"), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compiled_catalogues_exist() -> None:
    for lang in ("es", "en"):
        qm = REPO / "i18n" / f"lector_{lang}.qm"
        assert qm.is_file() and qm.stat().st_size > 0


SOURCE = """
from PySide6.QtCore import QCoreApplication


def _tr(text):
    return QCoreApplication.translate("Words", text)


NAMES = {"en": _tr("English")}


class Panel:
    def retranslate_ui(self, n):
        self.tr("&Open {name}")
        self.tr("Open", "verb")
        self.tr("%n file(s)", "", n)
        QCoreApplication.translate("Other", "Plain")

        def later():
            return self.tr("Nested")

        return later
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    write(tmp_path / "pkg" / "panel.py", SOURCE)
    return tmp_path / "pkg"


def test_extracts_every_kind_of_call(sources: Path) -> None:
    found, problems = i18n.extract(sources)
    assert problems == []
    assert set(found) == {
        ("Words", "English", ""),
        ("Panel", "&Open {name}", ""),
        ("Panel", "Open", "verb"),
        ("Panel", "%n file(s)", ""),
        ("Other", "Plain", ""),
        ("Panel", "Nested", ""),
    }
    assert found[("Panel", "%n file(s)", "")].numerus


def test_fstrings_inside_tr_are_reported(tmp_path: Path) -> None:
    code = 'class A:\n    def f(self, x):\n        self.tr(f"Hi {x}")\n'
    write(tmp_path / "pkg" / "bad.py", code)
    _, problems = i18n.extract(tmp_path / "pkg")
    assert len(problems) == 1 and "format" in problems[0].text


def _catalogue(path: Path, translations: dict[str, object]) -> None:
    messages = {}
    for (context, source, comment), text in translations.items():
        m = i18n.Message(context, source, comment, isinstance(text, list), {"pkg/panel.py"})
        m.unfinished = text is None
        if isinstance(text, list):
            m.forms = text
        elif text is not None:
            m.translation = text
        messages[m.key] = m
    i18n.write_ts(path, "es_ES", messages)


GOOD = {
    ("Words", "English", ""): "inglés",
    ("Panel", "&Open {name}", ""): "&Abrir {name}",
    ("Panel", "Open", "verb"): "Abrir",
    ("Panel", "%n file(s)", ""): ["%n archivo", "%n archivos"],
    ("Other", "Plain", ""): "Sencillo",
    ("Panel", "Nested", ""): "Anidado",
}


def test_a_complete_catalogue_passes_and_survives_a_round_trip(
    sources: Path, tmp_path: Path
) -> None:
    found, _ = i18n.extract(sources)
    ts = tmp_path / "es.ts"
    _catalogue(ts, GOOD)
    assert i18n.check_catalogue("es", found, ts) == []
    before = ts.read_text(encoding="utf-8")
    again = i18n.read_ts(ts)
    i18n.write_ts(ts, "es_ES", again)
    assert ts.read_text(encoding="utf-8") == before
    assert again[("Panel", "%n file(s)", "")].forms == ["%n archivo", "%n archivos"]
    assert again[("Panel", "&Open {name}", "")].translation == "&Abrir {name}"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({("Panel", "Nested", ""): None}, "not translated"),
        ({("Panel", "&Open {name}", ""): "&Abrir {nombre}"}, "placeholders differ"),
        ({("Panel", "&Open {name}", ""): "Abrir {name}"}, "shortcut"),
        ({("Panel", "%n file(s)", ""): ["un archivo", "varios archivos"]}, "%n"),
        ({("Panel", "%n file(s)", ""): ["%n archivo"]}, "plural forms"),
        ({("Panel", "Gone", ""): "Ido"}, "obsolete"),
    ],
)
def test_mistakes_are_caught(sources: Path, tmp_path: Path, change: dict, expected: str) -> None:
    found, _ = i18n.extract(sources)
    ts = tmp_path / "es.ts"
    _catalogue(ts, {**GOOD, **change})
    problems = i18n.check_catalogue("es", found, ts)
    assert problems, "the checker let a mistake through"
    assert any(expected in p.text for p in problems), [str(p) for p in problems]


def test_a_missing_string_is_reported(sources: Path, tmp_path: Path) -> None:
    found, _ = i18n.extract(sources)
    ts = tmp_path / "es.ts"
    _catalogue(ts, {k: v for k, v in GOOD.items() if k[1] != "Plain"})
    problems = i18n.check_catalogue("es", found, ts)
    assert [p.text for p in problems] == ["missing: run tools/i18n.py update"]


def test_broken_xml_is_reported_not_raised(sources: Path, tmp_path: Path) -> None:
    found, _ = i18n.extract(sources)
    ts = write(tmp_path / "es.ts", "<TS><context>")
    problems = i18n.check_catalogue("es", found, ts)
    assert len(problems) == 1 and "not valid TS XML" in problems[0].text


def test_compiled_translations_are_found_in_a_frozen_bundle(tmp_path: Path, monkeypatch) -> None:
    from reader import paths

    write(tmp_path / "resources" / "library" / "a.md", "# A\n")
    write(tmp_path / "i18n" / "lector_es.qm", b"compiled")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.i18n_dir() == tmp_path / "i18n"


def test_the_checkout_translations_are_found_from_source() -> None:
    from reader import paths

    assert paths.i18n_dir() == REPO / "i18n"
    assert (paths.i18n_dir() / "lector_es.qm").is_file()
