"""Cover art: decoding every kind of image a feed serves (and the hostile ones), the cache over a real
HTTP server (ETag/304, a slow one, an oversized one, a broken one), the CLI's refresh and podcasts."""

from __future__ import annotations

import json
import time

import pytest
from cover_images import FEED, HTML, SVG, gif_bomb, image_bytes, png_bomb, truncated
from PIL import Image

from companion.cli.main import main
from companion.feeds import covers as feed_covers
from companion.feeds.covers import MAX_SIDE, CoverError, decode_cover
from companion.services.covers import fetch_covers, plan_covers, record

IMAGES = {
    "png": lambda: image_bytes("PNG"),
    "jpeg": lambda: image_bytes("JPEG"),
    "progressive jpeg": lambda: image_bytes("JPEG", progressive=True, quality=90),
    "cmyk jpeg": lambda: image_bytes("JPEG", mode="CMYK"),
    "webp": lambda: image_bytes("WEBP"),
    "gif": lambda: image_bytes("GIF", mode="P"),
    "wide png": lambda: image_bytes("PNG", size=(3000, 1000)),
}


@pytest.mark.parametrize("kind", sorted(IMAGES))
def test_every_format_becomes_a_small_copy(kind):
    data, ext, (width, height) = decode_cover(IMAGES[kind](), "The cover")
    assert ext == ".jpg"
    assert max(width, height) == MAX_SIDE
    if kind == "wide png":
        assert (width, height) == (600, 200)
    with Image.open(__import__("io").BytesIO(data)) as copy:
        assert copy.size == (width, height) and copy.mode == "RGB"
        r, g, b = copy.getpixel((width - 5, height - 5))[:3]
        if kind == "cmyk jpeg":
            assert r > 150 and g < 120  # CMYK read as colour, not inverted or grey
        else:
            assert r > 150 and g < 90 and b < 90  # the red field


def test_a_small_image_is_never_enlarged_and_transparency_is_kept():
    _, ext, size = decode_cover(image_bytes("PNG", size=(120, 80)))
    assert (ext, size) == (".jpg", (120, 80))
    _, ext, size = decode_cover(image_bytes("PNG", size=(800, 800), mode="RGBA"))
    assert (ext, size) == (".png", (600, 600))


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (truncated(image_bytes("JPEG"), 0.3), "broken image"),
        (truncated(image_bytes("PNG", size=(900, 900)), 0.02), "broken image"),
        (png_bomb(), "claims to be"),
        (gif_bomb(), "claims to be"),
        (png_bomb(6000, 6000), "claims to be 6000 x 6000"),
        (SVG, "not an image"),
        (HTML, "not an image"),
        (b"", "not an image"),
        (image_bytes("BMP", size=(10, 10)), "not an image"),
        (image_bytes("TIFF", size=(10, 10)), "not an image"),
    ],
    ids=[
        "truncated jpeg",
        "truncated png",
        "png bomb",
        "gif bomb",
        "over the pixel cap",
        "svg",
        "html",
        "empty",
        "bmp",
        "tiff",
    ],
)
def test_broken_and_hostile_images_are_refused_with_a_reason(data, says):
    with pytest.raises(CoverError, match=says):
        decode_cover(data, "The cover")


@pytest.fixture
def subscribed(feed_server, library):
    from companion import services

    feed_server.add("/cover.jpg", image_bytes("JPEG"), content_type="image/jpeg", etag='"v1"')
    feed_server.add("/one.png", image_bytes("PNG", size=(300, 300)), content_type="image/png")
    feed_server.add("/notes.png", image_bytes("PNG"), content_type="image/png")
    report = services.subscribe(library, feed_server.add("/feed.xml", FEED))
    return report.podcast_id


def test_covers_are_fetched_once_and_revalidated_with_a_conditional_get(feed_server, library, subscribed):
    assert library.cover_path(subscribed) is None  # nothing cached yet: the views show the placeholder
    jobs = plan_covers(library, [subscribed])
    assert [job.url.rsplit("/", 1)[1] for job in jobs] == ["cover.jpg"]
    summary = fetch_covers(library, jobs)
    assert (summary.stored, summary.failed) == (1, 0)
    path = library.cover_path(subscribed)
    assert path is not None and path.parent == library.covers_dir() and path.parent.name == "covers"
    with Image.open(path) as copy:
        assert copy.size == (600, 600)
    assert plan_covers(library, [subscribed]) == []  # checked today: nothing to do
    inode = path.stat().st_ino
    summary = fetch_covers(library, plan_covers(library, [subscribed], recheck_after_s=0))
    assert summary.not_modified == 1
    asked = feed_server.hits("/cover.jpg")
    assert [r.status for r in asked] == [200, 304]
    assert asked[1].headers.get("If-None-Match") == '"v1"'
    assert library.cover_path(subscribed) == path and path.stat().st_ino == inode
    # the publisher changes the image: the new copy replaces the old one whole
    feed_server.add("/cover.jpg", image_bytes("PNG", size=(700, 700), mode="RGBA"), etag='"v2"')
    fetch_covers(library, plan_covers(library, [subscribed], recheck_after_s=0))
    new = library.cover_path(subscribed)
    assert new is not None and new.suffix == ".png" and not path.exists()
    assert not [p for p in library.covers_dir().iterdir() if p.name.startswith(".part-")]
    # nothing in the show notes was ever fetched
    assert feed_server.hits("/notes.png") == []


