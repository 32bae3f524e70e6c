"""Which documents need translating, and the filter that shows only those."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from reader.library import load_library
from reader.library.translation import TranslationNeed, translation_needs
from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.document_list import NEEDS_RGB, NEEDS_ROLE, DocumentModel

from .conftest import write
from .ui_helpers import close_window, open_window

DAY = 24 * 3600


def age(path: Path, days: float) -> None:
    """Set a file's modification time ``days`` into the past."""
    stamp = path.stat().st_mtime - days * DAY
    os.utime(path, (stamp, stamp))


def mixed_library(root: Path) -> Path:
    write(root / "same.md", "---\ntitle: Same\ndate: 2024-03-01\n---\nA.")
    write(root / "es/same.md", "---\ntitle: Igual\ndate: 2024-03-01\n---\nA.")
    # The English was revised after the Spanish was written.
    write(root / "dated.md", "---\ntitle: Dated\ndate: 2024-06-01\n---\nB.")
    write(root / "es/dated.md", "---\ntitle: Fechado\ndate: 2024-01-15\n---\nB.")
    # No dates: file times decide, but only when they are days apart.
    write(root / "touched.md", "# Touched\n\nC.")
    write(root / "es/touched.md", "# Tocado\n\nC.")
    age(root / "touched.md", 30)
    write(root / "close.md", "# Close\n\nD.")
    write(root / "es/close.md", "# Cerca\n\nD.")
    age(root / "es/close.md", 0.01)
    write(root / "alone.md", "# Alone\n\nE.")
    write(root / "solo.es.md", "# Solo\n\nF.")
    return root


def test_needs_from_dates_file_times_and_missing_versions(tmp_path: Path) -> None:
    lib = load_library(mixed_library(tmp_path))
    needs = {key: translation_needs(doc) for key, doc in lib.documents.items()}
    assert needs == {
        "same": {},
        "dated": {"es": TranslationNeed.OUTDATED},
        "touched": {"en": TranslationNeed.OUTDATED},
        "close": {},
        "alone": {"es": TranslationNeed.MISSING},
        "solo": {"en": TranslationNeed.MISSING},
    }


def test_a_date_on_one_side_only_falls_back_to_file_times(tmp_path: Path) -> None:
    write(tmp_path / "x.md", "---\ndate: 2020-01-01\n---\nOld date, new file.")
    write(tmp_path / "es/x.md", "Sin fecha.")
    age(tmp_path / "es/x.md", 10)
    doc = load_library(tmp_path).documents["x"]
    assert translation_needs(doc) == {"es": TranslationNeed.OUTDATED}


def amber_pixels(view, row: int) -> int:
    rect = view.visualRect(view.model().index(row, DocumentModel.LANGS))
    image = view.viewport().grab(rect).toImage()
    count = 0
    for x in range(image.width()):
        for y in range(image.height()):
            colour = image.pixelColor(x, y)
            if abs(colour.red() - NEEDS_RGB[0]) + abs(colour.green() - NEEDS_RGB[1]) < 30:
                count += colour.blue() < 90
    return count


def test_badge_tooltip_and_needs_translation_filter(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, tmp_path: Path
) -> None:
    window = open_window(qtbot, dirs, renderer, [mixed_library(tmp_path / "lib")])
    view = window.document_list.view
    model = view.model()

    def shown() -> dict[str, object]:
        return {
            model.index(r, 0).data(): model.index(r, DocumentModel.LANGS).data(NEEDS_ROLE)
            for r in range(model.rowCount())
        }

    assert len(shown()) == 6
    box: QCheckBox = window.findChild(QCheckBox, "needsTranslationFilter")
    assert box.text() == "Needs translation"
    box.click()
    assert shown() == {
        "Dated": {"es": TranslationNeed.OUTDATED},
        "Touched": {"en": TranslationNeed.OUTDATED},
        "Alone": {"es": TranslationNeed.MISSING},
        "Solo": {"en": TranslationNeed.MISSING},
    }
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Dated")
    tip = model.index(row, DocumentModel.LANGS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Spanish version is older" in tip
    assert "Needs translation" in tip
    assert amber_pixels(view, row) > 20  # the filled badge
    box.click()
    assert len(shown()) == 6
    same = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Same")
    assert amber_pixels(view, same) == 0
    close_window(window)
