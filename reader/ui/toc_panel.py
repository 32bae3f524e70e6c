"""The table of contents of the open document, from its headings, in a side panel."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QTreeWidget, QTreeWidgetItem, QWidget

from reader.render import Heading

BLOCK_ROLE = Qt.ItemDataRole.UserRole + 1


class TocPanel(QDockWidget):
    """Headings as a tree; activating one asks for a jump to its block."""

    jump_requested = Signal(int)  # block number in the shown version

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tocPanel")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("tocTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.setWidget(self.tree)
        self.setFocusProxy(self.tree)
        self._blocks: list[int] = []
        self._items: list[QTreeWidgetItem] = []
        self.retranslate_ui()

    def set_headings(self, headings: tuple[Heading, ...] | list[Heading]) -> None:
        self.tree.clear()
        self._blocks, self._items = [], []
        stack: list[tuple[int, QTreeWidgetItem]] = []
        for heading in headings:
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            parent = stack[-1][1] if stack else self.tree.invisibleRootItem()
            item = QTreeWidgetItem(parent, [heading.text])
            item.setData(0, BLOCK_ROLE, heading.block)
            item.setToolTip(0, heading.text)
            stack.append((heading.level, item))
            self._blocks.append(heading.block)
            self._items.append(item)
        self.tree.expandAll()

    def headings(self) -> list[str]:
        return [item.text(0) for item in self._items]

    def follow(self, block: int) -> None:
        """Mark the heading of the section being read, without asking for a jump."""
        i = bisect.bisect_right(self._blocks, block) - 1
        item = self._items[i] if i >= 0 else None
        if item is not self.tree.currentItem():
            self.tree.blockSignals(True)
            try:
                self.tree.setCurrentItem(item)
            finally:
                self.tree.blockSignals(False)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        block = item.data(0, BLOCK_ROLE)
        if isinstance(block, int):
            self.jump_requested.emit(block)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Contents"))
        self.tree.setAccessibleName(self.tr("Table of contents"))
        self.toggleViewAction().setText(self.tr("&Contents"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
