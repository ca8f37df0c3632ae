"""Transcripts in the library and the command: stored with the episode (replaced whole), found by search
(3+ characters through the index, 1-2 CJK characters by a scan), added beside a file, printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.domain import FetchedTranscript
from companion.library import Library
from companion.services.tones import write_tone_wav
from companion.services.transcripts import read_transcript_file
from companion.transcripts import Cue

VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Alice>Welcome to the garden at night.

00:00:04.000 --> 00:00:09.500
<v Bob>Fireflies glow <b>brighter</b> in June.

00:01:02.000 --> 00:01:06.000
<v 主持人>今天我们聊聊萤火虫和夜晚的花园。
"""
SRT = """1
00:00:00,500 --> 00:00:02,000
Anna: A line from a SubRip file.

2
00:00:02,000 --> 00:00:05,000
医疗与开源，第二句。
"""


def fetched(*cues: Cue, url: str = "https://example.org/t.vtt") -> FetchedTranscript:
    return FetchedTranscript(url, "text/vtt", "en", None, "vtt", cues)


@pytest.fixture
def episode(library: Library):
    podcast = library.add_podcast("Night Garden", feed_url="https://example.org/feed.xml")
    return library.add_episode(podcast.id, "Fireflies <b>and</b> moths", published_at=1_700_000_000)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_transcript_is_stored_with_its_source_and_replaced_whole(library, episode):
    stored = library.store_transcript(
        episode.id, fetched(Cue(1000, 2000, "A", "one"), Cue(0, 1000, "", "zero"))
    )
    assert (stored.url, stored.type, stored.language, stored.cue_count, stored.error) == (
        "https://example.org/t.vtt", "text/vtt", "en", 2, None,
    )  # fmt: skip
    assert library.transcript_cues(episode.id) == [(0, 1000, "", "zero"), (1000, 2000, "A", "one")]
    other = fetched(Cue(5, 6, "B", "replacement"), url="https://example.org/t.srt")
    assert library.store_transcript(episode.id, other).url == "https://example.org/t.srt"
    assert library.transcript_cues(episode.id) == [(5, 6, "B", "replacement")]
    assert [h.title for h in library.search("zero").transcripts] == []  # the old cues left the index too
    assert [h.title for h in library.search("replacement").transcripts] == ["replacement"]


def test_a_failed_fetch_keeps_the_cues_already_stored_and_is_recorded_when_there_are_none(library, episode):
    failure = FetchedTranscript("https://example.org/t.vtt", error="The server answered 404.")
    assert library.store_transcript(episode.id, failure).error == "The server answered 404."
    library.store_transcript(episode.id, fetched(Cue(0, 1, "", "kept")))
    assert library.store_transcript(episode.id, failure).error is None
    assert library.transcript_cues(episode.id) == [(0, 1, "", "kept")]


def test_an_episode_deleted_takes_its_transcript_and_its_search_entries(library, episode):
    library.store_transcript(episode.id, fetched(Cue(0, 1, "", "ephemeral words")))
    library.delete_episode(episode.id)
    assert library.stored_transcript(episode.id) is None
    assert library.search("ephemeral").transcripts == ()


def test_search_finds_cues_with_time_sentence_and_match_in_bold_html_escaped(library, episode):
    library.store_transcript(
        episode.id,
        fetched(
            Cue(62_000, 66_000, "主持人", "今天我们聊聊萤火虫和夜晚"),
            Cue(4000, 9500, "Bob", "Fireflies <glow> bright"),
        ),
    )
    hits = library.search("glow").transcripts
    assert [(h.kind, h.episode_id, h.start_ms) for h in hits] == [("transcript", episode.id, 4000)]
    assert hits[0].snippet == "Fireflies <«glow»> bright"
    assert hits[0].snippet_html == "Fireflies &lt;<b>glow</b>&gt; bright"
    assert hits[0].episode_title == "Fireflies <b>and</b> moths"
    for indexed in (False, True):  # scanned while not indexed; then 1-2 by the character index, 3 by trigrams
        if indexed:
            library.index_transcripts()
        for query in ("萤", "萤火", "萤火虫", "夜晚"):
            found = library.search(query).transcripts
            assert [(h.start_ms, h.title) for h in found] == [(62_000, "今天我们聊聊萤火虫和夜晚")], query
        assert library.search("虫萤").transcripts == ()
    assert list(library.search("萤火虫"))[0].kind == "transcript"  # no chapter matched: cues come first


def test_transcript_hits_are_grouped_by_episode_in_time_order(library, episode):
    other = library.add_episode(episode.podcast_id, "Second", published_at=1_700_000_100)
    library.store_transcript(
        episode.id, fetched(Cue(9000, 9500, "", "moth at nine"), Cue(1000, 2000, "", "moth"))
    )
    library.store_transcript(other.id, fetched(Cue(3000, 4000, "", "a moth moth moth")))
    hits = library.search("moth").transcripts
    groups = [h.episode_id for h in hits]
    assert sorted(groups[:2] if groups[0] == episode.id else groups[1:]) == [episode.id, episode.id]
    mine = [h.start_ms for h in hits if h.episode_id == episode.id]
    assert mine == [1000, 9000]


