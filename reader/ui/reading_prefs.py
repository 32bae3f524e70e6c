"""Zoom, reading font and line width of the reading panes, remembered between runs."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication

from reader.ui.reader_view import ReaderView

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP, ZOOM_DEFAULT = 50, 300, 10, 100
MEASURES = (60, 80, 100, 0)  # characters per line; 0: as wide as the pane
MEASURE_DEFAULT = 80


def clamp_zoom(percent: int) -> int:
    return min(max(int(percent), ZOOM_MIN), ZOOM_MAX)


class ReadingLook:
    """Applies zoom, font family and line width to both reading panes, keeping the place."""

    def __init__(self, view: ReaderView) -> None:
        self.view = view
        self.zoom = ZOOM_DEFAULT
        self.family = ""  # empty: the application's font
        self.measure = MEASURE_DEFAULT

    def font(self) -> QFont:
        font = QFont(QGuiApplication.font())
        if self.family:
            font.setFamily(self.family)
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(size * self.zoom / 100)
        return font

    def set(
        self, *, zoom: int | None = None, family: str | None = None, measure: int | None = None
    ) -> None:
        if zoom is not None:
            self.zoom = clamp_zoom(zoom)
        if family is not None:
            self.family = family
        if measure is not None:
            self.measure = measure if measure in MEASURES else MEASURE_DEFAULT
        self.apply()

    def apply(self) -> None:
        view = self.view
        place = view.place()
        font = self.font()
        for pane in view.panes():
            pane.set_look(font, self.measure)
        if view.shown is not None:
            view.go_to(place)
