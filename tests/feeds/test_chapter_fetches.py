"""JSON chapter files of a feed, fetched a few at a time from a real 127.0.0.1 server: order kept, budget
kept, a failing file logged and left for next time."""

from __future__ import annotations

import json
import logging

from companion.feeds import fetch_feed_update
from companion.feeds.fetch import CHAPTER_FETCH_WORKERS
from companion.services import refresh_all, subscribe

SOURCE = "podcast-json"


def serve_feed(feed_server, count: int, delay_s: float = 0.0, without_chapters: int = 0) -> str:
    """A feed of ``count`` episodes with a chapters file each (episode 1 first), then
    ``without_chapters`` episodes without one; chapter file i has one chapter titled ``Part i``."""
    items = []
    for i in range(1, count + 1):
        chapters = {"version": "1.2.0", "chapters": [{"startTime": i, "title": f"Part {i}"}]}
        feed_server.add(
            f"/chapters/{i}.json", json.dumps(chapters), content_type="application/json", delay_s=delay_s
        )
        items.append(
            f"<item><title>Episode {i}</title><guid>ep-{i}</guid>"
            f'<enclosure url="@BASE@/audio/{i}.mp3" type="audio/mpeg"/>'
            f'<podcast:chapters url="/chapters/{i}.json" type="application/json+chapters"/></item>'
        )
    for i in range(count + 1, count + without_chapters + 1):
        items.append(f"<item><title>Episode {i}</title><guid>ep-{i}</guid></item>")
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>'
        f"<title>Many chapters</title>{''.join(items)}</channel></rss>"
    )
    return feed_server.add("/feed.xml", feed)


def json_titles(update) -> list[tuple[str, list[str] | None]]:
    """Each episode's title with the titles of its JSON chapters (None: not fetched this time)."""
    result = []
    for ep in update.feed.episodes:
        chapters = ep.chapters_of(SOURCE)
        result.append((ep.title, None if chapters is None else [c.title for c in chapters]))
    return result


def test_chapter_files_are_fetched_concurrently_and_kept_in_episode_order(feed_server):
    url = serve_feed(feed_server, 8, delay_s=0.3, without_chapters=1)
    update = fetch_feed_update(url)
    assert json_titles(update) == [(f"Episode {i}", [f"Part {i}"]) for i in range(1, 9)] + [("Episode 9", [])]
    assert all(len(feed_server.hits(f"/chapters/{i}.json")) == 1 for i in range(1, 9))
    # several files were being answered at once, never more than the workers
    assert 1 < feed_server.max_in_flight <= CHAPTER_FETCH_WORKERS


def test_the_budget_takes_the_first_files_in_feed_order_and_leaves_the_rest(feed_server):
    url = serve_feed(feed_server, 8)
    update = fetch_feed_update(url, max_chapter_fetches=3)
    expected = [(f"Episode {i}", [f"Part {i}"] if i <= 3 else None) for i in range(1, 9)]
    assert json_titles(update) == expected
    assert [len(feed_server.hits(f"/chapters/{i}.json")) for i in range(1, 9)] == [1, 1, 1, 0, 0, 0, 0, 0]
    # files already stored do not count: the next three are fetched next time
    known = {feed_server.url(f"/chapters/{i}.json") for i in range(1, 4)}
    update = fetch_feed_update(url, known_chapters_urls=known, max_chapter_fetches=3)
    fetched = [title for title, chapters in json_titles(update) if chapters]
    assert fetched == ["Episode 4", "Episode 5", "Episode 6"]


def test_no_budget_fetches_nothing(feed_server):
    url = serve_feed(feed_server, 2)
    update = fetch_feed_update(url, max_chapter_fetches=0)
    assert json_titles(update) == [("Episode 1", None), ("Episode 2", None)]
    assert feed_server.max_in_flight == 1  # the feed alone


def test_a_failing_file_is_logged_and_left_for_next_time(library, feed_server, caplog):
    url = serve_feed(feed_server, 6)
    feed_server.add("/chapters/2.json", b"", status=500)
    feed_server.add("/chapters/5.json", b"{not json", content_type="application/json")
    with caplog.at_level(logging.WARNING, logger="companion.feeds.fetch"):
        report = subscribe(library, url)
    assert report.added == 6
    messages = [r.getMessage() for r in caplog.records]
    assert any("Episode 2" in m and "500" in m for m in messages)
    assert any("chapters/5.json" in m and "not valid JSON" in m for m in messages)
    by_title = {library.episode(i).title: i for i in library.episode_ids()}
    assert [bool(library.chapter_sources(by_title[f"Episode {i}"])) for i in range(1, 7)] == [
        True, False, True, True, False, True,
    ]  # fmt: skip

    serve_feed(feed_server, 6)  # the files are fixed: the next refresh fetches just those two
    asked = {i: len(feed_server.hits(f"/chapters/{i}.json")) for i in range(1, 7)}
    (result,) = refresh_all(library)
    assert result.ok
    again = {i: len(feed_server.hits(f"/chapters/{i}.json")) - asked[i] for i in range(1, 7)}
    assert again == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1, 6: 0}
    assert all(library.chapter_sources(i) == [SOURCE] for i in by_title.values())
