"""The Problems view: every file that could not be read fully, with the reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.library import Problem, Severity
from reader.ui.messages import problem_reason

PATH_ROLE = Qt.ItemDataRole.UserRole


class ProblemsView(QDockWidget):
    count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsView")
        self._problems: list[tuple[Path, Problem]] = []
        body = QWidget(self)
        self.tree = QTreeWidget(body)
        self.tree.setObjectName("problemsList")
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(5)
        self.tree.setAlternatingRowColors(True)
        self.open_folder = QPushButton(body)
        self.open_folder.setObjectName("openProblemFolder")
        self.open_folder.clicked.connect(self._open_folder)
        self.tree.itemActivated.connect(lambda _item, _column: self._open_folder())
        self.tree.currentItemChanged.connect(
            lambda item, _prev: self.open_folder.setEnabled(item is not None)
        )
        self.open_folder.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_folder)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.retranslate_ui()

    def set_problems(self, problems: list[tuple[Path, Problem]]) -> None:
        """Problems with the library root each belongs to."""
        self._problems = list(problems)
        self._fill()
        self.count_changed.emit(len(self._problems))

    def problems(self) -> list[tuple[Path, Problem]]:
        return list(self._problems)

    def _fill(self) -> None:
        # Keep the reader's row selected when the list is refilled after a change on disk.
        current = self.tree.currentItem()
        keep = current.data(0, PATH_ROLE) if current is not None else None
        self.tree.clear()
        for root, problem in self._problems:
            try:
                shown = problem.path.relative_to(root)
            except ValueError:
                shown = problem.path
            where = f"{shown}:{problem.line}" if problem.line else str(shown)
            severity = (
                self.tr("Skipped") if problem.severity is Severity.ERROR else self.tr("Loaded")
            )
            library = root.name or str(root)
            item = QTreeWidgetItem(
                [where, problem_reason(problem.kind), problem.detail, severity, library]
            )
            item.setData(0, PATH_ROLE, str(problem.path))
            item.setToolTip(0, str(problem.path))
            item.setToolTip(4, str(root))
            self.tree.addTopLevelItem(item)
            if keep is not None and str(problem.path) == keep:
                self.tree.setCurrentItem(item)
        for column in range(5):
            self.tree.resizeColumnToContents(column)

    def _open_folder(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        path = Path(item.data(0, PATH_ROLE))
        folder = path if path.is_dir() else path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Problems"))
        self.tree.setHeaderLabels(
            [
                self.tr("File"),
                self.tr("Problem"),
                self.tr("Detail"),
                self.tr("Result"),
                self.tr("Library"),
            ]
        )
        self.open_folder.setText(self.tr("Open Folder"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
