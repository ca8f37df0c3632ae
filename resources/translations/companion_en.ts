<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BookmarkActions</name>
    <message numerus="yes">
        <source>Exported %n bookmark(s) to {path}</source>
        <translation>
            <numerusform>Exported %n bookmark to {path}</numerusform>
            <numerusform>Exported %n bookmarks to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Its %n bookmark(s) will be deleted with it.</source>
        <translation>
            <numerusform>Its %n bookmark will be deleted with it.</numerusform>
            <numerusform>Its %n bookmarks will be deleted with it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n episode</numerusform>
            <numerusform>%n episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added episode {id}: {title} (%n chapter(s))</source>
        <translation>
            <numerusform>Added episode {id}: {title} (%n chapter)</numerusform>
            <numerusform>Added episode {id}: {title} (%n chapters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added episode {id}: {title} (%n chapter(s), a transcript of {cues} cues)</source>
        <translation>
            <numerusform>Added episode {id}: {title} (%n chapter, a transcript of {cues} cues)</numerusform>
            <numerusform>Added episode {id}: {title} (%n chapters, a transcript of {cues} cues)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Subscribed to “{title}” (podcast {id}): %n new episode(s), {updated} updated.</source>
        <translation>
            <numerusform>Subscribed to “{title}” (podcast {id}): %n new episode, {updated} updated.</numerusform>
            <numerusform>Subscribed to “{title}” (podcast {id}): %n new episodes, {updated} updated.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n bookmark(s) to {path}</source>
        <translation>
            <numerusform>Wrote %n bookmark to {path}</numerusform>
            <numerusform>Wrote %n bookmarks to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n subscription(s) to {path}</source>
        <translation>
            <numerusform>Wrote %n subscription to {path}</numerusform>
            <numerusform>Wrote %n subscriptions to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{percent}% ({done} of %n episode(s))</source>
        <translation>
            <numerusform>{percent}% ({done} of %n episode)</numerusform>
            <numerusform>{percent}% ({done} of %n episodes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DirectoryLines</name>
    <message numerus="yes">
        <source>%n result(s) without a feed address are not shown.</source>
        <translation>
            <numerusform>%n result without a feed address is not shown.</numerusform>
            <numerusform>%n results without a feed address are not shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} found %n result(s) for “{term}”, but none gives a feed address, so none can be subscribed to.</source>
        <translation>
            <numerusform>{name} found %n result for “{term}”, but none gives a feed address, so none can be subscribed to.</numerusform>
            <numerusform>{name} found %n results for “{term}”, but none gives a feed address, so none can be subscribed to.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n podcast(s) for “{term}”.</source>
        <translation>
            <numerusform>{name}: %n podcast for “{term}”.</numerusform>
            <numerusform>{name}: %n podcasts for “{term}”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DirectoryPanel</name>
    <message numerus="yes">
        <source>%n without a feed address not shown.</source>
        <translation>
            <numerusform>%n without a feed address not shown.</numerusform>
            <numerusform>%n without a feed address not shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} found %n result(s) for “{term}”, but none gives a feed address to subscribe to.</source>
        <translation>
            <numerusform>{name} found %n result for “{term}”, but none gives a feed address to subscribe to.</numerusform>
            <numerusform>{name} found %n results for “{term}”, but none gives a feed address to subscribe to.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n podcast(s) for “{term}”.</source>
        <translation>
            <numerusform>{name}: %n podcast for “{term}”.</numerusform>
            <numerusform>{name}: %n podcasts for “{term}”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedJobs</name>
    <message numerus="yes">
        <source>{label}: {done} of {total} feeds done, %n new episode(s)</source>
        <translation>
            <numerusform>{label}: {done} of {total} feeds done, %n new episode</numerusform>
            <numerusform>{label}: {done} of {total} feeds done, %n new episodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedUi</name>
    <message numerus="yes">
        <source>Exported %n podcast(s) to {path}</source>
        <translation>
            <numerusform>Exported %n podcast to {path}</numerusform>
            <numerusform>Exported %n podcasts to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n episode(s) · library {path}</source>
        <translation>
            <numerusform>%n episode · library {path}</numerusform>
            <numerusform>%n episodes · library {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewEpisodeNotices</name>
    <message numerus="yes">
        <source>%n new episode(s)</source>
        <translation>
            <numerusform>%n new episode</numerusform>
            <numerusform>%n new episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{names} and %n more</source>
        <translation>
            <numerusform>{names} and %n more</numerusform>
            <numerusform>{names} and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PodcastDetail</name>
    <message numerus="yes">
        <source>{counts} · %n new since you last looked</source>
        <translation>
            <numerusform>{counts} · %n new since you last looked</numerusform>
            <numerusform>{counts} · %n new since you last looked</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PodcastListModel</name>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n episode</numerusform>
            <numerusform>%n episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{counts}, %n new</source>
        <translation>
            <numerusform>{counts}, %n new</numerusform>
            <numerusform>{counts}, %n new</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PodcastUsage</name>
    <message numerus="yes">
        <source>%n Up Next entry(s)</source>
        <translation>
            <numerusform>%n Up Next entry</numerusform>
            <numerusform>%n Up Next entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n bookmark</numerusform>
            <numerusform>%n bookmarks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n downloaded file(s)</source>
        <translation>
            <numerusform>%n downloaded file</numerusform>
            <numerusform>%n downloaded files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n episode</numerusform>
            <numerusform>%n episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n episode(s) in progress</source>
        <translation>
            <numerusform>%n episode in progress</numerusform>
            <numerusform>%n episodes in progress</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n played episode(s)</source>
        <translation>
            <numerusform>%n played episode</numerusform>
            <numerusform>%n played episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n starred episode(s)</source>
        <translation>
            <numerusform>%n starred episode</numerusform>
            <numerusform>%n starred episodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PodcastsUi</name>
    <message numerus="yes">
        <source>Marked %n episode(s) played</source>
        <translation>
            <numerusform>Marked %n episode played</numerusform>
            <numerusform>Marked %n episodes played</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Podcasts (%n new)</source>
        <translation>
            <numerusform>Podcasts (%n new)</numerusform>
            <numerusform>Podcasts (%n new)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultRow</name>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n episode</numerusform>
            <numerusform>%n episodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SleepMenu</name>
    <message numerus="yes">
        <source>In %n minute(s)</source>
        <translation>
            <numerusform>In %n minute</numerusform>
            <numerusform>In %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message numerus="yes">
        <source>%n change(s) sent</source>
        <translation>
            <numerusform>%n change sent</numerusform>
            <numerusform>%n changes sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n episode(s) updated from other devices</source>
        <translation>
            <numerusform>%n episode updated from other devices</numerusform>
            <numerusform>%n episodes updated from other devices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n podcast(s) added or removed</source>
        <translation>
            <numerusform>%n podcast added or removed</numerusform>
            <numerusform>%n podcasts added or removed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetOpener</name>
    <message numerus="yes">
        <source>Subscribe to the %n podcast(s) listed in {file} that are not in the library yet?</source>
        <translation>
            <numerusform>Subscribe to the %n podcast listed in {file} that are not in the library yet?</numerusform>
            <numerusform>Subscribe to the %n podcasts listed in {file} that are not in the library yet?</numerusform>
        </translation>
    </message>
</context>
</TS>
