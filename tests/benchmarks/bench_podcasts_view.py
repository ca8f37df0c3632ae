"""The Podcasts view over 100,000 episodes in 200 podcasts: building its model (the one grouped query of
every count, and the collator's order) and sorting it by title, unplayed count and last episode."""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import Qt

from companion.library import Library
from companion.ui.models.podcast_model import PodcastListModel
from companion.ui.widgets.cover_source import PlaceholderCovers

from .bench_library_scale import RUNS, N, big_library  # noqa: F401 (the shared fixture)

ORDERS = (
    (PodcastListModel.TITLE, Qt.SortOrder.AscendingOrder),
    (PodcastListModel.UNPLAYED, Qt.SortOrder.DescendingOrder),
    (PodcastListModel.LAST_EPISODE, Qt.SortOrder.DescendingOrder),
)


def _ms(run) -> float:  # noqa: ANN001
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def test_podcasts_model(big_library, qtbot, record):  # noqa: F811
    library = Library(big_library)
    try:
        library.podcast_summaries()  # the first read warms the page cache, as the window's start does
        query = statistics.median(_ms(library.podcast_summaries) for _ in range(RUNS))
        models: list[PodcastListModel] = []
        build = statistics.median(
            _ms(lambda: models.append(PodcastListModel(library, PlaceholderCovers()))) for _ in range(RUNS)
        )
        model = models[-1]
        assert model.rowCount() == 200
        assert sum(model.summary(r).episodes for r in range(model.rowCount())) == N
        sorts = [
            statistics.median(_ms(lambda c=c, o=o: model.sort(c, o)) for _ in range(RUNS)) for c, o in ORDERS
        ]
        print(
            f"\npodcasts view: counts query {query:.1f} ms, model built {build:.1f} ms;"
            " sort (title, unplayed,"
            " last episode) " + ", ".join(f"{s:.2f}" for s in sorts) + " ms"
        )
        record("podcasts_model_100k_ms", build)
        record("podcasts_sort_100k_ms", max(sorts))
    finally:
        library.close()
