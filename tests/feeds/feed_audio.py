"""Generated audio files with embedded chapters (ID3 CHAP in WAV, MP4 Nero, Ogg Opus) for feed tests."""

from __future__ import annotations

import struct
from pathlib import Path


def _atom(name: bytes, data: bytes) -> bytes:
    return struct.pack(">I", 8 + len(data)) + name + data


def _full_atom(name: bytes, data: bytes, version: int = 0) -> bytes:
    return _atom(name, bytes([version, 0, 0, 0]) + data)


def write_mp4_with_chapters(path: Path, chapters: list[tuple[float, str]], seconds: int = 90) -> Path:
    """A minimal M4A (one sound track, no samples) with Nero chapters (moov/udta/chpl)."""
    mvhd = _full_atom(b"mvhd", struct.pack(">IIII", 0, 0, 1000, seconds * 1000) + b"\x00" * 80)
    mdhd = _full_atom(b"mdhd", struct.pack(">IIIIHH", 0, 0, 8000, seconds * 8000, 0x55C4, 0))
    hdlr = _full_atom(b"hdlr", struct.pack(">I", 0) + b"soun" + b"\x00" * 12 + b"sound\x00")
    stsd = _full_atom(b"stsd", struct.pack(">I", 0))
    trak = _atom(b"trak", _atom(b"mdia", mdhd + hdlr + _atom(b"minf", _atom(b"stbl", stsd))))
    body = b"".join(
        struct.pack(">Q", int(start * 10_000_000)) + bytes([len(t.encode())]) + t.encode()
        for start, t in chapters
    )
    chpl = _full_atom(b"chpl", b"\x00" * 4 + bytes([len(chapters)]) + body, version=1)
    moov = _atom(b"moov", mvhd + trak + _atom(b"udta", chpl))
    path.write_bytes(_atom(b"ftyp", b"M4A \x00\x00\x00\x00M4A mp42isom") + moov)
    return path


def write_opus_with_chapters(path: Path, chapters: dict[str, str], seconds: int = 90) -> Path:
    """A minimal Ogg Opus file (head, tags, one silent packet) whose comments are ``chapters``."""
    from mutagen.ogg import OggPage
    from mutagen.oggopus import OggOpus

    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    tags = b"OpusTags" + struct.pack("<I", 6) + b"tester" + struct.pack("<I", 0)
    with open(path, "wb") as out:
        for seq, (packet, granule) in enumerate(
            [(head, 0), (tags, 0), (b"\xf8\xff\xfe", seconds * 48000 + 312)]
        ):
            page = OggPage()
            page.serial, page.sequence, page.position, page.packets = 1234, seq, granule, [packet]
            page.first, page.last = seq == 0, seq == 2
            out.write(page.write())
    audio = OggOpus(path)
    audio.update(chapters)
    audio.save()
    return path


def write_wav_with_id3_chapters(
    path: Path, chapters: list[tuple[int, int, str]], with_toc: bool, seconds: int = 90
) -> Path:
    """A tone WAV (companion.services.tones) with ID3 CHAP frames written by mutagen, with or without CTOC."""
    from mutagen.id3 import CHAP, CTOC, TIT2, CTOCFlags
    from mutagen.wave import WAVE

    from companion.services.tones import chapter_tones, write_tone_wav

    write_tone_wav(path, chapter_tones([start // 1000 for start, _, _ in chapters], seconds))
    audio = WAVE(path)
    audio.add_tags()
    ids = []
    for index, (start, end, title) in enumerate(chapters):
        element_id = f"chp{index}"
        ids.append(element_id)
        sub = [TIT2(encoding=3, text=[title])] if title else []
        audio.tags.add(CHAP(element_id=element_id, start_time=start, end_time=end, sub_frames=sub))
    if with_toc:
        # deliberately not flagged top-level: many taggers leave it out
        audio.tags.add(CTOC(element_id="toc", flags=CTOCFlags.ORDERED, child_element_ids=list(reversed(ids))))
    audio.save()
    return path
