"""The translations: complete and up to date with the code, plural forms, and what the user reads."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from companion import i18n

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
tools = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tools)


# ----- the .ts sources against the code --------------------------------------------------------


def test_every_text_of_the_code_is_translated_and_none_is_left_over():
    problems = tools.check()
    assert not problems, "run `make translations` and translate what is new:\n" + "\n".join(problems)


def _edited_copy(tmp_path: Path, edit) -> Path:
    copy = tmp_path / tools.TS["zh_CN"].name
    tree = ET.parse(tools.TS["zh_CN"])
    edit(tree.getroot())
    tree.write(copy, encoding="utf-8", xml_declaration=True)
    return copy


def test_the_check_finds_a_missing_an_unfinished_and_an_obsolete_text(tmp_path):
    def edit(root: ET.Element) -> None:
        contexts = {c.findtext("name"): c for c in root.iter("context")}
        window = contexts["MainWindow"]
        quit_message = next(m for m in window.iter("message") if m.findtext("source") == "Quit")
        window.remove(quit_message)  # a text the code has and the file lacks
        search = next(m for m in window.iter("message") if m.findtext("source") == "Search")
        search.find("translation").set("type", "unfinished")
        gone = ET.SubElement(window, "message")
        ET.SubElement(gone, "source").text = "A text no code has any more"
        ET.SubElement(gone, "translation").text = "过时"

    problems = "\n".join(tools.problems_of(_edited_copy(tmp_path, edit), plurals_only=False))
    assert "not in the file (run make translations): MainWindow: 'Quit'" in problems
    assert "unfinished: MainWindow: 'Search'" in problems
    assert (
        "no longer in the code (run make translations): MainWindow: 'A text no code has any more'" in problems
    )


def test_the_check_finds_a_lost_placeholder(tmp_path):
    def edit(root: ET.Element) -> None:
        for message in root.iter("message"):
            if message.findtext("source") == "Refreshing {title}":
                message.find("translation").text = "正在刷新"

    problems = tools.problems_of(_edited_copy(tmp_path, edit), plurals_only=False)
    assert any("placeholders ['{title}']" in p and "Refreshing {title}" in p for p in problems), problems


def test_traditional_chinese_is_converted_with_taiwan_words():
    import opencc

    converter = opencc.OpenCC("s2twp")
    samples = {
        "订阅": "訂閱",
        "单集": "單集",
        "书签": "書籤",
        "软件": "軟體",
        "文件": "檔案",
        "刷新": "重新整理",
    }
    assert {s: tools.traditional(s, converter) for s in samples} == samples
    assert tools.traditional("已添加“{title}”", converter) == "已新增「{title}」"


# ----- the language chosen -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_SG.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_TW"),
        ({"LANG": "zh_HK.Big5-HKSCS"}, "zh_TW"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LANGUAGE": "zh_TW:en"}, "zh_TW"),
        ({"LANG": "C", "LANGUAGE": "zh_CN"}, "en"),  # as gettext: LANGUAGE is not read under C
    ],
)
def test_the_language_follows_the_locale(env, language):
    assert i18n.system_language(env) == language


def test_a_preference_overrides_the_locale():
    assert i18n.resolve_language("zh_CN", {"LANG": "en_US.UTF-8"}) == "zh_CN"
    assert i18n.resolve_language("system", {"LANG": "zh_HK.UTF-8"}) == "zh_TW"


# ----- plural forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "one", "three"),
    [
        ("en", "In 1 minute", "In 3 minutes"),
        ("zh_CN", "1 分钟后", "3 分钟后"),
        ("zh_TW", "1 分鐘後", "3 分鐘後"),
    ],
)
def test_plurals_in_the_window(qapp, language, one, three):
    from PySide6.QtCore import QCoreApplication

    from companion.ui.translation import install_translations

    installed = install_translations(language)
    try:
        texts = [QCoreApplication.translate("SleepMenu", "In %n minute(s)", "", n) for n in (1, 3)]
        off = QCoreApplication.translate("SleepMenu", "Off")
        unknown = QCoreApplication.translate("SleepMenu", "A text no catalogue has")
    finally:
        installed.remove()
    assert texts == [one, three]
    assert off == {"en": "Off", "zh_CN": "关闭", "zh_TW": "關閉"}[language]
    assert unknown == "A text no catalogue has"  # not found: the source, never an empty text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["1 episode", "3 episodes"]),
        ("zh_CN", ["1 个单集", "3 个单集"]),
        ("zh_TW", ["1 個單集", "3 個單集"]),
    ],
)
def test_plurals_in_the_command(language, expected):
    catalogue = i18n.Catalogue.load(language)
    assert [catalogue("Cli", "%n episode(s)", None, n) for n in (1, 3)] == expected


def test_without_a_language_chosen_english_plurals_still_read_right():
    i18n.set_backend(None)
    assert [i18n.translate("PodcastUsage", "%n Up Next entry(s)", None, n) for n in (1, 2)] == [
        "1 Up Next entry",
        "2 Up Next entries",
    ]


# ----- the command -------------------------------------------------------------------------------


def _companion(library: Path, *args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "companion", *args, "--library", str(library)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def test_the_command_speaks_the_locale_and_its_json_never_changes(tmp_path):
    library = tmp_path / "library.db"
    assert _companion(library, "demo", lang="zh_CN.UTF-8").stdout.startswith("已在 ")
    listed = _companion(library, "podcasts", lang="zh_CN.UTF-8")
    assert (
        "（" not in listed.stdout
        and "(3 个单集, 3 个未播放)  演示：应用为试用而创建，不是订阅" in listed.stdout
    )
    assert "没有订阅。订阅方法：companion subscribe URL" in listed.stdout
    taiwan = _companion(library, "podcasts", lang="zh_TW.UTF-8")
    assert "(3 個單集, 3 個未播放)  演示：應用為試用而建立，不是訂閱" in taiwan.stdout
    english = _companion(library, "podcasts")
    assert "(3 episodes, 3 unplayed)  demo: made by the app to try it, not a subscription" in english.stdout
    bad = _companion(library, "bookmark", "1", "--at", "soon", lang="zh_CN.UTF-8")
    assert (bad.returncode, bad.stderr) == (
        1,
        "companion: 不是有效的时间：'soon'（请使用秒数或 H:MM:SS，例如 1:02:03）\n",
    )
    for command in (
        ["podcasts", "--json"],
        ["list", "--json"],
        ["show", "1", "--json"],
        ["search", "开源", "--json"],
    ):
        chinese, plain = _companion(library, *command, lang="zh_CN.UTF-8"), _companion(library, *command)
        assert chinese.stdout == plain.stdout and json.loads(plain.stdout), command


# ----- the window under zh_CN --------------------------------------------------------------------

# proper names and key names that stay as they are in the Chinese interface
ALLOWED = re.compile(
    r"[a-z]+://[\w./-]*|VLC|MPRIS|OPML|URL|HTML|JSON|RSS|Podlove|MP4|Ogg|Opus|FLAC|https?|H:MM:SS|Ctrl|Shift"
    r"|Space|Left|Right|Up|Down|Enter|Esc|Tab|F1|F5|English|Companion Demo|Apple Podcasts|Podcast Index"
    r"|\b[A-Z]\b|\.[a-z0-9]+"
)
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def _english_left(texts: dict[str, str]) -> dict[str, str]:
    return {where: text for where, text in texts.items() if ENGLISH_WORD.search(ALLOWED.sub("", text))}


def _menu_texts(menu, where: str) -> dict[str, str]:
    texts = {where: menu.title()} if menu.title() else {}
    for action in menu.actions():
        if action.menu() is not None:
            texts |= _menu_texts(action.menu(), f"{where} ▸ {action.text()}")
        elif action.text():
            texts[f"{where} ▸ {action.text()}"] = action.text()
    return texts


def _widget_texts(widget, where: str) -> dict[str, str]:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit

    texts = {f"{where} title": widget.windowTitle()}
    for i, child in enumerate(widget.findChildren(QAbstractButton)):
        texts[f"{where} button {i}"] = child.text()
    for i, child in enumerate(widget.findChildren(QLabel)):
        texts[f"{where} label {i}"] = child.text()
    for i, child in enumerate(widget.findChildren(QComboBox)):
        texts |= {f"{where} combo {i}.{j}": child.itemText(j) for j in range(child.count())}
    for i, child in enumerate(widget.findChildren(QLineEdit) + widget.findChildren(QPlainTextEdit)):
        texts[f"{where} placeholder {i}"] = child.placeholderText()
    return texts


def _headers(view) -> list[str]:
    from PySide6.QtCore import Qt

    model = view.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def _window_texts(app, qtbot) -> dict[str, str]:
    """What the user reads in the window's menus, buttons, tabs and headers, and in its dialogs."""
    window = app.window
    texts = {"window title": window.windowTitle()}
    for top in window.menuBar().actions():
        texts |= _menu_texts(top.menu(), top.text())
    texts |= {f"toolbar {a.text()}": a.text() for a in window.toolbar.actions() if a.text()}
    for side, tabs in (("left", window.left_tabs), ("detail", window.detail_tabs)):
        texts |= {f"{side} tab {i}": tabs.tabText(i) for i in range(tabs.count())}
    for view in (window.episode_view, window.bookmarks_ui.library_view.view):
        texts |= {f"header {h}": h for h in _headers(view)}
    chapters = window.chapter_view.headerItem()
    texts |= {f"chapter header {c}": chapters.text(c) for c in range(chapters.columnCount())}
    texts |= _widget_texts(window.player_bar, "player bar")
    texts |= _menu_texts(window.player_bar.sleep_menu, "sleep menu")
    episode_id = window.episode_model.episode_id(0)
    texts |= _menu_texts(window.episode_menu(episode_id), "episode menu")
    texts |= _widget_texts(window.episode_pane, "episode pane")
    texts["search field"] = window.search_field.placeholderText()
    for name, open_dialog in (
        ("preferences", window.show_preferences),
        ("add podcast", window.feed_ui.ask_add_podcast),
        ("add episode", window.feed_ui.ask_add_episode),
    ):
        for _ in range(2):  # a dialog opened the second time reads the same
            dialog = open_dialog()
            qtbot.waitExposed(dialog)
            texts |= _widget_texts(dialog, name)
            dialog.reject()
    bookmark = app.library.add_bookmark(episode_id, 5_000)
    dialog = window.bookmarks_ui.actions.edit(bookmark.id)
    texts |= _widget_texts(dialog, "bookmark")
    dialog.reject()
    window.shortcuts_dialog.show_shortcuts()
    texts["shortcuts title"] = window.shortcuts_dialog.windowTitle()
    window.shortcuts_dialog.close()
    return texts


