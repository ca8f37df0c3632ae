"""The Podcasts view over real feeds on a local server: author, description (nothing remote loaded),
link and funding, the last refresh's error and its end, a new subscription with nothing "new", then
one new item that is."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from companion.ui.models.podcast_model import PodcastListModel

ITEM = """
    <item>
      <title>{title}</title>
      <guid isPermaLink="false">{guid}</guid>
      <pubDate>{date}</pubDate>
      <enclosure url="@BASE@/audio/{guid}.mp3" length="4096" type="audio/mpeg"/>
      <description>Notes of {title}.</description>
    </item>"""
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>慢谈 Slow Talk</title>
    <link>https://example.org/slow</link>
    <itunes:author>王小明 &amp; Friends</itunes:author>
    <description><![CDATA[<p>Talk, <b>slowly</b>.</p><img src="@BASE@/tracker.png"><p>第二段</p>]]>
    </description>
    <podcast:funding url="https://example.org/support">支持我们 Support us</podcast:funding>
    {items}
  </channel>
</rss>"""


def _feed(count: int) -> str:
    dates = [
        "Mon, 01 Jan 2024 10:00:00 +0000",
        "Tue, 02 Jan 2024 10:00:00 +0000",
        "Wed, 03 Jan 2024 10:00:00 +0000",
    ]
    items = "".join(ITEM.format(title=f"Slow {n}", guid=f"slow-{n}", date=dates[n]) for n in range(count))
    return FEED.format(items=items)


def _refresh(app, qtbot, click) -> tuple:
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000) as blocker:
        click()
    return tuple(blocker.args)


def test_a_subscription_in_the_podcasts_view(make_window, feed_server, qtbot):
    url = feed_server.add("/slow.xml", _feed(2))
    app = make_window()
    window = app.window
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000):
        app.jobs.subscribe(url)
    pane = window.podcasts_pane
    window.left_tabs.setCurrentWidget(pane)
    row = pane.model.row_of(app.library.find_podcast(url).id)
    summary = pane.model.summary(row)
    assert (summary.author, summary.episodes, summary.unplayed, summary.new) == ("王小明 & Friends", 2, 2, 0)
    assert window.left_tabs.tabText(window.left_tabs.indexOf(pane)) == "Podcasts"  # the archive is not new
    pane.open_podcast(summary.id)
    detail = pane.detail
    assert detail.author_label.text() == "by 王小明 & Friends"
    text = detail.description_view.toPlainText()
    assert "Talk, slowly." in text and "第二段" in text
    (support,) = detail.funding_label.buttons
    assert (
        support.text() == "Support: 支持我们 Support us"
        and "https://example.org/support" in support.toolTip()
    )
    (page,) = detail.links_label.buttons
    assert page.text() == "Web page: https://example.org/slow"
    assert "Last refreshed" in detail.refresh_label.text()
    qtbot.wait(200)
    assert feed_server.hits("/tracker.png") == []  # nothing in the description is fetched

    feed_server.routes["/slow.xml"].status = 500
    summary_text, failures, _ = _refresh(
        app, qtbot, lambda: qtbot.mouseClick(detail.refresh_button, Qt.MouseButton.LeftButton)
    )
    assert len(failures) == 1
    assert "failed" in detail.refresh_label.text() and "500" in detail.refresh_label.text()
    cell = pane.model.index(pane.model.row_of(summary.id), PodcastListModel.REFRESHED).data()
    assert cell.startswith("failed")
    assert "500" in pane.model.index(pane.model.row_of(summary.id), 0).data(Qt.ItemDataRole.ToolTipRole)

    feed_server.add("/slow.xml", _feed(3))  # mended, with one new item
    _, failures, _ = _refresh(
        app, qtbot, lambda: qtbot.mouseClick(detail.refresh_button, Qt.MouseButton.LeftButton)
    )
    assert failures == []
    assert "Last refreshed" in detail.refresh_label.text()
    assert app.library.podcast_summary(summary.id).refresh_error is None
    pane.close_podcast()
    assert pane.model.summary(pane.model.row_of(summary.id)).new == 1
    assert window.left_tabs.tabText(window.left_tabs.indexOf(pane)) == "Podcasts (1 new)"


def test_the_command_keeps_the_refresh_error_too(library, library_path, feed_server):
    url = feed_server.add("/slow.xml", _feed(1))
    from companion.services.subscriptions import refresh_all, subscribe

    subscribe(library, url)
    feed_server.routes["/slow.xml"].status = 404
    command = [sys.executable, "-m", "companion", "--library", str(library_path), "refresh"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 or "failed" in done.stdout + done.stderr
    podcast_id = library.find_podcast(url).id
    assert "404" in (library.podcast_summary(podcast_id).refresh_error or "")
    feed_server.routes["/slow.xml"].status = 200
    assert all(r.ok for r in refresh_all(library))
    assert library.podcast_summary(podcast_id).refresh_error is None


def _with_cached_covers(library, count: int) -> list[int]:
    """``count`` podcasts, each with a cached cover copy (a red image written here), as the cover
    worker leaves them."""
    from cover_images import image_bytes

    folder = library.covers_dir()
    folder.mkdir(parents=True, exist_ok=True)
    data = image_bytes("PNG", size=(64, 64))
    ids = []
    for number in range(count):
        url = f"https://example.org/{number}/cover.png"
        podcast = library.add_podcast(
            f"Show {number:03}", feed_url=f"https://example.org/{number}.xml", image_url=url
        )
        (folder / f"c{number}.png").write_bytes(data)
        library.record_cover(url, file=f"c{number}.png", size=(64, 64))
        ids.append(podcast.id)
    return ids


def test_covers_are_read_only_for_the_podcasts_shown(make_window, library, qtbot):
    ids = _with_cached_covers(library, 80)
    app = make_window()
    window = app.window
    window.resize(900, 600)
    pane = window.podcasts_pane
    cache = window.covers
    before = cache.loads
    window.left_tabs.setCurrentWidget(pane)
    qtbot.waitUntil(lambda: cache.loads > before, timeout=5000)
    qtbot.wait(100)
    shown = cache.loads - before
    assert 0 < shown < 40  # the rows on screen, not all 80
    cover = pane.model.covers.cover(ids[0], "Show 000", 128)
    image = cover.toImage()
    assert image.pixelColor(image.width() * 3 // 4, image.height() * 3 // 4).red() > 150  # the cached copy
    pane.grid.scrollToBottom()
    qtbot.waitUntil(lambda: cache.loads - before > shown, timeout=5000)
    pane.open_podcast(ids[-1])
    label = pane.detail.cover_label.pixmap().toImage()
    assert label.pixelColor(label.width() * 3 // 4, label.height() * 3 // 4).red() > 150
