#!/usr/bin/env python3
"""Write the golden files that the Java JSON writer must match byte for byte.

Each golden is what Python's json.dump(data, f, indent=2) writes for the data that
json.loads reads from an input file. Run from this folder; the same inputs always give the
same outputs:

    python3 make-golden.py
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")

# Broken fixtures that Python parses; the others are parse errors and have no golden.
PARSEABLE_BROKEN = [
    "crlf-line-endings.json", "duplicate-keys.json", "lone-surrogate.json",
    "nan-and-infinity.json", "object-without-tasks.json", "task-items-not-objects.json",
    "tasks-not-a-list.json", "tasks-null.json", "top-level-null.json",
    "top-level-string.json", "utf8-bom.json", "wrong-field-types.json",
]

# The note of the note golden, and the fixed clock the Java test uses for it.
NOTE_TEXT = 'Caf\u00e9 \u00a34 \u2615 \U0001F600 "quoted" back\\slash\ttab </script> ${price}'
NOTE_TIME = "2024-09-16T09:00:00.123456"


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read())


def dump(data, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii", newline="") as f:
        json.dump(data, f, indent=2)


def fixture_goldens():
    for workspace in ("workspace", "workspace-small"):
        root = os.path.join(FIXTURES, workspace)
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if name in ("tasks.json", "manual-task-notes.json"):
                    src = os.path.join(folder, name)
                    rel = os.path.relpath(src, FIXTURES)
                    dump(load(src), os.path.join(HERE, "fixtures", rel))
    for name in PARSEABLE_BROKEN:
        dump(load(os.path.join(FIXTURES, "broken", name)), os.path.join(HERE, "fixtures", "broken", name))


def number_golden():
    """Odd number spellings plus random doubles, written by hand as the input."""
    rng = random.Random(7)
    literals = ["0", "-0", "1", "-1", "100", "9223372036854775807", "9223372036854775808",
                "-9223372036854775809", "123456789012345678901234567890",
                "0.0", "-0.0", "1.0", "100.0", "1E5", "1e-7", "0.1e1", "1.5", "0.1", "0.2",
                "0.30000000000000004", "1.0000000000000002", "5e-324", "2.2250738585072014e-308",
                "1.7976931348623157e308", "1e400", "-1e400", "NaN", "Infinity", "-Infinity",
                "1e15", "1e16", "1e17", "123456789012345.6", "1234567890123456.7", "0.0001",
                "0.00001", "0.000123", "123456.789e3", "9007199254740993", "9007199254740993.0",
                "2e22", "1e23", "8.41e21", "5.0e-5", "4.35", "0.3", "2.675", "1e-10"]
    for _ in range(2000):
        kind = rng.random()
        if kind < 0.4:
            value = rng.uniform(-1e6, 1e6)
        elif kind < 0.8:
            value = rng.random() * 10 ** rng.randint(-30, 30)
        else:
            value = rng.uniform(-1, 1) * 10 ** rng.randint(-320, 308)
        literals.append(repr(value))
    text = "[" + ", ".join(literals) + "]"
    with open(os.path.join(HERE, "numbers-input.json"), "w", encoding="ascii", newline="") as f:
        f.write(text)
    dump(json.loads(text), os.path.join(HERE, "numbers.json"))


def string_golden():
    """Every control character, DEL, line separators, a lone surrogate and empty containers."""
    data = {
        "controls": "".join(chr(c) for c in range(0x20)) + "\x7f",
        "separators": "\u2028\u2029\u200b\ufeff",
        "astral": "\U0001F600\U0001F469\u200d\U0001F4BB\U0001F1EC\U0001F1E7",
        "lone": "\ud83d",
        "slash": "a/b</script>",
        "empty": [[], {}, "", [{}], {"a": []}],
        "nested": {"k": [1, [2, [3, {"z": None, "t": True, "f": False}]]]},
    }
    with open(os.path.join(HERE, "strings-input.json"), "w", encoding="ascii", newline="") as f:
        json.dump(data, f)
    dump(data, os.path.join(HERE, "strings.json"))


def note_golden():
    """A task file and a notes queue after one note, as the old notes server wrote them."""
    tasks = {
        "tasks": [
            {"id": "note-target", "title": "[Caf\u00e9 Lumi\u00e8re] Price list \u2615", "type": "standalone",
             "priority": "P1", "due_date": "2024-09-20", "notes": "First line\n\n- item \u00a3",
             "status": "active", "x_unknown": {"kept": [1, 2.5, None]}},
            {"id": "other", "title": "Other", "notes": None, "status": "active"},
        ],
        "last_updated": "2024-09-16T08:00:00.000001",
        "total_count": 2,
    }
    folder = os.path.join(HERE, "note")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "tasks-input.json"), "w", encoding="utf-8", newline="") as f:
        json.dump(tasks, f, indent=2, ensure_ascii=False)

    task = tasks["tasks"][0]
    task["notes"] = task["notes"] + "\n\n" + NOTE_TEXT
    dump(tasks, os.path.join(folder, "tasks-expected.json"))

    queue = load(os.path.join(FIXTURES, "workspace-small", "data", "state", "manual-task-notes.json"))
    queue.append({
        "task_id": "note-target",
        "client": "cafe-lumiere",
        "task_title": task["title"],
        "task_type": "standalone",
        "task_priority": "P1",
        "task_notes": "2024-09-20",
        "manual_note": NOTE_TEXT,
        "timestamp": NOTE_TIME + "Z",
    })
    dump(queue, os.path.join(folder, "notes-expected.json"))
    with open(os.path.join(folder, "note-text.json"), "w", encoding="ascii", newline="") as f:
        json.dump({"note_text": NOTE_TEXT, "timestamp": NOTE_TIME}, f)


if __name__ == "__main__":
    fixture_goldens()
    number_golden()
    string_golden()
    note_golden()
