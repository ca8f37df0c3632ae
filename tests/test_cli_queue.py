"""``companion queue``: list, add (bottom and top), remove, clear, JSON, and clear errors."""

from __future__ import annotations

import json

from companion.cli.main import main
from companion.library import Library


def _run(capsys, library_path, *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(library_path), "queue", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_queue_add_list_remove_clear(library_path, capsys):
    lib = Library(library_path)
    podcast = lib.add_podcast("Cast")
    ids = [lib.add_episode(podcast.id, f"第{i}集", duration_ms=60_000).id for i in range(3)]
    lib.close()
    code, out, _ = _run(capsys, library_path)
    assert code == 0 and "Up Next is empty" in out
    _run(capsys, library_path, "add", str(ids[0]))
    _run(capsys, library_path, "add", str(ids[1]))
    code, out, _ = _run(capsys, library_path, "add", str(ids[2]), "--top")
    assert code == 0
    assert out.index("第2集") < out.index("第0集") < out.index("第1集")
    code, out, _ = _run(capsys, library_path, "remove", str(ids[0]), "--json")
    assert [entry["id"] for entry in json.loads(out)] == [ids[2], ids[1]]
    assert json.loads(out)[0] == {
        "position": 1,
        "id": ids[2],
        "podcast": "Cast",
        "title": "第2集",
        "duration_ms": 60_000,
        "position_ms": 0,
    }
    reopened = Library(library_path)
    assert reopened.queue_ids() == [ids[2], ids[1]]
    reopened.close()
    code, out, _ = _run(capsys, library_path, "clear", "--json")
    assert json.loads(out) == []


def test_queue_errors_are_clear(library_path, capsys):
    Library(library_path).close()
    code, _, err = _run(capsys, library_path, "add", "999")
    assert code == 1 and "No episode with id 999" in err
    code, _, err = _run(capsys, library_path, "remove")
    assert code == 1 and "needs an episode id" in err