@pytest.fixture
def chinese_window(make_window, library, qtbot):
    from companion.app import choose_language
    from companion.library.settings import store_settings
    from companion.services.demo import ensure_demo

    ensure_demo(library)
    store_settings(library, language="zh_CN")  # as Preferences ▸ Language stores it
    app = make_window()
    yield app
    choose_language(None)  # the rest of the suite reads English again


def test_the_window_under_zh_cn_holds_no_untranslated_english(chinese_window, qtbot):
    texts = _window_texts(chinese_window, qtbot)
    assert not _english_left(texts), _english_left(texts)
    assert texts["window title"] == "播客伴侣"
    assert "文件(&F)" in texts.values() and "待播清单" in texts.values() and "定时关闭…" in texts.values()
    preferences = [text for where, text in texts.items() if where.startswith("preferences button")]
    assert {"确定", "取消"} <= set(preferences)  # Qt's own buttons, from qtbase_zh_CN.qm
    assert {texts["header 标题"], texts["header 发布日期"], texts["chapter header 0"]} == {
        "标题",
        "发布日期",
        "章节",
    }
    assert not _english_left(texts), _english_left(texts)


def test_the_chinese_window_says_what_it_counts_in_chinese(chinese_window, qtbot):
    window = chinese_window.window
    assert window.statusBar().currentMessage().startswith("3 个单集 · 资料库 ")
    window.player_bar.sleep_menu.actions()[1].trigger()  # in 5 minutes
    assert window.player_bar.sleep_label.text().startswith("5:00 后关闭") or "后关闭" in (
        window.player_bar.sleep_label.text()
    )
    window.sleep_timer.cancel()
    window.add_to_queue(window.episode_model.episode_id(0))
    assert window.left_tabs.tabText(window.left_tabs.indexOf(window.queue_view)) == "待播清单（1）"
    assert window.chapter_source_combo.currentText() == "节目简介中的时间轴"
    from companion.ui.window.keyboard import collect_shortcuts

    shortcuts = collect_shortcuts(window)
    assert {"文件", "播放", "窗口中任意位置"} <= {e.group for e in shortcuts}
    assert "播放/暂停" in {e.name for e in shortcuts}


