"""Renders the real main window offscreen on a fresh demo library and saves PNGs for the README: the
window with the demo's notes and chapters, and (when asked) the Podcasts tab (a few made-up podcasts
with covers drawn here).

python scripts/screenshot.py [OUT.png] [LANGUAGE] [PODCASTS.png]   # LANGUAGE: en (default), zh_CN, zh_TW
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QRect, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from companion.app import CompanionApp  # noqa: E402
from companion.domain import PodcastKind  # noqa: E402
from companion.library import Library  # noqa: E402
from companion.library.settings import store_settings  # noqa: E402
from companion.services.demo import ensure_demo  # noqa: E402


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


# made-up podcasts for the Podcasts tab: title, author, episodes, played, new since last looked, cover
SHOWS = (
    ("慢谈科技 Slow Tech", "王小明", 42, 30, 2, ("#1f6feb", "#8957e5")),
    ("夜读 Night Reading", "林夕", 120, 118, 0, ("#2da44e", "#1b7c83")),
    ("Deep Listening", "A. Listener", 18, 6, 3, ("#bf3989", "#fb8f44")),
    ("城市漫步 City Walks", "陈一", 64, 64, 0, ("#d29922", "#cf222e")),
    ("The Long Interview", "Sam Host", 230, 200, 1, None),
    ("历史的回声", "周老师", 88, 40, 0, ("#0969da", "#54aeff")),
)


def draw_cover(path: Path, title: str, colours: tuple[str, str]) -> None:
    """A cover of our own: a gradient with the title's first word."""
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 600, 600)
    gradient.setColorAt(0, QColor(colours[0]))
    gradient.setColorAt(1, QColor(colours[1]))
    painter.fillRect(image.rect(), gradient)
    painter.setPen(QColor("white"))
    font = QFont("WenQuanYi Micro Hei")
    font.setPixelSize(96)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(
        QRect(30, 30, 540, 540), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, title.split()[0]
    )
    painter.end()
    image.save(str(path))


def add_shows(library: Library) -> None:
    """The made-up podcasts, each with episodes, some played and some new since last looked."""
    folder = library.covers_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for number, (title, author, count, played, new, colours) in enumerate(SHOWS):
        url = f"https://example.org/show{number}/cover.png"
        podcast = library.add_podcast(title, feed_url=f"https://example.org/show{number}.xml", image_url=url)
        library.db.conn.execute(
            "UPDATE podcasts SET author = ?, refreshed_at = 1796000000 WHERE id = ?", [author, podcast.id]
        )
        for episode in range(count - new):
            library.add_episode(
                podcast.id,
                f"{title} {episode + 1}",
                audio_url=f"https://example.org/{number}/{episode}.mp3",
                published_at=1_790_000_000 + number * 3600 + episode * 86_400,
            )
        library.mark_podcast_seen(podcast.id)
        for episode in range(count - new, count):
            library.add_episode(
                podcast.id,
                f"{title} {episode + 1}",
                audio_url=f"https://example.org/{number}/{episode}.mp3",
                published_at=1_790_000_000 + number * 3600 + episode * 86_400,
            )
        ids = library.episode_ids(podcast_id=podcast.id)
        for episode_id in ids[-played:] if played else []:
            library.set_played(episode_id, True)
        if colours:
            draw_cover(folder / f"show{number}.png", title, colours)
            library.record_cover(url, file=f"show{number}.png", size=(600, 600))


def shoot_podcasts(app: CompanionApp, out: str) -> None:
    """The Podcasts tab, as a grid of covers with their New badges."""
    window = app.window
    window.left_tabs.setCurrentWidget(window.podcasts_pane)
    window.podcasts_pane.set_mode("grid")
    wait(300)
    window.grab().save(out)
    print(f"wrote {out}")


def main(out: str = "docs/screenshot.png", language: str = "en", podcasts_out: str = "") -> int:
    qapp = QApplication([sys.argv[0]])
    qapp.setFont(QFont("WenQuanYi Micro Hei", 10))
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "library.db")
        store_settings(library, language=language)  # the window in that language, whatever LANG says
        ensure_demo(library)
        add_shows(library)
        app = CompanionApp(library, ["--aout=dummy"])
        window = app.window
        window.resize(1280, 780)
        window.show()
        window.episode_pane.show_podcast(library.podcast_of_kind(PodcastKind.DEMO).id)
        episode_id = window.episode_model.episode_id(0)
        window.select_episode(episode_id)
        chapters = library.chapters(episode_id)
        app.controller.play_episode(episode_id, chapters[min(3, len(chapters) - 1)].start_ms)
        wait(1500)
        app.controller.pause()
        wait(300)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(out)
        print(f"wrote {out}")
        if podcasts_out:
            shoot_podcasts(app, podcasts_out)
        app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