def test_companion_add_takes_a_transcript_beside_the_audio_and_prints_it(capsys, tmp_path, library_path):
    audio = write_tone_wav(tmp_path / "show.wav", [(2, 440)])
    (tmp_path / "show.vtt").write_text(VTT, encoding="utf-8")
    code, out, err = run(
        capsys, "--library", str(library_path), "add", str(audio), "--title", "Night", "--json"
    )
    assert (code, err) == (0, "")
    added = json.loads(out)
    assert added["transcript_cues"] == 3
    code, out, err = run(capsys, "--library", str(library_path), "transcript", str(added["id"]), "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert doc["source"]["path"] == str((tmp_path / "show.vtt").resolve())
    assert doc["source"]["format"] == "vtt"
    assert doc["cues"][1] == {
        "start_ms": 4000,
        "end_ms": 9500,
        "speaker": "Bob",
        "text": "Fireflies glow brighter in June.",
    }
    code, out, _ = run(capsys, "--library", str(library_path), "transcript", str(added["id"]))
    assert out.splitlines()[2] == " 0:01:02  主持人: 今天我们聊聊萤火虫和夜晚的花园。"
    code, out, _ = run(capsys, "--library", str(library_path), "transcript", str(added["id"]), "--srt")
    assert "00:00:04,000 --> 00:00:09,500" in out
    code, out, _ = run(capsys, "--library", str(library_path), "transcript", str(added["id"]), "--vtt")
    assert out.startswith("WEBVTT") and "<v Bob>" in out
    code, out, _ = run(capsys, "--library", str(library_path), "search", "萤火")
    assert "Said in transcripts (1)" in out and "1:02" in out and "«萤火»" in out


def test_companion_add_transcript_file_wins_and_a_bad_one_adds_nothing(capsys, tmp_path, library_path):
    audio = write_tone_wav(tmp_path / "show.wav", [(2, 440)])
    (tmp_path / "show.vtt").write_text(VTT, encoding="utf-8")
    srt = tmp_path / "other.srt"
    srt.write_text(SRT, encoding="utf-8")
    lib = ["--library", str(library_path)]
    code, out, err = run(capsys, *lib, "add", str(audio), "--title", "A", "--transcript", str(srt), "--json")
    assert code == 0, err
    episode_id = json.loads(out)["id"]
    code, out, _ = run(capsys, *lib, "transcript", str(episode_id), "--json")
    assert [c["speaker"] for c in json.loads(out)["cues"]] == ["Anna", ""]
    (tmp_path / "empty.vtt").write_bytes(b"")
    bad_files = (
        (tmp_path / "missing.vtt", "There is no transcript file"),
        (tmp_path / "empty.vtt", "holds no text"),
        (tmp_path / "notes.pdf", "not a transcript the app reads"),
    )
    for bad, says in bad_files:
        code, out, err = run(capsys, *lib, "add", str(audio), "--title", "B", "--transcript", str(bad))
        assert code == 1 and says in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, *lib, "list", "--json")
    assert [e["title"] for e in json.loads(out)] == ["A"]


def test_companion_transcript_of_an_episode_without_one_says_so(capsys, library_path, episode):
    code, out, err = run(capsys, "--library", str(library_path), "transcript", str(episode.id))
    assert code == 1 and "has no transcript" in err
    code, out, err = run(capsys, "--library", str(library_path), "transcript", "999")
    assert code == 1 and "No episode with id 999" in err


def test_read_transcript_file_reads_json_and_refuses_the_library_itself(
    library, library_path, tmp_path: Path
):
    doc = {
        "version": "1.0.0",
        "segments": [{"speaker": "A", "startTime": 1.5, "endTime": 2.0, "body": "Hi there"}],
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert [(c.start_ms, c.text) for c in read_transcript_file(path).cues] == [(1500, "Hi there")]
    from companion.services.transcripts import attach_transcript_file

    podcast = library.add_podcast("P", feed_url="https://example.org/p.xml")
    ep = library.add_episode(podcast.id, "E")
    with pytest.raises(Exception, match="own database file"):
        attach_transcript_file(library, ep.id, library_path)
    assert attach_transcript_file(library, ep.id, path).cue_count == 1


def test_cues_are_found_before_and_after_they_enter_the_index_and_leave_it_when_replaced(library, episode):
    library.store_transcript(
        episode.id, fetched(*(Cue(n * 1000, n * 1000 + 900, "", f"phrase {n} glimmer") for n in range(1200)))
    )
    assert library.transcripts_to_index() == 1200
    assert len(library.search("glimmer").transcripts) == 50  # found by a scan: not indexed yet
    assert library.index_transcripts_step(500) == 700
    assert [h.start_ms for h in library.search("phrase 1199 glimmer").transcripts] == [1_199_000]
    assert [h.start_ms for h in library.search("phrase 3 glimmer").transcripts] == [3000]  # from the index
    library.index_transcripts()
    assert library.transcripts_to_index() == 0
    library.store_transcript(episode.id, fetched(Cue(0, 1, "", "brand new words")))
    assert library.transcripts_to_index() == 1201  # 1,200 to take out, one to put in
    assert library.search("glimmer").transcripts == ()  # gone at once, though still in the index
    library.index_transcripts()
    assert library.db.conn.execute("SELECT count(*) FROM transcript_unindex").fetchone()[0] == 0
    assert [h.title for h in library.search("brand new").transcripts] == ["brand new words"]
    rows = library.db.conn.execute(
        "SELECT rowid FROM search_cues WHERE search_cues MATCH '\"glimmer\"'"
    ).fetchall()
    assert rows == []


def test_a_command_leaves_the_index_up_to_date(capsys, tmp_path, library_path):
    audio = write_tone_wav(tmp_path / "show.wav", [(2, 440)])
    (tmp_path / "show.vtt").write_text(VTT, encoding="utf-8")
    assert run(capsys, "--library", str(library_path), "add", str(audio), "--title", "Night")[0] == 0
    library = Library(library_path)
    try:
        assert library.transcripts_to_index() == 0
        assert library.db.conn.execute("SELECT count(*) FROM search_cues").fetchone()[0] == 3
    finally:
        library.close()
