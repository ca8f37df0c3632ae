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
# A bracketed heading ("航海时代 【下篇】地图的未来 26:40") counts after a title, not right after a time.
SECTION_MARK_RE = re.compile(
    r"\s(?:(?P<bullet>[-*·•●▪◆►])(?=\s*[^\s\-*·•●▪◆►])"
    r"|(?P<part>(?:Part|PART|Chapter|CHAPTER|Section|Act)\s*(?:[0-9]{1,2}|[IVX]{1,4})\b"
    r"|第[一二三四五六七八九十百0-9]{1,3}(?:部分|章|节|段|幕|篇))"
    r"|(?<=[^\s\]）)】」』>:：]\s)(?P<bracket>【)(?=[^】\n]{1,30}】))"
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

# A line that only announces the timeline ("【时间线】", "**Chapters**", "本期时间轴 ↓", "## 时间线",
# "本期内容：", "In this episode:"): never a section heading.
_LABEL_WORDS = (
    r"(?:本期|这期|本集|节目|this episode'?s?|episode)?\s*"
    r"(?:时间线|时间轴|时间戳|时间点|时间码|章节|目录|内容提要|内容|看点|要点|话题|大纲|导航|导读|概要|提要"
    r"|食用指南|收听指南|时间线跳转|快速跳转|跳转"
    r"|time ?stamps?|chapters?|chapter markers|timeline|time ?codes?|contents|table of contents|outline"
    r"|show ?notes|episode guide|guide|topics(?: covered)?|in this episode|highlights|summary|rundown)"
)
LABEL_LINE_RE = re.compile(
    r"[^\w\n]{0,8}" + _LABEL_WORDS + r"[^\w\s]{0,3}\s*(?:[（(][^()（）\n]{0,30}[)）])?[^\w\n]{0,8}",
    re.IGNORECASE,
)
# A line ending in a colon that introduces what follows ("本期节目我们聊到了：", "In this episode we cover:").
_INTRO_RE = re.compile(
    r"(?:本期|这期|我们|聊到|聊了|包括|以下|如下|点击|跳转|episode|\bwe\b|this week|today|below|following"
    r"|jump|skip|click)"
    r"[^\n]{0,40}[:：]\s*$",
    re.IGNORECASE,
)


def is_label_line(line: str) -> bool:
    """True for a line that introduces a timeline or a list rather than heading a section."""
    core = line.strip()
    if not core or len(core) > 60:
        return False
    if LABEL_LINE_RE.fullmatch(core) is not None:
        return True
    if "/" in core or "|" in core or "｜" in core:  # "Timeline / 时间线"
        parts = re.split(r"[/|｜]", core)
        if all(LABEL_LINE_RE.fullmatch(part.strip()) for part in parts if part.strip()):
            return True
    return core[-1] in ":：" and _INTRO_RE.search(core) is not None


# A line after which a timeline's list is over: links, credits, a glossary, music, books.
STOP_RE = re.compile(
    r"^[\s#*>【\[「(（•·\-]*(?:"
    + "|".join(_TRAILER_PHRASES_ZH)
    + r"|(?:"
    + "|".join(_TRAILER_WORDS_ZH)
    + r")\s*[:：]"
    r"|名词解释|术语|提到的|提及的|本期提到|节目中提到|文中提到|书单|歌单|片中音乐|背景音乐|BGM"
    r"|推荐收听|更多节目|上期节目"
    r"|(?:glossary|terms|mentioned|music|songs|tracks?|tracklist|playlist|books|links|credits|resources"
    r"|references|sponsors?|further reading|(?:previous|past|more|other|related) episodes)\b"
    r")",
    re.IGNORECASE,
)


def cut_trailer(text: str) -> str:
    """Text up to the first trailer marker (the text itself when the cut would empty it)."""
    for match in TRAILER_RE.finditer(text):
        if text[: match.start()].strip():
            return text[: match.start()]
    return text
