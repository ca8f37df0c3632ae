"""Audio whose every moment can be told from what is heard: three tones name the second and its fraction."""

from __future__ import annotations

import os
import wave
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000
AMPLITUDE = 0.22  # per tone; three tones stay clear of clipping
SECOND_HZ = (300.0, 40.0)  # the second within the minute: 300 + 40 * (s % 60)  -> 300..2660 Hz
MINUTE_HZ = (2900.0, 40.0)  # the minute: 2900 + 40 * (s // 60)                    -> up to 90 min
FRACTION_HZ = (6000.0, 1500.0)  # a chirp through each second: 6000 + 1500 * fraction -> 6000..7500 Hz
MAX_MINUTES = 90


def write_position_wav(
    path: Path | str, seconds: int, offset_s: int = 0, sample_rate: int = SAMPLE_RATE
) -> Path:
    """A mono 16-bit WAV of ``seconds`` whose sound at any moment names that moment (plus ``offset_s``,
    so that two episodes never sound alike)."""
    if offset_s + seconds > MAX_MINUTES * 60:
        raise ValueError(f"at most {MAX_MINUTES} minutes")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    n = np.arange(sample_rate, dtype=np.float64)
    frac = n / sample_rate
    # the chirp's phase is the integral of its frequency; whole cycles per second keep seconds seamless
    f0, df = FRACTION_HZ
    chirp = np.sin(2 * np.pi * (f0 * frac + df * frac * frac / 2))
    with wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        for chunk_start in range(offset_s, offset_s + seconds, 60):
            chunk = []
            for s in range(chunk_start, min(offset_s + seconds, chunk_start + 60)):
                fs = SECOND_HZ[0] + SECOND_HZ[1] * (s % 60)
                fm = MINUTE_HZ[0] + MINUTE_HZ[1] * (s // 60)
                # whole-number frequencies over whole seconds: every second starts at phase 0
                tone = np.sin(2 * np.pi * fs * frac) + np.sin(2 * np.pi * fm * frac) + chirp
                chunk.append(tone)
            samples = np.concatenate(chunk) * (AMPLITUDE * 32767)
            out.writeframes(samples.astype("<i2").tobytes())
    os.replace(tmp, path)
    return path


def _peak(spectrum: np.ndarray, lo: float, hi: float, hz_per_bin: float) -> tuple[float, float]:
    a, b = int(lo / hz_per_bin), int(hi / hz_per_bin) + 1
    band = spectrum[a:b]
    i = int(np.argmax(band))
    # parabolic interpolation of the peak
    if 0 < i < len(band) - 1:
        left, mid, right = band[i - 1], band[i], band[i + 1]
        denom = left - 2 * mid + right
        shift = 0.5 * (left - right) / denom if denom else 0.0
    else:
        shift = 0.0
    return (a + i + shift) * hz_per_bin, float(band[i])


def decode_samples(samples: np.ndarray, sample_rate: int, window_s: float = 0.04, hop_s: float = 0.02):
    """(output time s, heard position s) pairs; moments near a second's edge, or silent, are left out."""
    win = int(sample_rate * window_s)
    hop = int(sample_rate * hop_s)
    nfft = 4096 if sample_rate <= 16_000 else 8192
    hz_per_bin = sample_rate / nfft
    taper = np.hanning(win)
    heard: list[tuple[float, float]] = []
    if len(samples) < win:
        return heard
    frames = np.lib.stride_tricks.sliding_window_view(samples, win)[::hop] * taper
    spectra = np.abs(np.fft.rfft(frames, n=nfft, axis=1))
    level = float(np.percentile(spectra.max(axis=1), 90)) if len(spectra) else 0.0
    for k, spectrum in enumerate(spectra):
        fs, a1 = _peak(spectrum, SECOND_HZ[0] - 20, SECOND_HZ[0] + 59 * SECOND_HZ[1] + 20, hz_per_bin)
        fm, a2 = _peak(
            spectrum, MINUTE_HZ[0] - 20, MINUTE_HZ[0] + MAX_MINUTES * MINUTE_HZ[1] + 20, hz_per_bin
        )
        fc, a3 = _peak(spectrum, FRACTION_HZ[0] - 60, FRACTION_HZ[0] + FRACTION_HZ[1] + 60, hz_per_bin)
        if min(a1, a2, a3) < 0.1 * level:
            continue  # silence or a gap
        frac = (fc - FRACTION_HZ[0]) / FRACTION_HZ[1]
        if not 0.06 < frac < 0.94:
            continue  # a window across a second's edge hears two seconds
        s_in_min = round((fs - SECOND_HZ[0]) / SECOND_HZ[1])
        minute = round((fm - MINUTE_HZ[0]) / MINUTE_HZ[1])
        if not (0 <= s_in_min < 60 and 0 <= minute <= MAX_MINUTES):
            continue
        t_out = (k * hop + win / 2) / sample_rate
        heard.append((t_out, minute * 60 + s_in_min + frac))
    return heard


def read_wav_growing(path: Path | str) -> tuple[np.ndarray, int]:
    """The samples of a WAV that may still be being written (its header's sizes not filled in yet)."""
    data = Path(path).read_bytes()
    if len(data) < 44 or data[:4] != b"RIFF":
        return np.zeros(0), SAMPLE_RATE
    pos = 12
    rate, channels, width = SAMPLE_RATE, 1, 2
    while pos + 8 <= len(data):
        cid, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        if cid == b"fmt ":
            channels = int.from_bytes(data[pos + 10 : pos + 12], "little")
            rate = int.from_bytes(data[pos + 12 : pos + 16], "little")
            width = int.from_bytes(data[pos + 22 : pos + 24], "little") // 8
        if cid == b"data":
            body = data[pos + 8 :]
            break
        pos += 8 + size
    else:
        return np.zeros(0), rate
    if width != 2:
        raise ValueError(f"expected 16-bit samples, got {width * 8}-bit")
    usable = len(body) // (2 * channels) * 2 * channels
    x = np.frombuffer(body[:usable], dtype="<i2").astype(np.float64)
    if channels > 1:
        x = x.reshape(-1, channels).mean(axis=1)
    return x, rate
