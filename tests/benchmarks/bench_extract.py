"""Throughput of the show-notes parser on ~8 MB of generated mixed notes (prints MB/s)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

from companion.shownotes import extract_chapters, notes_to_text, render_notes_html

_ZH = "我们聊了模型训练数据产品创业开源推理团队市场用户技术成本未来城市咖啡音乐为什么怎么看"
_EN = ("model", "data", "open", "source", "team", "market", "users", "agent", "why")
_TRAILERS = (
    " 相关链接: 另一期节目《城市与咖啡》",
    " 附录: 术语一:一个解释。术语二:另一个解释。",
    " 剪辑:小王 本期主播:阿青",
    " ☆ 欢迎加入听友群 ☆",
    " Links: https://example.com/episode/42",
)
_NOISE = " 比分 3:2,画面 16:9,版本 2.1.3,下午3:30 见,占比 45%,链接 https://example.com/a?t=12:30。"
SEED = Path(__file__).resolve().parents[2] / "../shared/seeds/000_5e627e7e1c3047cb.txt"


def _phrase(rng: random.Random, chars: int) -> str:
    """A made-up title/sentence: mostly Chinese with some English words."""
    out = []
    for _ in range(chars):
        if rng.random() < 0.08:
            out.append(f" {rng.choice(_EN)} ")
        else:
            out.append(rng.choice(_ZH))
    return "".join(out).strip()


def _stamp(ms: int, rng: random.Random) -> str:
    s = ms // 1000
    h, rest = divmod(s, 3600)
    if h:
        return f"{h:02d}:{rest // 60:02d}:{rest % 60:02d}"
    return f"{rest // 60:02d}:{rest % 60:02d}" if rng.random() < 0.8 else f"{rest // 60}:{rest % 60:02d}"


def _episode(rng: random.Random) -> str:
    """One episode's notes: prose, maybe a timeline (one of four layouts), trailers."""
    prose = "。".join(_phrase(rng, rng.randint(20, 80)) for _ in range(rng.randint(5, 30)))
    parts = [prose, "。"]
    if rng.random() < 0.3:
        parts.append(_NOISE)
    if rng.random() < 0.75:
        parts.append(" 时间线跳转:" if rng.random() < 0.7 else "\nTimestamps:\n")
        style = rng.randrange(4)
        t = rng.randint(0, 200) * 1000
        for i in range(rng.randint(5, 40)):
            if i % 6 == 0 and rng.random() < 0.7:
                heading = _phrase(rng, rng.randint(6, 25))
                parts.append(f" - {heading}" if style == 0 else f"\n· {heading}")
            t += rng.randint(30, 600) * 1000
            title = _phrase(rng, rng.randint(10, 45))
            stamp = _stamp(t, rng)
            if style == 0:
                parts.append(f" {stamp} {title}")
            elif style == 1:
                parts.append(f"\n{stamp} {title}")
            elif style == 2:
                parts.append(f"<p>[{stamp}] {title}</p>")
            else:
                parts.append(f"\n{i + 1}. {title} {stamp}")
    parts.extend(rng.sample(_TRAILERS, rng.randint(1, 3)))
    if rng.random() < 0.5:
        parts.append(" 我们在第 12:30 分钟聊到了这个话题。")
    return "".join(parts)


def make_corpus(size_mb: float = 8.0, seed: int = 7) -> list[str]:
    """Episodes of realistic mixed notes totalling about size_mb megabytes of UTF-8."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size_mb * 1_000_000:
        episode = _episode(rng)
        out.append(episode)
        total += len(episode.encode("utf-8"))
    return out


def _measure(label: str, func: Callable[[str], object], corpus: list[str], runs: int = 3) -> float:
    """Best of a few runs (the machine is shared), in MB of UTF-8 input per second."""
    size = sum(len(e.encode("utf-8")) for e in corpus) / 1_000_000
    best = float("inf")
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        count = 0
        for episode in corpus:
            result = func(episode)
            count += len(result) if isinstance(result, list) else 1
        best = min(best, time.perf_counter() - start)
    rate = size / best
    print(f"{label:>28}: {size:5.1f} MB in {best:5.2f} s = {rate:6.1f} MB/s ({count} results)")
    return rate


def test_bench_extract(record: Callable[[str, float | None], None]) -> None:
    corpus = make_corpus()
    chapters = sum(len(extract_chapters(e)) for e in corpus)
    size = sum(len(e.encode("utf-8")) for e in corpus)
    print(
        f"\n{len(corpus)} episodes, {size / 1e6:.1f} MB, {chapters} chapters "
        f"(one per {size // max(chapters, 1)} bytes)"
    )
    rate = _measure("extract_chapters", extract_chapters, corpus, runs=5)  # shared VM: best of 5
    record("extract_mb_per_s", rate)
    _measure("notes_to_text", notes_to_text, corpus[: len(corpus) // 4])
    _measure("render_notes_html", render_notes_html, corpus[: len(corpus) // 4])
    if SEED.exists():
        lines = SEED.read_text(encoding="utf-8").splitlines() * 50
        _measure("extract_chapters (seed x50)", extract_chapters, lines)


if __name__ == "__main__":
    test_bench_extract(lambda key, value: None)