def test_an_episode_shows_its_own_cover_else_its_podcasts(feed_server, library, subscribed):
    one, two = sorted(library.episode_ids(podcast_id=subscribed))
    fetch_covers(library, plan_covers(library, [subscribed], [one, two]))
    own = library.episode_cover_path(one)
    assert own is not None and own != library.cover_path(subscribed)
    with Image.open(own) as copy:
        assert copy.size == (300, 300)  # never enlarged
    assert library.episode_cover_path(two) == library.cover_path(subscribed)


def test_a_broken_image_keeps_the_old_copy_and_says_why(feed_server, library, subscribed, caplog):
    fetch_covers(library, plan_covers(library, [subscribed]))
    good = library.cover_path(subscribed)
    before = good.read_bytes()
    feed_server.add("/cover.jpg", HTML, content_type="image/jpeg", etag='"v3"')
    summary = fetch_covers(library, plan_covers(library, [subscribed], recheck_after_s=0))
    assert summary.failed == 1
    assert library.cover_path(subscribed) == good and good.read_bytes() == before
    state = library.cover_state(feed_server.url("/cover.jpg"))
    assert "is not an image" in state.error and "Cover Cast" in state.error
    assert any("is not an image" in r.getMessage() for r in caplog.records)  # a log line, no crash


def test_slow_oversized_and_missing_covers_fail_with_a_message(feed_server, library, monkeypatch):
    podcasts = {}
    feed_server.add("/slow.jpg", image_bytes("JPEG", size=(50, 50)), trickle_s=0.2)
    feed_server.add("/big.jpg", b"\xff" * 300_000, content_type="image/jpeg")
    for name in ("slow", "big", "gone"):
        podcasts[name] = library.add_podcast(
            name, f"https://x.test/{name}.xml", image_url=feed_server.url(f"/{name}.jpg")
        )
    monkeypatch.setattr(feed_covers, "MAX_COVER_BYTES", 100_000)
    monkeypatch.setattr(feed_covers, "COVER_DEADLINE_S", 1.0)
    jobs = plan_covers(library)
    start = time.monotonic()
    results = {job.url.rsplit("/", 1)[1]: job.fetch(deadline_s=1.0) for job in jobs}
    assert time.monotonic() - start < 20  # the trickling server did not hold the worker
    assert "took longer than 1 seconds" in results["slow.jpg"].error
    assert "larger than 0 MB" in results["big.jpg"].error or "larger than" in results["big.jpg"].error
    assert "404" in results["gone.jpg"].error
    for podcast in podcasts.values():
        assert library.cover_path(podcast.id) is None
    folder = library.covers_dir()
    assert not folder.exists() or not list(folder.iterdir())  # no partial file left behind
    # a failure is tried again only after a while, not at every refresh
    for job in jobs:
        record(library, job, results[job.url.rsplit("/", 1)[1]])
    assert plan_covers(library) == []
    assert len(plan_covers(library, retry_after_s=0)) == 3


def test_the_cli_refresh_fetches_covers_and_podcasts_lists_them(feed_server, library_path, capsys, tmp_path):
    feed_server.add("/cover.jpg", image_bytes("JPEG"), content_type="image/jpeg", etag='"v1"')
    url = feed_server.add("/feed.xml", FEED)
    assert main(["--library", str(library_path), "subscribe", url]) == 0
    out = capsys.readouterr().out
    assert "Covers: 1 stored" in out
    assert main(["--library", str(library_path), "refresh"]) == 0
    capsys.readouterr()
    assert len(feed_server.hits("/cover.jpg")) == 1  # checked today: no second request
    assert main(["--library", str(library_path), "podcasts", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 1
    entry = listed[0]
    assert set(entry) == {
        "id", "title", "author", "feed_url", "kind", "local", "episodes", "unplayed", "last_refresh_at",
        "last_error", "image_url", "image_path",
    }  # fmt: skip
    assert (entry["title"], entry["feed_url"], entry["kind"], entry["episodes"], entry["unplayed"]) == (
        "Cover Cast",
        url,
        "feed",
        2,
        2,
    )
    assert entry["last_refresh_at"] and entry["last_error"] is None
    assert entry["image_url"] == feed_server.url("/cover.jpg")
    assert entry["image_path"].endswith(".jpg") and "/covers/" in entry["image_path"]
    with Image.open(entry["image_path"]) as copy:
        assert max(copy.size) <= 600
    assert main(["--library", str(library_path), "podcasts"]) == 0
    text = capsys.readouterr().out
    assert "Cover Cast" in text and "(2 episodes, 2 unplayed)" in text and "cover: " in text


def test_podcasts_json_without_covers_gives_null_image_path(library_path, capsys):
    from companion.library import Library

    lib = Library(library_path)
    lib.add_podcast("No Art", "https://x.test/a.xml", image_url="https://x.test/a.jpg")
    lib.close()
    assert main(["--library", str(library_path), "podcasts", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["image_path"] is None and entry["image_url"] == "https://x.test/a.jpg"
    assert (entry["episodes"], entry["unplayed"], entry["last_refresh_at"]) == (0, 0, None)
