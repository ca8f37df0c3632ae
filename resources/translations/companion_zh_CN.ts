<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddEpisodeDialog</name>
    <message>
        <source>A transcript file (.vtt, .srt, .json): optional, one beside the audio is found</source>
        <translation>文字稿文件（.vtt、.srt、.json）：可选，音频旁边的同名文件会自动找到</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add episode</source>
        <translation>添加单集</translation>
    </message>
    <message>
        <source>An audio file, or an http(s) address</source>
        <translation>音频文件，或 http(s) 地址</translation>
    </message>
    <message>
        <source>Audio (*.mp3 *.m4a *.m4b *.aac *.ogg *.opus *.oga *.flac *.wav);;All files (*)</source>
        <translation>音频 (*.mp3 *.m4a *.m4b *.aac *.ogg *.opus *.oga *.flac *.wav);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Audio:</source>
        <translation>音频：</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>Choose an audio file or type its address.</source>
        <translation>请选择音频文件或输入它的地址。</translation>
    </message>
    <message>
        <source>Episode title</source>
        <translation>单集标题</translation>
    </message>
    <message>
        <source>Give the episode a title.</source>
        <translation>请为单集填写标题。</translation>
    </message>
    <message>
        <source>Load notes from a file…</source>
        <translation>从文件载入节目简介…</translation>
    </message>
    <message>
        <source>Paste the show notes here (text or HTML); a timeline becomes chapters.</source>
        <translation>在此粘贴节目简介（纯文本或 HTML）；其中的时间轴会变成章节。</translation>
    </message>
    <message>
        <source>Show notes</source>
        <translation>节目简介</translation>
    </message>
    <message>
        <source>Show notes:</source>
        <translation>节目简介：</translation>
    </message>
    <message>
        <source>Text or HTML (*.txt *.html *.htm *.md);;All files (*)</source>
        <translation>文本或 HTML (*.txt *.html *.htm *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Transcript:</source>
        <translation>文字稿：</translation>
    </message>
    <message>
        <source>Transcripts (*.vtt *.srt *.json *.html *.htm *.txt);;All files (*)</source>
        <translation>文字稿 (*.vtt *.srt *.json *.html *.htm *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>AddPodcastDialog</name>
    <message>
        <source>Add podcast</source>
        <translation>添加播客</translation>
    </message>
    <message>
        <source>Feed address, web page or file:</source>
        <translation>订阅源地址、网页或文件：</translation>
    </message>
    <message>
        <source>Feeds (*.xml *.rss);;All files (*)</source>
        <translation>订阅源 (*.xml *.rss);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>订阅</translation>
    </message>
    <message>
        <source>https://example.org/feed.xml, the podcast&apos;s web page, or a feed file</source>
        <translation>https://example.org/feed.xml、播客的网页，或订阅源文件</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Podcast Companion</source>
        <translation>播客伴侣</translation>
    </message>
</context>
<context>
    <name>BookmarkActions</name>
    <message>
        <source>Add bookmark at {time}</source>
        <translation>在 {time} 添加书签</translation>
    </message>
    <message>
        <source>Bookmark added</source>
        <translation>已添加书签</translation>
    </message>
    <message>
        <source>Bookmark deleted (Undo puts it back)</source>
        <translation>书签已删除（撤销可恢复）</translation>
    </message>
    <message>
        <source>Bookmarked {time} of “{title}”</source>
        <translation>已为“{title}”的 {time} 添加书签</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete bookmark at {time}</source>
        <translation>删除 {time} 的书签</translation>
    </message>
    <message>
        <source>Delete episode</source>
        <translation>删除单集</translation>
    </message>
    <message>
        <source>Delete “{title}” from the library?</source>
        <translation>要从资料库中删除“{title}”吗？</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>已删除“{title}”</translation>
    </message>
    <message>
        <source>Edit bookmark</source>
        <translation>编辑书签</translation>
    </message>
    <message>
        <source>Export bookmarks</source>
        <translation>导出书签</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n bookmark(s) to {path}</source>
        <translation>
            <numerusform>已将 %n 个书签导出到 {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Its %n bookmark(s) will be deleted with it.</source>
        <translation>
            <numerusform>它的 %n 个书签也会一并删除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Play an episode to bookmark a moment of it.</source>
        <translation>请先播放一个单集，再为其中的时刻添加书签。</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Unstar</source>
        <translation>取消收藏</translation>
    </message>
</context>
<context>
    <name>BookmarkDialog</name>
    <message>
        <source>(no chapter)</source>
        <translation>（无章节）</translation>
    </message>
    <message>
        <source>A note (optional): Enter saves, Shift+Enter starts a new line</source>
        <translation>备注（可选）：Enter 保存，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Chapter:</source>
        <translation>章节：</translation>
    </message>
    <message>
        <source>H:MM:SS or seconds</source>
        <translation>H:MM:SS 或秒数</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>The time should look like 1:02:03 (or be seconds).</source>
        <translation>时间应写成 1:02:03 这样（或秒数）。</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
</context>
<context>
    <name>BookmarkListModel</name>
    <message>
        <source>Added {date}</source>
        <translation>添加于 {date}</translation>
    </message>
</context>
<context>
    <name>BookmarksUi</name>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Bookmarks ({count})</source>
        <translation>书签（{count}）</translation>
    </message>
    <message>
        <source>Delete episode…</source>
        <translation>删除单集…</translation>
    </message>
    <message>
        <source>Export bookmarks…</source>
        <translation>导出书签…</translation>
    </message>
    <message>
        <source>Redo it</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Star this episode</source>
        <translation>收藏这个单集</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>已收藏</translation>
    </message>
    <message>
        <source>Undo the last bookmark or star change</source>
        <translation>撤销上一次书签或收藏的更改</translation>
    </message>
    <message>
        <source>Unstar</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <source>Unstar this episode</source>
        <translation>取消收藏这个单集</translation>
    </message>
    <message>
        <source>Unstarred</source>
        <translation>已取消收藏</translation>
    </message>
</context>
<context>
    <name>BookmarksView</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete bookmark</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Filter bookmarks</source>
        <translation>筛选书签</translation>
    </message>
    <message>
        <source>In a bookmarks list</source>
        <translation>在书签列表中</translation>
    </message>
    <message>
        <source>No bookmarks here yet.
Press Ctrl+B while listening, or right-click a chapter or a timestamp: “Bookmark this moment”.</source>
        <translation>这里还没有书签。
收听时按 Ctrl+B，或右键点击章节或时间戳：“为此刻添加书签”。</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>从这里播放</translation>
    </message>
</context>
<context>
    <name>ChapterListView</name>
    <message>
        <source>Bookmark this moment</source>
        <translation>为此刻添加书签</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>从这里播放</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>{time} · past the end</source>
        <translation>{time} · 超出结尾</translation>
    </message>
    <message>
        <source>{title} (starts after the end of the audio)</source>
        <translation>{title}（开始于音频结束之后）</translation>
    </message>
</context>
<context>
    <name>ChapterSource</name>
    <message>
        <source>Chapters in the audio file</source>
        <translation>音频文件中的章节</translation>
    </message>
    <message>
        <source>Chapters in the audio file (MP4)</source>
        <translation>音频文件中的章节（MP4）</translation>
    </message>
    <message>
        <source>Chapters in the audio file (Ogg, Opus, FLAC)</source>
        <translation>音频文件中的章节（Ogg、Opus、FLAC）</translation>
    </message>
    <message>
        <source>Publisher chapters</source>
        <translation>发布者提供的章节</translation>
    </message>
    <message>
        <source>Publisher chapters (Podlove)</source>
        <translation>发布者提供的章节（Podlove）</translation>
    </message>
    <message>
        <source>Show-notes timeline</source>
        <translation>节目简介中的时间轴</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n 个单集</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(past the end of the audio)</source>
        <translation>（超出音频结尾）</translation>
    </message>
    <message>
        <source>(subscribed)</source>
        <translation>（已订阅）</translation>
    </message>
    <message>
        <source>, {count} failed:</source>
        <translation>，{count} 个失败：</translation>
    </message>
    <message>
        <source>--limit must be from 1 to {most} (got {limit})</source>
        <translation>--limit 必须在 1 到 {most} 之间（收到的是 {limit}）</translation>
    </message>
    <message numerus="yes">
        <source>Added episode {id}: {title} (%n chapter(s))</source>
        <translation>
            <numerusform>已添加单集 {id}：{title}（%n 个章节）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added episode {id}: {title} (%n chapter(s), a transcript of {cues} cues)</source>
        <translation>
            <numerusform>已添加单集 {id}：{title}（%n 个章节，文字稿 {cues} 句）</numerusform>
        </translation>
    </message>
    <message>
        <source>Audio: {media}</source>
        <translation>音频：{media}</translation>
    </message>
    <message>
        <source>Bookmark {id}: {title} at {time}</source>
        <translation>书签 {id}：{title}，{time}</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Chapters</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Chapters ({source}):</source>
        <translation>章节（{source}）：</translation>
    </message>
    <message>
        <source>Created the demo podcast “{title}” in {path}</source>
        <translation>已在 {path} 中创建演示播客“{title}”</translation>
    </message>
    <message>
        <source>Deleted bookmark {id} ({title} at {time})</source>
        <translation>已删除书签 {id}（{title}，{time}）</translation>
    </message>
    <message>
        <source>Deleted the download of episode {id}.</source>
        <translation>已删除单集 {id} 的下载。</translation>
    </message>
    <message>
        <source>Downloaded episode {id} to {path}</source>
        <translation>已将单集 {id} 下载到 {path}</translation>
    </message>
    <message>
        <source>Downloading… {percent}({size})</source>
        <translation>正在下载… {percent}（{size}）</translation>
    </message>
    <message>
        <source>Episode {id} had no download.</source>
        <translation>单集 {id} 没有下载。</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>单集</translation>
    </message>
    <message>
        <source>Length: {time}</source>
        <translation>时长：{time}</translation>
    </message>
    <message>
        <source>No bookmarks hold “{text}”.</source>
        <translation>没有包含“{text}”的书签。</translation>
    </message>
    <message>
        <source>No bookmarks.</source>
        <translation>没有书签。</translation>
    </message>
    <message>
        <source>No subscriptions to refresh. Subscribe with: companion subscribe URL</source>
        <translation>没有可刷新的订阅。订阅方法：companion subscribe URL</translation>
    </message>
    <message>
        <source>No subscriptions. Subscribe with: companion subscribe URL</source>
        <translation>没有订阅。订阅方法：companion subscribe URL</translation>
    </message>
    <message>
        <source>Nothing found for “{query}”.</source>
        <translation>没有找到“{query}”。</translation>
    </message>
    <message>
        <source>Nothing new to subscribe to in {file}.</source>
        <translation>{file} 中没有新的可订阅内容。</translation>
    </message>
    <message>
        <source>Nothing was removed.</source>
        <translation>没有移除任何内容。</translation>
    </message>
    <message>
        <source>Nothing was removed: add --yes to unsubscribe without being asked.</source>
        <translation>没有移除任何内容：加上 --yes 可不经询问直接取消订阅。</translation>
    </message>
    <message>
        <source>Position: {time}</source>
        <translation>播放位置：{time}</translation>
    </message>
    <message>
        <source>Said in transcripts</source>
        <translation>文字稿中提到</translation>
    </message>
    <message>
        <source>Starred episode {id}: {title}</source>
        <translation>已收藏单集 {id}：{title}</translation>
    </message>
    <message>
        <source>Stopped; run the same command again to resume.</source>
        <translation>已停止；再次运行同一命令即可继续。</translation>
    </message>
    <message>
        <source>Subscribe with: companion subscribe FEED_URL</source>
        <translation>订阅方法：companion subscribe FEED_URL</translation>
    </message>
    <message numerus="yes">
        <source>Subscribed to “{title}” (podcast {id}): %n new episode(s), {updated} updated.</source>
        <translation>
            <numerusform>已订阅“{title}”（播客 {id}）：%n 个新单集，{updated} 个已更新。</numerusform>
        </translation>
    </message>
    <message>
        <source>The feed moved permanently; its new address is stored: {address}</source>
        <translation>订阅源已永久迁移；已保存它的新地址：{address}</translation>
    </message>
    <message>
        <source>The library has no episodes. Add one with: companion add FILE --title TITLE</source>
        <translation>资料库中没有单集。添加方法：companion add FILE --title TITLE</translation>
    </message>
    <message>
        <source>Type yes to unsubscribe: </source>
        <translation>输入 yes（或“是”）确认取消订阅：</translation>
    </message>
    <message>
        <source>Unstarred episode {id}: {title}</source>
        <translation>已取消收藏单集 {id}：{title}</translation>
    </message>
    <message>
        <source>Unsubscribe from “{title}”?</source>
        <translation>要取消订阅“{title}”吗？</translation>
    </message>
    <message>
        <source>Unsubscribed from “{title}”.</source>
        <translation>已取消订阅“{title}”。</translation>
    </message>
    <message>
        <source>Up Next is empty. Add an episode with: companion queue add ID</source>
        <translation>待播清单是空的。添加方法：companion queue add ID</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n bookmark(s) to {path}</source>
        <translation>
            <numerusform>已将 %n 个书签写入 {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n subscription(s) to {path}</source>
        <translation>
            <numerusform>已将 %n 个订阅写入 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation>作者 {author}</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>companion: note: {warning}</source>
        <translation>companion：注意：{warning}</translation>
    </message>
    <message>
        <source>cover: {path}</source>
        <translation>封面：{path}</translation>
    </message>
    <message>
        <source>demo: made by the app to try it, not a subscription</source>
        <translation>演示：应用为试用而创建，不是订阅</translation>
    </message>
    <message>
        <source>failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <source>last refresh: {when}</source>
        <translation>上次刷新：{when}</translation>
    </message>
    <message>
        <source>local: episodes added by hand, not a subscription</source>
        <translation>本地：手动添加的单集，不是订阅</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>no feed</source>
        <translation>无订阅源</translation>
    </message>
    <message>
        <source>not a duration: {text} (use seconds or H:MM:SS)</source>
        <translation>不是有效的时长：{text}（请使用秒数或 H:MM:SS）</translation>
    </message>
    <message>
        <source>not a time: {text} (use seconds or H:MM:SS, e.g. 1:02:03)</source>
        <translation>不是有效的时间：{text}（请使用秒数或 H:MM:SS，例如 1:02:03）</translation>
    </message>
    <message>
        <source>queue {action} needs an episode id, e.g. companion queue add 42</source>
        <translation>queue {action} 需要单集 id，例如 companion queue add 42</translation>
    </message>
    <message>
        <source>yes</source>
        <comment>the answer that confirms</comment>
        <translation>是</translation>
    </message>
    <message>
        <source>{count} unplayed</source>
        <translation>{count} 个未播放</translation>
    </message>
    <message>
        <source>{done} MB</source>
        <translation>{done} MB</translation>
    </message>
    <message>
        <source>{done} of {total} MB</source>
        <translation>{done}/{total} MB</translation>
    </message>
    <message>
        <source>{done} of {total} feeds done</source>
        <translation>已完成 {done}/{total} 个订阅源</translation>
    </message>
    <message numerus="yes">
        <source>{percent}% ({done} of %n episode(s))</source>
        <translation>
            <numerusform>{percent}%（{done}/%n 个单集）</numerusform>
        </translation>
    </message>
    <message>
        <source>{time} is past the end of episode {id}, which lasts {length}.</source>
        <translation>{time} 超出了单集 {id} 的结尾，它的时长为 {length}。</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Chapter</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Episode</source>
        <translation>单集</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Podcast</source>
        <translation>播客</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
</context>
<context>
    <name>DemoHint</name>
    <message>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Try it: click any timestamp in the notes below, or a chapter, and the episode plays from that moment; each chapter has its own tone, so you hear the seek land.</source>
        <translation>试试看：点击下方简介中的任意时间戳或章节，单集就会从那一刻开始播放；每个章节都有自己的音调，你能听到跳转落在哪里。</translation>
    </message>
</context>
<context>
    <name>DirectoryLines</name>
    <message numerus="yes">
        <source>%n result(s) without a feed address are not shown.</source>
        <translation>
            <numerusform>另有 %n 个结果没有订阅源地址，未列出。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} found %n result(s) for “{term}”, but none gives a feed address, so none can be subscribed to.</source>
        <translation>
            <numerusform>{name} 找到 %n 个“{term}”的结果，但都没有订阅源地址，因此都无法订阅。</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} found no podcasts for “{term}”.</source>
        <translation>{name} 没有找到“{term}”的播客。</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n podcast(s) for “{term}”.</source>
        <translation>
            <numerusform>{name}：找到 %n 个“{term}”的播客。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DirectoryPanel</name>
    <message numerus="yes">
        <source>%n without a feed address not shown.</source>
        <translation>
            <numerusform>另有 %n 个没有订阅源地址，未列出。</numerusform>
        </translation>
    </message>
    <message>
        <source>A podcast&apos;s name, or part of it</source>
        <translation>播客名称，或名称的一部分</translation>
    </message>
    <message>
        <source>Don&apos;t search</source>
        <translation>不搜索</translation>
    </message>
    <message>
        <source>Or find a podcast by name:</source>
        <translation>或按名称查找播客：</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search {name}</source>
        <translation>搜索 {name}</translation>
    </message>
    <message>
        <source>Search {name}? What you type here will be sent to {name} ({host}) to find podcasts. Nothing is sent until you agree, and you are asked once.</source>
        <translation>要搜索 {name} 吗？你在这里输入的内容会发送到 {name}（{host}）以查找播客。在你同意之前不会发送任何内容，而且只问一次。</translation>
    </message>
    <message>
        <source>Searching {name} for “{term}”…</source>
        <translation>正在 {name} 中搜索“{term}”…</translation>
    </message>
    <message>
        <source>Searching {name} is off, as you chose: nothing was sent. You can still add a podcast by its address above, or allow the search in Preferences.</source>
        <translation>按你的选择，已关闭对 {name} 的搜索：没有发送任何内容。你仍可以在上方按地址添加播客，或在偏好设置中允许搜索。</translation>
    </message>
    <message>
        <source>Subscribed: its episodes are in the list.</source>
        <translation>已订阅：它的单集已在列表中。</translation>
    </message>
    <message>
        <source>Subscribing to {url}…</source>
        <translation>正在订阅 {url}…</translation>
    </message>
    <message numerus="yes">
        <source>{name} found %n result(s) for “{term}”, but none gives a feed address to subscribe to.</source>
        <translation>
            <numerusform>{name} 找到 %n 个“{term}”的结果，但都没有可订阅的订阅源地址。</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} found no podcasts for “{term}”.</source>
        <translation>{name} 没有找到“{term}”的播客。</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n podcast(s) for “{term}”.</source>
        <translation>
            <numerusform>{name}：找到 %n 个“{term}”的播客。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadJobsMixin</name>
    <message>
        <source>Download cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
</context>
<context>
    <name>EngineReportsMixin</name>
    <message>
        <source>This stream could not be opened at {time}: its server does not allow jumping within it. Download the episode to jump freely.</source>
        <translation>无法从 {time} 打开这个音频流：它的服务器不允许在其中跳转。下载这个单集后即可自由跳转。</translation>
    </message>
</context>
<context>
    <name>EpisodeDetailMixin</name>
    <message>
        <source>Chapters</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Chapters:</source>
        <translation>章节：</translation>
    </message>
    <message>
        <source>No chapters</source>
        <translation>没有章节</translation>
    </message>
    <message>
        <source>Where these chapters come from</source>
        <translation>这些章节的来源</translation>
    </message>
</context>
<context>
    <name>EpisodeEndMixin</name>
    <message>
        <source>Playback of “{title}” stopped at {time} of {length}: the stream broke off or the file is damaged. Press Play to try again from there.</source>
        <translation>“{title}”的播放停在 {time}（共 {length}）：音频流中断或文件已损坏。按“播放”从那里重试。</translation>
    </message>
    <message>
        <source>{time} is past the end of the audio of “{title}”, which is {length} long (the show notes describe a longer version).</source>
        <translation>{time} 超出了“{title}”音频的结尾，音频时长为 {length}（节目简介描述的是更长的版本）。</translation>
    </message>
</context>
<context>
    <name>EpisodeListModel</name>
    <message>
        <source>Downloaded: plays from the file on this computer</source>
        <translation>已下载：从本机文件播放</translation>
    </message>
    <message>
        <source>Played</source>
        <translation>已播放</translation>
    </message>
</context>
<context>
    <name>EpisodePane</name>
    <message>
        <source>All episodes</source>
        <translation>全部单集</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>未听完</translation>
    </message>
    <message>
        <source>No episodes match this filter.</source>
        <translation>没有符合此筛选条件的单集。</translation>
    </message>
    <message>
        <source>No episodes yet.
Add a podcast (Ctrl+N), import your subscriptions (File ▸ Import OPML…) or add an episode from a file (Ctrl+Shift+N).</source>
        <translation>还没有单集。
添加播客（Ctrl+N）、导入你的订阅（文件 ▸ 导入 OPML…），或从文件添加单集（Ctrl+Shift+N）。</translation>
    </message>
    <message>
        <source>Played</source>
        <translation>已播放</translation>
    </message>
    <message>
        <source>Show the episodes of one podcast</source>
        <translation>只显示一个播客的单集</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>已收藏</translation>
    </message>
    <message>
        <source>Unplayed</source>
        <translation>未播放</translation>
    </message>
    <message>
        <source>all podcasts</source>
        <translation>全部播客</translation>
    </message>
    <message>
        <source>of</source>
        <comment>Show: [All episodes] of [all podcasts]</comment>
        <translation>，来自</translation>
    </message>
</context>
<context>
    <name>FeedJobs</name>
    <message>
        <source>, {count} failed</source>
        <translation>，{count} 个失败</translation>
    </message>
    <message>
        <source>; {moves} (new address kept)</source>
        <translation>；{moves}（已保存新地址）</translation>
    </message>
    <message>
        <source>Adding {address}</source>
        <translation>正在添加 {address}</translation>
    </message>
    <message>
        <source>Importing {file}</source>
        <translation>正在导入 {file}</translation>
    </message>
    <message>
        <source>No podcast feeds to refresh yet: add one with Add podcast (Ctrl+N).</source>
        <translation>还没有可刷新的播客订阅源：用“添加播客”（Ctrl+N）添加一个。</translation>
    </message>
    <message>
        <source>Refreshing feeds</source>
        <translation>正在刷新订阅源</translation>
    </message>
    <message>
        <source>Refreshing {title}</source>
        <translation>正在刷新 {title}</translation>
    </message>
    <message>
        <source>{file}: no new feeds to add</source>
        <translation>{file}：没有要添加的新订阅源</translation>
    </message>
    <message numerus="yes">
        <source>{label}: {done} of {total} feeds done, %n new episode(s)</source>
        <translation>
            <numerusform>{label}：已完成 {done}/{total} 个订阅源，%n 个新单集</numerusform>
        </translation>
    </message>
    <message>
        <source>{title} moved to {address}</source>
        <translation>{title} 已迁移到 {address}</translation>
    </message>
</context>
<context>
    <name>FeedUi</name>
    <message>
        <source>Add episode…</source>
        <translation>添加单集…</translation>
    </message>
    <message>
        <source>Add podcast</source>
        <translation>添加播客</translation>
    </message>
    <message>
        <source>Add podcast…</source>
        <translation>添加播客…</translation>
    </message>
    <message>
        <source>Added “{title}”</source>
        <translation>已添加“{title}”</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Delete download</source>
        <translation>删除下载</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download deleted</source>
        <translation>下载已删除</translation>
    </message>
    <message>
        <source>Download finished</source>
        <translation>下载完成</translation>
    </message>
    <message>
        <source>Export OPML</source>
        <translation>导出 OPML</translation>
    </message>
    <message>
        <source>Export OPML…</source>
        <translation>导出 OPML…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n podcast(s) to {path}</source>
        <translation>
            <numerusform>已将 %n 个播客导出到 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Feeds are being refreshed; unsubscribe again when the refresh is done.</source>
        <translation>正在刷新订阅源；刷新完成后请再取消订阅。</translation>
    </message>
    <message>
        <source>Find podcasts by name in a directory, and subscribe</source>
        <translation>在播客目录中按名称查找播客并订阅</translation>
    </message>
    <message>
        <source>Find podcasts…</source>
        <translation>查找播客…</translation>
    </message>
    <message>
        <source>Import OPML</source>
        <translation>导入 OPML</translation>
    </message>
    <message>
        <source>Import OPML…</source>
        <translation>导入 OPML…</translation>
    </message>
    <message>
        <source>OPML (*.opml *.xml);;All files (*)</source>
        <translation>OPML (*.opml *.xml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Refresh all</source>
        <translation>全部刷新</translation>
    </message>
    <message>
        <source>Refresh “{name}”</source>
        <translation>刷新“{name}”</translation>
    </message>
    <message>
        <source>Some feeds could not be updated</source>
        <translation>部分订阅源未能更新</translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation>取消订阅</translation>
    </message>
    <message>
        <source>Unsubscribe from “{name}”…</source>
        <translation>取消订阅“{name}”…</translation>
    </message>
    <message>
        <source>Unsubscribe from “{title}”?</source>
        <translation>要取消订阅“{title}”吗？</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Anywhere in the window</source>
        <translation>窗口中任意位置</translation>
    </message>
    <message>
        <source>In the Podcasts tab: move, ask to unsubscribe, the podcast&apos;s menu</source>
        <translation>在播客标签页中：移动、询问是否取消订阅、打开播客的菜单</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Move within a list (the search field: through the results)</source>
        <translation>在列表中移动（在搜索框中：在结果间移动）</translation>
    </message>
    <message>
        <source>Moving around</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Next / previous pane: search, episode list, notes, chapters, player bar</source>
        <translation>下一个/上一个窗格：搜索、单集列表、简介、章节、播放栏</translation>
    </message>
    <message>
        <source>Next / previous tab (Episodes, Podcasts, Up Next, Bookmarks)</source>
        <translation>下一个 / 上一个标签页（单集、播客、待播清单、书签）</translation>
    </message>
    <message>
        <source>Play the chapter or bookmark, open the episode, podcast or search hit</source>
        <translation>播放章节或书签，打开单集、播客或搜索结果</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n episode(s) · library {path}</source>
        <translation>
            <numerusform>%n 个单集 · 资料库 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>单集</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Nothing to play yet. Add a podcast (Ctrl+N) or an episode (Ctrl+Shift+N).</source>
        <translation>还没有可播放的内容。添加播客（Ctrl+N）或单集（Ctrl+Shift+N）。</translation>
    </message>
    <message>
        <source>Podcast Companion</source>
        <translation>播客伴侣</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>偏好设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>The library {path} is read-only ({reason}): you can browse and listen, but nothing you change is saved.</source>
        <translation>资料库 {path} 是只读的（{reason}）：你可以浏览和收听，但所做的更改不会保存。</translation>
    </message>
    <message>
        <source>Up Next</source>
        <translation>待播清单</translation>
    </message>
</context>
<context>
    <name>NameOnlyIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>{suffix} File</source>
        <translation>{suffix} 文件</translation>
    </message>
</context>
<context>
    <name>NewEpisodeNotices</name>
    <message numerus="yes">
        <source>%n new episode(s)</source>
        <translation>
            <numerusform>%n 个新单集</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>{names} and %n more</source>
        <translation>
            <numerusform>{names} 及另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>“{title}”</source>
        <translation>“{title}”</translation>
    </message>
</context>
<context>
    <name>PlaybackController</name>
    <message>
        <source>The downloaded file of “{title}” is gone: {path}</source>
        <translation>“{title}”的下载文件不见了：{path}</translation>
    </message>
    <message>
        <source>The downloaded file of “{title}” is gone; playing it from the web instead.</source>
        <translation>“{title}”的下载文件不见了；改为从网络播放。</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Nothing playing</source>
        <translation>未在播放</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Sleep timer paused playback</source>
        <translation>定时关闭已暂停播放</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <source>{left} (T; Shift+T turns it off)</source>
        <translation>{left}（T；Shift+T 关闭）</translation>
    </message>
</context>
<context>
    <name>PlayerBarWidgetsMixin</name>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Bookmark this moment</source>
        <translation>为此刻添加书签</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Next chapter</source>
        <translation>下一章</translation>
    </message>
    <message>
        <source>Nothing playing</source>
        <translation>未在播放</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <source>Previous chapter</source>
        <translation>上一章</translation>
    </message>
    <message>
        <source>Skip back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Skip forward</source>
        <translation>快进</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>定时</translation>
    </message>
    <message>
        <source>Sleep timer</source>
        <translation>定时关闭</translation>
    </message>
    <message>
        <source>Sleep timer (T; Shift+T turns it off)</source>
        <translation>定时关闭（T；Shift+T 关闭）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>倍速</translation>
    </message>
    <message>
        <source>Speed ([ slower, ] faster)</source>
        <translation>倍速（[ 减慢，] 加快）</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
</context>
<context>
    <name>PodcastDetail</name>
    <message>
        <source>Back to every podcast</source>
        <translation>返回全部播客</translation>
    </message>
    <message>
        <source>Back to every podcast (Backspace, Esc)</source>
        <translation>返回全部播客（Backspace、Esc）</translation>
    </message>
    <message>
        <source>Global speed</source>
        <translation>全局倍速</translation>
    </message>
    <message>
        <source>In an opened podcast</source>
        <translation>在打开的播客中</translation>
    </message>
    <message>
        <source>Mark all played</source>
        <translation>全部标为已播放</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>倍速：</translation>
    </message>
    <message>
        <source>Support: {name}</source>
        <translation>支持：{name}</translation>
    </message>
    <message>
        <source>This podcast has no description.</source>
        <translation>这个播客没有简介。</translation>
    </message>
    <message>
        <source>This podcast&apos;s playback speed</source>
        <translation>这个播客的播放倍速</translation>
    </message>
    <message>
        <source>Unsubscribe…</source>
        <translation>取消订阅…</translation>
    </message>
    <message>
        <source>Web page: {url}</source>
        <translation>网页：{url}</translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation>{author}</translation>
    </message>
    <message numerus="yes">
        <source>{counts} · %n new since you last looked</source>
        <translation>
            <numerusform>{counts} · 上次查看后有 %n 个新单集</numerusform>
        </translation>
    </message>
    <message>
        <source>← Podcasts</source>
        <translation>← 播客</translation>
    </message>
</context>
<context>
    <name>PodcastListModel</name>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n 个单集</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n 个新单集</numerusform>
        </translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>单集</translation>
    </message>
    <message>
        <source>Last episode</source>
        <translation>最新单集</translation>
    </message>
    <message>
        <source>Last refresh</source>
        <translation>上次刷新</translation>
    </message>
    <message>
        <source>Last refreshed {when}</source>
        <translation>上次刷新于 {when}</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Not refreshed yet</source>
        <translation>尚未刷新</translation>
    </message>
    <message>
        <source>The last refresh ({when}) failed: {error}</source>
        <translation>上次刷新（{when}）失败：{error}</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Unplayed</source>
        <translation>未播放</translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation>{author}</translation>
    </message>
    <message>
        <source>failed {when}</source>
        <translation>{when} 失败</translation>
    </message>
    <message numerus="yes">
        <source>{counts}, %n new</source>
        <translation>
            <numerusform>{counts}，%n 个新单集</numerusform>
        </translation>
    </message>
    <message>
        <source>{episodes}, {unplayed} unplayed</source>
        <translation>{episodes}，{unplayed} 个未播放</translation>
    </message>
</context>
<context>
    <name>PodcastUsage</name>
    <message numerus="yes">
        <source>%n Up Next entry(s)</source>
        <translation>
            <numerusform>%n 个待播清单条目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n 个书签</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n downloaded file(s)</source>
        <translation>
            <numerusform>%n 个已下载文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n 个单集</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n episode(s) in progress</source>
        <translation>
            <numerusform>%n 个未听完的单集</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n played episode(s)</source>
        <translation>
            <numerusform>%n 个已播放的单集</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n starred episode(s)</source>
        <translation>
            <numerusform>%n 个已收藏的单集</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Its {listed} will be removed from the library.</source>
        <translation>它的 {listed}将从资料库中移除。</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first}和{last}</translation>
    </message>
</context>
<context>
    <name>PodcastsPane</name>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Last episode</source>
        <translation>最新单集</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Most unplayed</source>
        <translation>未播放最多</translation>
    </message>
    <message>
        <source>No podcasts yet. Add one with Add podcast (Ctrl+N).</source>
        <translation>还没有播客。用“添加播客”（Ctrl+N）添加一个。</translation>
    </message>
    <message>
        <source>Show a list with every count</source>
        <translation>以列表显示全部计数</translation>
    </message>
    <message>
        <source>Show covers in a grid</source>
        <translation>以网格显示封面</translation>
    </message>
    <message>
        <source>Sort by:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <source>Sort the podcasts</source>
        <translation>给播客排序</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
</context>
<context>
    <name>PodcastsUi</name>
    <message>
        <source>Feeds are being refreshed already.</source>
        <translation>订阅源已在刷新中。</translation>
    </message>
    <message>
        <source>Global speed</source>
        <translation>全局倍速</translation>
    </message>
    <message>
        <source>Mark all played</source>
        <translation>全部标为已播放</translation>
    </message>
    <message>
        <source>Mark as seen</source>
        <translation>标为已查看</translation>
    </message>
    <message numerus="yes">
        <source>Marked %n episode(s) played</source>
        <translation>
            <numerusform>已将 %n 个单集标为已播放</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放倍速</translation>
    </message>
    <message>
        <source>Podcasts</source>
        <translation>播客</translation>
    </message>
    <message numerus="yes">
        <source>Podcasts (%n new)</source>
        <translation>
            <numerusform>播客（%n 个新单集）</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Unsubscribe…</source>
        <translation>取消订阅…</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>A new language shows when the app starts again.</source>
        <translation>新的语言在应用下次启动时生效。</translation>
    </message>
    <message>
        <source>Appearance:</source>
        <translation>外观：</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Find podcasts in:</source>
        <translation>查找播客的目录：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Like the desktop</source>
        <translation>跟随桌面</translation>
    </message>
    <message>
        <source>Like the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Notify me when a refresh brings new episodes</source>
        <translation>刷新到新单集时通知我</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>Refresh feeds at start when older than:</source>
        <translation>启动时刷新订阅源，若上次刷新早于：</translation>
    </message>
    <message>
        <source>Send what I type in Find podcasts there</source>
        <translation>把我在“查找播客”中输入的内容发送到那里</translation>
    </message>
    <message>
        <source>Skip back (Left):</source>
        <translation>后退（Left）：</translation>
    </message>
    <message>
        <source>Skip forward (Right):</source>
        <translation>快进（Right）：</translation>
    </message>
    <message>
        <source>Unchecked, nothing is sent; when you have not chosen yet, the first search asks.</source>
        <translation>不勾选则不发送任何内容；尚未选择时，第一次搜索会询问。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
</context>
<context>
    <name>QueueMenusMixin</name>
    <message>
        <source>Add to bottom of Up Next</source>
        <translation>加到待播清单末尾</translation>
    </message>
    <message>
        <source>Add to top of Up Next</source>
        <translation>加到待播清单开头</translation>
    </message>
    <message>
        <source>Added to Up Next</source>
        <translation>已加入待播清单</translation>
    </message>
    <message>
        <source>Clear Up Next</source>
        <translation>清空待播清单</translation>
    </message>
    <message>
        <source>Mark as played</source>
        <translation>标记为已播放</translation>
    </message>
    <message>
        <source>Mark as unplayed</source>
        <translation>标记为未播放</translation>
    </message>
    <message>
        <source>Move to top</source>
        <translation>移到开头</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove from Up Next</source>
        <translation>从待播清单移除</translation>
    </message>
    <message>
        <source>Up Next</source>
        <translation>待播清单</translation>
    </message>
    <message>
        <source>Up Next ({count})</source>
        <translation>待播清单（{count}）</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>played</source>
        <translation>已播放</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Up Next is empty.
Right-click an episode and choose “Add to Up Next”.</source>
        <translation>待播清单是空的。
右键点击一个单集，选择“加到待播清单”。</translation>
    </message>
</context>
<context>
    <name>RemovalJobsMixin</name>
    <message>
        <source>Unsubscribed from “{title}”</source>
        <translation>已取消订阅“{title}”</translation>
    </message>
    <message>
        <source>Unsubscribing</source>
        <translation>正在取消订阅</translation>
    </message>
</context>
<context>
    <name>ResultRow</name>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n 个单集</numerusform>
        </translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>订阅</translation>
    </message>
    <message>
        <source>Subscribed</source>
        <translation>已订阅</translation>
    </message>
    <message>
        <source>Subscribing…</source>
        <translation>正在订阅…</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Nothing in the library matches “{query}”.</source>
        <translation>资料库中没有与“{query}”匹配的内容。</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Clear the search and go back to where you were</source>
        <translation>清除搜索并回到原来的位置</translation>
    </message>
    <message>
        <source>In the search field</source>
        <translation>在搜索框中</translation>
    </message>
    <message>
        <source>Search titles, notes, chapters, bookmarks (Ctrl+F)</source>
        <translation>搜索标题、简介、章节、书签（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>SearchResultsView</name>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Chapters</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>单集</translation>
    </message>
    <message>
        <source>Said in transcripts</source>
        <translation>文字稿中提到</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Bookmark this moment</source>
        <translation>为此刻添加书签</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加快</translation>
    </message>
    <message>
        <source>Mute / unmute</source>
        <translation>静音/取消静音</translation>
    </message>
    <message>
        <source>Next chapter</source>
        <translation>下一章</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <source>Previous chapter</source>
        <translation>上一章</translation>
    </message>
    <message>
        <source>Skip back (step in Preferences)</source>
        <translation>后退（步长见偏好设置）</translation>
    </message>
    <message>
        <source>Skip forward (step in Preferences)</source>
        <translation>快进（步长见偏好设置）</translation>
    </message>
    <message>
        <source>Sleep timer off</source>
        <translation>关闭定时关闭</translation>
    </message>
    <message>
        <source>Sleep timer…</source>
        <translation>定时关闭…</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>减慢</translation>
    </message>
    <message>
        <source>Star / unstar episode</source>
        <translation>收藏/取消收藏单集</translation>
    </message>
    <message>
        <source>Volume down</source>
        <translation>降低音量</translation>
    </message>
    <message>
        <source>Volume up</source>
        <translation>提高音量</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>ShowNotesView</name>
    <message>
        <source>Bookmark this moment</source>
        <translation>为此刻添加书签</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>从这里播放</translation>
    </message>
    <message>
        <source>Select an episode to read its show notes.</source>
        <translation>选择一个单集以阅读它的节目简介。</translation>
    </message>
</context>
<context>
    <name>SleepMenu</name>
    <message>
        <source>At the end of this chapter</source>
        <translation>本章结束时</translation>
    </message>
    <message>
        <source>At the end of this episode</source>
        <translation>本集结束时</translation>
    </message>
    <message numerus="yes">
        <source>In %n minute(s)</source>
        <translation>
            <numerusform>%n 分钟后</numerusform>
        </translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>SleepTimer</name>
    <message>
        <source>Sleep at chapter end</source>
        <translation>本章结束时关闭</translation>
    </message>
    <message>
        <source>Sleep at episode end</source>
        <translation>本集结束时关闭</translation>
    </message>
    <message>
        <source>Sleep in {time}</source>
        <translation>{time} 后关闭</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 项更改等待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <source>Full resync</source>
        <translation>完全重新同步</translation>
    </message>
    <message>
        <source>Last synced {when}</source>
        <translation>上次同步于 {when}</translation>
    </message>
    <message>
        <source>Link checked devices</source>
        <translation>关联勾选的设备</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Logged in as {user} on {url} (this device: {device})</source>
        <translation>已以 {user} 身份登录 {url}（本设备：{device}）</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Nextcloud (gPodder Sync app)</source>
        <translation>Nextcloud（gPodder Sync 应用）</translation>
    </message>
    <message>
        <source>No other devices on this server yet.</source>
        <translation>这个服务器上还没有其他设备。</translation>
    </message>
    <message>
        <source>Not logged in.</source>
        <translation>未登录。</translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation>尚未同步。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Podcast Companion</source>
        <translation>播客伴侣</translation>
    </message>
    <message>
        <source>Send everything and read everything again from the server</source>
        <translation>发送全部内容，并从服务器重新读取全部内容</translation>
    </message>
    <message>
        <source>Server type</source>
        <translation>服务器类型</translation>
    </message>
    <message>
        <source>Show devices</source>
        <translation>显示设备</translation>
    </message>
    <message>
        <source>Subscriptions, positions and played marks sync. Up Next, stars and bookmarks stay on this computer: the gPodder protocol has no place for them.</source>
        <translation>订阅、播放位置和已播放标记会同步。待播清单、收藏和书签只保存在这台电脑上：gPodder 协议没有存放它们的地方。</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>The last sync failed: {error}</source>
        <translation>上次同步失败：{error}</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Your other devices on this server</source>
        <translation>你在这个服务器上的其他设备</translation>
    </message>
    <message>
        <source>gPodder API (gpodder.net, oPodSync, mygpo)</source>
        <translation>gPodder API（gpodder.net、oPodSync、mygpo）</translation>
    </message>
</context>
<context>
    <name>SyncJobs</name>
    <message>
        <source>Adding synced feeds</source>
        <translation>正在添加同步来的订阅源</translation>
    </message>
    <message>
        <source>Devices linked: they share subscriptions now.</source>
        <translation>设备已关联：它们现在共享订阅。</translation>
    </message>
    <message>
        <source>Log in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>This server shows every device all subscriptions: nothing to link.</source>
        <translation>这个服务器向每个设备显示全部订阅：无需关联。</translation>
    </message>
</context>
<context>
    <name>SyncOffer</name>
    <message>
        <source>Continue at {time} from {device}</source>
        <translation>从 {device} 的 {time} 处继续</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Sync:</source>
        <translation>同步：</translation>
    </message>
    <message>
        <source>another device</source>
        <translation>另一台设备</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message numerus="yes">
        <source>%n change(s) sent</source>
        <translation>
            <numerusform>已发送 %n 项更改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n episode(s) updated from other devices</source>
        <translation>
            <numerusform>%n 个单集从其他设备更新</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n podcast(s) added or removed</source>
        <translation>
            <numerusform>添加或移除了 %n 个播客</numerusform>
        </translation>
    </message>
    <message>
        <source>A sync is running already.</source>
        <translation>已经有一次同步在进行。</translation>
    </message>
    <message>
        <source>Send and fetch subscriptions and positions now</source>
        <translation>立即发送并获取订阅和播放位置</translation>
    </message>
    <message>
        <source>Sync failed: {error} Your changes are kept and sent next time.</source>
        <translation>同步失败：{error} 你的更改已保留，下次会发送。</translation>
    </message>
    <message>
        <source>Sync is not set up: File ▸ Sync… to log in.</source>
        <translation>尚未设置同步：用 文件 ▸ 同步… 登录。</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Sync with a gpodder.net or Nextcloud server</source>
        <translation>与 gpodder.net 或 Nextcloud 服务器同步</translation>
    </message>
    <message>
        <source>Synced: {sent}, {came}, {podcasts}</source>
        <translation>已同步：{sent}，{came}，{podcasts}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sync…</source>
        <translation>同步…</translation>
    </message>
</context>
<context>
    <name>TargetOpener</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import OPML</source>
        <translation>导入 OPML</translation>
    </message>
    <message numerus="yes">
        <source>Subscribe to the %n podcast(s) listed in {file} that are not in the library yet?</source>
        <translation>
            <numerusform>订阅 {file} 中列出、资料库里还没有的 %n 个播客？</numerusform>
        </translation>
    </message>
    <message>
        <source>You already subscribe to “{title}”: its episodes are shown.</source>
        <translation>你已订阅“{title}”：已显示它的单集。</translation>
    </message>
    <message>
        <source>{file}: every podcast it lists is already in the library.</source>
        <translation>{file}：其中列出的播客都已在资料库中。</translation>
    </message>
</context>
<context>
    <name>Told</name>
    <message>
        <source> for {seconds} s</source>
        <translation>达 {seconds} 秒</translation>
    </message>
    <message>
        <source>Cannot use the library {path} ({said}).</source>
        <translation>无法使用资料库 {path}（{said}）。</translation>
    </message>
    <message>
        <source>Cannot use the library {path}: {reason} ({where}).</source>
        <translation>无法使用资料库 {path}：{reason}（{where}）。</translation>
    </message>
    <message>
        <source>Cannot write {path}: it is on a read-only disk.</source>
        <translation>无法写入 {path}：它在只读磁盘上。</translation>
    </message>
    <message>
        <source>Cannot write {path}: permission denied.</source>
        <translation>无法写入 {path}：权限不足。</translation>
    </message>
    <message>
        <source>Out of memory while using the library {path}.</source>
        <translation>使用资料库 {path} 时内存不足。</translation>
    </message>
    <message>
        <source>Reading or writing the library {path} failed: the disk reports an I/O error ({said}).</source>
        <translation>读写资料库 {path} 失败：磁盘报告了 I/O 错误（{said}）。</translation>
    </message>
    <message>
        <source>SQLite says: {error}</source>
        <translation>SQLite 提示：{error}</translation>
    </message>
    <message>
        <source>The disk holding {path} is full: the change was not saved and the library is as it was. Free some space and try again.</source>
        <translation>存放 {path} 的磁盘已满：更改未保存，资料库保持原样。请腾出一些空间后重试。</translation>
    </message>
    <message>
        <source>The library {path} is busy: another program (the window, or another companion command) kept it locked{waited}, so the change was not saved. Try again once it is done.</source>
        <translation>资料库 {path} 正忙：另一个程序（窗口，或另一个 companion 命令）锁定了它{waited}，因此更改未保存。请等它完成后重试。</translation>
    </message>
    <message>
        <source>The library {path} is damaged ({said}). Restore it from a backup, or choose another file.</source>
        <translation>资料库 {path} 已损坏（{said}）。请从备份恢复，或选择另一个文件。</translation>
    </message>
    <message>
        <source>The library {path} is read-only ({why}): the change was not saved.</source>
        <translation>资料库 {path} 是只读的（{why}）：更改未保存。</translation>
    </message>
    <message>
        <source>{path} is not a Podcast Companion library ({said}). Choose another file with --library.</source>
        <translation>{path} 不是播客伴侣的资料库（{said}）。请用 --library 选择另一个文件。</translation>
    </message>
</context>
<context>
    <name>TranscriptPane</name>
    <message>
        <source>Find in the transcript</source>
        <translation>在文字稿中查找</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>No transcript for this episode.</source>
        <translation>这一集没有文字稿。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Transcript:</source>
        <translation>文字稿：</translation>
    </message>
    <message>
        <source>Which of the episode&apos;s transcripts is shown</source>
        <translation>显示这一集的哪份文字稿</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>第 {0} 个，共 {1} 个</translation>
    </message>
</context>
<context>
    <name>TranscriptUi</name>
    <message>
        <source>Fetching the transcript…</source>
        <translation>正在获取文字稿…</translation>
    </message>
    <message>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <source>No transcript for this episode.</source>
        <translation>这一集没有文字稿。</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>The transcript could not be fetched: {0}</source>
        <translation>无法获取文字稿：{0}</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <source>Unknown type</source>
        <translation>未知类型</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Bookmark this moment</source>
        <translation>为此刻添加书签</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>从这里播放</translation>
    </message>
</context>
<context>
    <name>_PathRow</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
</TS>
