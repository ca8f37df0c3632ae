"""Words and marks that frame a timeline: labels, section markers, trailers (both languages)."""

from __future__ import annotations

import re

# Words that introduce a timeline ("时间线跳转:", "Timestamps:"): never a section heading.
LABEL_RE = re.compile(
    r"(?:时间线|时间轴|时间戳|时间点|时间码|章节|目录|内容提要|本期看点|本期要点|节目要点"
    r"|\b(?:time ?stamps?|chapters?|timeline|time ?codes?|contents|outline|show ?notes)\b)"
    r"[^\s:：。.!?！？]{0,6}[:：]?",
    re.IGNORECASE,
)

# A label that clearly opens a list ("时间线跳转:", "Chapters:"): a timeline starts after it.
LABEL_COLON_RE = re.compile(LABEL_RE.pattern.replace("[:：]?", "[:：]"), re.IGNORECASE)


# A section marker inside a flattened line: a bullet after whitespace, or Part N / 第N部分.
BULLETS = "-*·•●▪◆►"
# Matches start at the whitespace in front of the marker: search " " + text for line starts.
SECTION_MARK_RE = re.compile(
    r"\s(?:(?P<bullet>[-*·•●▪◆►])(?=\s*[^\s\-*·•●▪◆►])"
    r"|(?P<part>(?:Part|PART|Chapter|CHAPTER|Section|Act)\s*(?:[0-9]{1,2}|[IVX]{1,4})\b"
    r"|第[一二三四五六七八九十百0-9]{1,3}(?:部分|章|节|段|幕|篇)))"
)


# Text that ends a timeline: everything from the first match on is not part of a title.
# Keep every trailer here (Chinese and English).
_TRAILER_PHRASES_ZH = (
    "相关链接", "相关阅读", "相关节目", "相关内容", "相关文章", "延伸阅读", "参考链接", "参考资料",
    "参考文献", "附录", "本期主播", "本期嘉宾", "登场人物", "出场人物", "剪辑制作", "后期制作",
    "关注公众号", "欢迎关注", "往期", "图文版", "商务合作", "联系我们", "收听方式", "节目信息",
    "制作团队", "片尾曲", "片头曲", "本期音乐",
)  # fmt: skip
_TRAILER_WORDS_ZH = (
    "剪辑", "后期", "制作", "主播", "嘉宾", "音乐", "封面", "题图", "头图", "监制", "编辑",
    "策划", "录音", "配乐", "文稿", "设计", "主持", "出品", "声明",
)  # fmt: skip
_TRAILER_EN = (
    r"(?:Links|Related|Credits|Resources|References|Sponsors?|Music|Hosts?|Guests?|Producers?"
    r"|Editor|Transcript|Show ?notes|Support us|Subscribe|Follow us|Mentioned)\s*[:：]"
    r"|Links mentioned|Related (?:episodes|links|reading)|Further reading|Credits\b"
    r"|(?:Produced|Edited|Hosted|Mixed) by\b|Music by\b|Subscribe (?:to|on)\b"
)
TRAILER_RE = re.compile(
    r"[☆★]"
    r"|(?:(?<=\s)|^)(?:"
    + "|".join(_TRAILER_PHRASES_ZH)
    + r"|(?:"
    + "|".join(_TRAILER_WORDS_ZH)
    + r")[:：]|"
    + _TRAILER_EN
    + r")"
    r"|\s[-=_~]{3,}"
)


SEPARATOR_RE = re.compile(r"\s[-=_~]{3,}")


def cut_trailer(text: str) -> str:
    """Text up to the first trailer marker (the text itself when the cut would empty it)."""
    for match in TRAILER_RE.finditer(text):
        if text[: match.start()].strip():
            return text[: match.start()]
    return text