def test_the_language_setting_is_offered_and_stored(chinese_window, qtbot):
    from companion.library.settings import read_settings

    dialog = chinese_window.window.show_preferences()
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == [
        "跟随系统",
        "English",
        "简体中文",
        "繁體中文",
    ]
    assert dialog.language.currentData() == "zh_CN"
    assert "下次启动" in dialog.language_note.text()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_TW"))
    dialog.accept()
    assert read_settings(chinese_window.library).language == "zh_TW"


def test_a_traditional_chinese_locale_gets_traditional_text(make_window, library, qtbot, monkeypatch):
    from companion.app import choose_language

    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    app = make_window()
    try:
        assert app.window.windowTitle() == "播客伴侶"
        assert app.window.left_tabs.tabText(app.window.left_tabs.indexOf(app.window.queue_view)) == "待播清單"
        assert app.window.menuBar().actions()[0].text() == "檔案(&F)"
    finally:
        monkeypatch.setenv("LANG", "C.UTF-8")
        choose_language(None)


def test_the_built_files_are_where_the_app_reads_them():
    for path in tools.outputs():
        assert path.exists() and path.stat().st_size > 0, path
    assert shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or tools.tool("lupdate")


def test_the_desktop_file_names_the_app_in_chinese_as_the_window_does():
    entries = dict(
        line.split("=", 1)
        for line in (ROOT / "resources" / "podcast-companion.desktop")
        .read_text(encoding="utf-8")
        .splitlines()
        if "=" in line
    )
    for language in ("zh_CN", "zh_TW"):
        catalogue = i18n.Catalogue.load(language)
        assert entries[f"Name[{language}]"] == catalogue("MainWindow", "Podcast Companion", None, -1)
        assert entries[f"Comment[{language}]"] and entries[f"Keywords[{language}]"].endswith(";")
        assert {"播客", "订阅" if language == "zh_CN" else "訂閱"} <= set(
            entries[f"Keywords[{language}]"].split(";")
        )
    assert "podcast" in entries["Keywords"].split(";")
