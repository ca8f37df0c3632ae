"""Library search in the window: the toolbar field (debounced, keyboard-driven) and grouped results."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QModelIndex,
    QObject,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from companion.domain import SearchHit, SearchResults
from companion.library import Library, LibraryError
from companion.ui.plain import no_resource, plain_tooltip
from companion.ui.widgets.format import format_ms
from companion.ui.window.keyboard import WHERE_PROPERTY

DEBOUNCE_MS = 180
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
GROUPS = (  # shown translated (context SearchResultsView)
    ("chapters", QT_TRANSLATE_NOOP("SearchResultsView", "Chapters")),
    ("transcripts", QT_TRANSLATE_NOOP("SearchResultsView", "Said in transcripts")),
    ("episodes", QT_TRANSLATE_NOOP("SearchResultsView", "Episodes")),
    ("bookmarks", QT_TRANSLATE_NOOP("SearchResultsView", "Bookmarks")),
)


class _TextDocument(QTextDocument):
    """A QTextDocument that loads nothing an <img> or a style sheet names."""

    def loadResource(self, type: int, name: QUrl) -> Any:  # noqa: A002
        return no_resource(type)


class _HtmlDelegate(QStyledItemDelegate):
    """Paints an item's text as rich text (the snippet's match in bold)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = _TextDocument()
        doc.setDefaultFont(opt.font)
        doc.setHtml(opt.text)
        doc.setTextWidth(max(10, opt.rect.width()))
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText)
            )
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), opt.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = _TextDocument()
        doc.setDefaultFont(opt.font)
        doc.setHtml(opt.text)
        view = self.parent()
        width = opt.rect.width()
        if width <= 0 and isinstance(view, QTreeWidget):  # wrap at the width the row will have
            width = view.viewport().width() - view.indentation()
        doc.setTextWidth(max(200, width))
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)


def _hit_html(hit: SearchHit) -> str:
    title = html.escape(hit.title)
    where = html.escape(f"{hit.episode_title} · {hit.podcast_title}")
    time = f" <span>{format_ms(hit.start_ms)}</span>" if hit.start_ms is not None else ""
    snippet = hit.snippet_html or html.escape(hit.snippet)
    if hit.kind == "episode":
        where = html.escape(hit.podcast_title)
    if hit.kind == "transcript":  # the sentence itself, with the match in bold, is the title
        return f"{snippet}{time}<br><small>{where}</small>"
    return f"<b>{title}</b>{time}<br><small>{where}</small><br><small>{snippet}</small>"


