"""Transcripts: parse + store a 3-hour, 10,000-cue transcript; search 1,000 episodes' transcripts (about 10
million characters) for 3+ characters and for 1-2 CJK characters; the cost of following the playing cue."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from companion.domain import FetchedTranscript
from companion.library import Library
from companion.transcripts import Cue, parse_transcript

CACHE = Path(__file__).resolve().parents[2] / ".bench" / "transcripts-1000-v2.db"
EPISODES = 1000
CHARS_PER_EPISODE = 10_000
# common Chinese characters (the first 600 by frequency, roughly) and English words
_ZH = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你能而子那得着下自之年过发后"
    "里道行所然家种事方多经么去法学如都同现当没动面起看定天还进好小部其些主样理心她本前开但因只从想实日军者"
    "意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被"
    "利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论"
    "处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德"
    "资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南"
    "品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组"
    "每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价"
    "花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻"
    "易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构"
)
_EN_TEXT = """the of and to in is that it was for on are as with they at be this from have or by one had not
but what all were when we there can an your which their said if do will each about how up out them then she
many some so these would other into has more her two like him see time could no make than first been its who
now people"""
_EN = _EN_TEXT.split()


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return "".join(rng.choice(_ZH) for _ in range(rng.randint(20, 60))) + "。"
    return " ".join(rng.choice(_EN) for _ in range(rng.randint(6, 14))).capitalize() + "."


def _vtt(cues: int, seconds: int, rng: random.Random) -> bytes:
    step = seconds * 1000 // cues
    lines = ["WEBVTT", ""]
    for n in range(cues):
        start, end = n * step, n * step + step
        stamp = [
            f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
            for ms in (start, end)
        ]
        lines += [f"{stamp[0]} --> {stamp[1]}", f"<v Speaker {n % 3}>{_sentence(rng)}", ""]
    return "\n".join(lines).encode("utf-8")


def test_parse_and_store_a_three_hour_transcript(tmp_path, record):
    data = _vtt(10_000, 3 * 3600, random.Random(7))
    library = Library(tmp_path / "library.db")
    podcast = library.add_podcast("Long talks", feed_url="https://example.org/feed.xml")
    times, cpu_times, parse_times, index_times, steps = [], [], [], [], 0
    for run in range(3):  # best of 3, each a new episode's transcript
        episode = library.add_episode(podcast.id, f"Three hours {run}")
        start, cpu = time.perf_counter(), time.process_time()
        parsed = parse_transcript(data, "vtt")
        parsed_at = time.perf_counter()
        fetched = FetchedTranscript(
            "https://example.org/t.vtt", "text/vtt", "en", None, parsed.format, parsed.cues
        )
        library.store_transcript(episode.id, fetched)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
        parse_times.append(parsed_at - start)
        started, steps = time.perf_counter(), 0
        while library.index_transcripts_step():  # what the window does between events afterwards
            steps += 1
        index_times.append(time.perf_counter() - started)
        assert len(library.transcript_cues(episode.id)) == 10_000
    library.close()
    print(
        f"\nparse + store 10,000 cues ({len(data) / 2**20:.2f} MB): best {min(times):.3f} s (parse"
        f" {min(parse_times):.3f} s; CPU {min(cpu_times):.3f} s); then indexed in {steps + 1} steps,"
        f" {min(index_times):.2f} s in all ({min(index_times) * 1000 / (steps + 1):.0f} ms a step)"
    )
    record("transcript_parse_store_10k_s", min(times))
    record("transcript_index_10k_s", min(index_times))


def _search_library() -> Library:
    """1,000 episodes with a transcript of about 10,000 characters each (cached in .bench/)."""
    if CACHE.exists():
        library = Library(CACHE)
        if library.db.conn.execute("SELECT count(*) FROM episode_transcripts").fetchone()[0] == EPISODES:
            return library
        library.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{CACHE}{suffix}").unlink(missing_ok=True)
    CACHE.parent.mkdir(exist_ok=True)
    rng = random.Random(11)
    library = Library(CACHE)
    podcast = library.add_podcast("Talks", feed_url="https://example.org/talks.xml")
    started = time.perf_counter()
    for n in range(EPISODES):
        episode = library.add_episode(podcast.id, f"第{n}期 episode {n}", published_at=1_600_000_000 + n)
        cues, chars = [], 0
        while chars < CHARS_PER_EPISODE:
            text = _sentence(rng)
            cues.append(Cue(len(cues) * 4000, len(cues) * 4000 + 4000, "", text))
            chars += len(text)
        library.store_transcript(
            episode.id, FetchedTranscript(f"https://example.org/{n}.vtt", cues=tuple(cues), format="vtt")
        )
    library.index_transcripts()
    print(f"\ngenerated {EPISODES} transcripts in {time.perf_counter() - started:.1f} s")
    return library


def _queries(library: Library, rng: random.Random) -> tuple[list[str], list[str]]:
    rows = library.db.conn.execute("SELECT text FROM transcript_cues WHERE id % 1999 = 0").fetchall()
    long, short = [], []
    for (text,) in rows:
        if text.isascii():
            words = text.rstrip(".").split()
            long.append(" ".join(words[: rng.randint(1, 2)]) if len(words[0]) >= 3 else " ".join(words[:2]))
        else:
            start = rng.randrange(0, len(text) - 8)
            long.append(text[start : start + rng.randint(3, 6)])
            short.append(text[start : start + rng.randint(1, 2)])
    long += ["不存在的词语", "zebra crossing", "量子纠缠"]
    short += ["龘", "鑫", "魑魅"]
    return [q for q in long if len(q) >= 3][:80], short[:60]


def test_search_over_a_thousand_transcripts(record):
    library = _search_library()
    chars = library.db.conn.execute("SELECT sum(length(text)) FROM transcript_cues").fetchone()[0]
    long, short = _queries(library, random.Random(5))
    for query in long[:5]:  # warm the page cache
        library.search(query)
    timings = {}
    for name, queries in (("long", long), ("short", short)):
        times = []
        for query in queries:
            start = time.perf_counter()
            results = library.search(query)
            times.append((time.perf_counter() - start) * 1000)
            assert results.transcripts or query in (
                "不存在的词语",
                "zebra crossing",
                "量子纠缠",
                "龘",
                "鑫",
                "魑魅",
            )
        timings[name] = (statistics.median(times), max(times), len(times))
    library.close()
    print(
        f"\ntranscript search over {chars:,} characters: 3+ characters p50 {timings['long'][0]:.1f} ms"
        f" (max {timings['long'][1]:.1f}, {timings['long'][2]} queries); 1-2 CJK characters p50"
        f" {timings['short'][0]:.1f} ms (max {timings['short'][1]:.1f}, {timings['short'][2]} queries)"
    )
    record("transcript_search_p50_ms", timings["long"][0])
    record("transcript_search_short_p50_ms", timings["short"][0])


def test_following_the_playing_cue_costs_little_per_tick(qtbot, record):
    from companion.ui.panes.transcript_view import TranscriptView

    rng = random.Random(3)
    cues = [(n * 1080, n * 1080 + 1080, "", _sentence(rng)) for n in range(10_000)]
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(500, 600)
    view.show()
    qtbot.waitExposed(view)
    start = time.perf_counter()
    view.set_cues(cues)
    shown = time.perf_counter() - start
    qtbot.wait(50)
    ticks = list(range(0, 3 * 3600 * 1000, 100))  # three hours of position reports, every 100 ms
    worst = 0.0
    start = time.perf_counter()
    for position in ticks:
        began = time.perf_counter()
        view.follow(position)
        worst = max(worst, time.perf_counter() - began)
    per_tick_ms = (time.perf_counter() - start) * 1000 / len(ticks)
    print(
        f"\nfollowing 10,000 cues: {per_tick_ms * 1000:.1f} µs per tick on average over {len(ticks):,} ticks,"
        f" worst {worst * 1000:.2f} ms (a change of cue, with its scroll); set_cues {shown * 1000:.0f} ms"
    )
    record("transcript_follow_tick_ms", per_tick_ms)