class SearchResultsView(QTreeWidget):
    """Hits grouped under Chapters, Episodes and Bookmarks; activating one asks to open it."""

    hit_activated = Signal(object)  # SearchHit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setRootIsDecorated(False)
        self.setWordWrap(True)
        self.setItemDelegate(_HtmlDelegate(self))
        self.setUniformRowHeights(False)
        self.setIndentation(12)
        self.itemActivated.connect(self._on_self_item_activated)
        self.itemClicked.connect(self._on_self_item_activated)
        self.message = ""

    def show_results(self, results: SearchResults | None, message: str = "") -> None:
        """Replace the list; ``message`` shows when there is nothing to list."""
        self.clear()
        self.message = message
        if results is None:
            self.viewport().update()
            return
        for attribute, label in GROUPS:
            hits = getattr(results, attribute)
            if not hits:
                continue
            group = QTreeWidgetItem(self, [f"<b>{html.escape(self.tr(label))}</b> ({len(hits)})"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for hit in hits:
                item = QTreeWidgetItem(group, [_hit_html(hit)])
                item.setData(0, HIT_ROLE, hit)
                item.setToolTip(0, plain_tooltip(hit.snippet))
        self.expandAll()
        first = self.hit_items()[:1]
        if first:
            self.setCurrentItem(first[0])
        self.viewport().update()

    def hit_items(self) -> list[QTreeWidgetItem]:
        """Every hit item in display order (group headers left out)."""
        items = []
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            items.extend(group.child(j) for j in range(group.childCount()))
        return items

    def move_current(self, step: int) -> None:
        """Select the next (+1) or previous (-1) hit."""
        items = self.hit_items()
        if not items:
            return
        current = self.currentItem()
        index = items.index(current) if current in items else -1
        index = max(0, min(len(items) - 1, index + step))
        self.setCurrentItem(items[index])
        self.scrollToItem(items[index])

    def activate_current(self) -> None:
        """Open the selected hit."""
        item = self.currentItem()
        if item is not None:
            self._on_self_item_activated(item, 0)

    @Slot(QTreeWidgetItem, int)
    def _on_self_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        hit = item.data(0, HIT_ROLE)
        if hit is not None:
            self.hit_activated.emit(hit)

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # rows re-wrap to the new width

    def paintEvent(self, event) -> None:  # noqa: ANN001
        super().paintEvent(event)
        if self.topLevelItemCount() == 0 and self.message:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                self.message,
            )
            painter.end()


class SearchField(QLineEdit):
    """The toolbar search field: searches as you type (debounced); Up/Down/Enter/Esc drive results."""

    query_changed = Signal(str)  # the debounced query ("" when cleared)
    escaped = Signal()  # Esc cleared the search

    def __init__(self, results: SearchResultsView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._results = results
        self.setPlaceholderText(self.tr("Search titles, notes, chapters, bookmarks (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(320)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.query_changed.emit(self.text().strip()))
        self.textChanged.connect(lambda _text: self._timer.start())
        self.installEventFilter(self)
        self.escape_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.escape_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.escape_shortcut.setWhatsThis(self.tr("Clear the search and go back to where you were"))
        self.escape_shortcut.setProperty(WHERE_PROPERTY, self.tr("In the search field"))
        self.escape_shortcut.activated.connect(self.escape)

    def escape(self) -> None:
        """Esc: clear the search (the results go) and say so."""
        self.clear()
        self.flush()
        self.escaped.emit()

    def flush(self) -> None:
        """Run the pending search now (Enter, tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self.query_changed.emit(self.text().strip())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Down:
                self._results.move_current(1)
                return True
            if key == Qt.Key.Key_Up:
                self._results.move_current(-1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.flush()
                self._results.activate_current()
                return True
            if key == Qt.Key.Key_Escape:  # when the shortcut could not take it (window not active)
                self.escape()
                return True
        return super().eventFilter(watched, event)


class SearchController(QObject):
    """Runs the library search for the field and fills the results view."""

    results_changed = Signal(bool)  # True while there is a query to show results for

    def __init__(
        self, library: Library, field: SearchField, view: SearchResultsView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.field = field
        self.view = view
        self.last_results: SearchResults | None = None
        field.query_changed.connect(self._on_field_query_changed)

    @Slot(str)
    def _on_field_query_changed(self, query: str) -> None:
        if not query:
            self.last_results = None
            self.view.show_results(None)
            self.results_changed.emit(False)
            return
        try:
            results = self.library.search(query)
        except LibraryError as exc:
            self.view.show_results(None, str(exc))
            self.results_changed.emit(True)
            return
        self.last_results = results
        message = (
            "" if len(results) else self.tr("Nothing in the library matches “{query}”.").format(query=query)
        )
        self.view.show_results(results, message)
        self.results_changed.emit(True)


class SearchPlacement(QObject):
    """Shows the results as a tab while there is a query; when it ends, the tab the listener was on
    comes back, and after Esc the focus goes back to where it was before the search field."""

    def __init__(
        self,
        tabs: QTabWidget,
        field: SearchField,
        results: SearchResultsView,
        fallback: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fallback = fallback  # focused after Esc when the widget before is gone
        self._tabs = tabs
        self._field = field
        self._results = results
        self._tab_before: QWidget | None = None
        self._focus_before: QWidget | None = None
        tabs.setTabVisible(tabs.indexOf(results), False)
        field.escaped.connect(self._on_field_escaped)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)

    def show_results(self, showing: bool) -> None:
        """Show the results tab (a query) or go back to the tab shown before it (no query)."""
        tabs, index = self._tabs, self._tabs.indexOf(self._results)
        if showing:
            if tabs.currentIndex() != index:
                self._tab_before = tabs.currentWidget()
            tabs.setTabVisible(index, True)
            tabs.setCurrentIndex(index)
            return
        if tabs.currentIndex() == index:
            before = self._tab_before
            back = tabs.indexOf(before) if before is not None else -1
            tabs.setCurrentIndex(back if back >= 0 and back != index else 0)
        tabs.setTabVisible(index, False)

    @Slot(QWidget, QWidget)
    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is not self._field or old is None or old is self._results:
            return
        if old.window() is self._field.window():
            self._focus_before = old

    @Slot()
    def _on_field_escaped(self) -> None:
        target = self._focus_before
        if target is None or not (target.isVisible() and target.isEnabled()):
            target = self._fallback
        target.setFocus(Qt.FocusReason.OtherFocusReason)
