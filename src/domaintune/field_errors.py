"""Per-field error analysis of extraction answers: which fields fail, and how.

    from domaintune.field_errors import analyse, table    # compare@D and eval@D write it for the fine-tuned model

For each field of the domain's schema: accuracy (as metrics.score counts it: an unparsable answer is wrong in
every field), and over the answers that parsed, the wrong values counted by (expected -> got), nulls missed
(a value expected, null given) and invented (null expected, a value given), keys left out of the answer, and
for arrays the items missed and the extra items. Enum fields get a confusion table. Arrays of objects (medical
`medications`) are also analysed item by item: items are identified by their first string property (`name`:
an item whose name is not expected is extra, an expected name not given is missed), and each other property
gets its own row (`medications[].dose`) over the items paired by name. Values compare and display the way
metrics compares them: strings case- and whitespace-normalised, arrays as sets; the tables shorten long
values, the JSON keeps them whole.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from domaintune.metrics import norm, parse_json, squash, values_equal

TOP = 3  # most frequent wrong values, missed and extra items shown per field
WIDTH = 40  # characters of a value the markdown table shows


class _Missing:
    """A key the answer left out (unlike null, which the answer gave)."""

    def __repr__(self) -> str:
        return "(missing)"


MISSING = _Missing()


def show(value) -> str:
    """A value as the analysis counts it: strings normalised like metrics compares them, others as compact JSON."""
    if value is MISSING:
        return repr(MISSING)
    if isinstance(value, str):
        return squash(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _short(text: str) -> str:
    return (text if len(text) <= WIDTH else text[:WIDTH - 1] + "…").replace("|", "/")


@dataclass
class FieldErrors:
    total: int = 0  # answers (or paired items) the field is scored on, unparsable answers included
    right: int = 0
    wrong: Counter = field(default_factory=Counter)  # (expected, got) of parsed answers
    nulls_missed: int = 0
    nulls_invented: int = 0
    keys_missing: int = 0
    items_missed: Counter = field(default_factory=Counter)
    items_extra: Counter = field(default_factory=Counter)
    confusion: Counter | None = None  # (expected, got) of every parsed answer, enum fields only

    def add(self, expected, got, item_key: str | None = None) -> None:
        """Score one value; `item_key` identifies the items of an array of objects (missed / extra by it)."""
        self.total += 1
        if got is MISSING:
            self.keys_missing += 1
            self.wrong[show(expected), show(got)] += 1
        elif values_equal(expected, got):
            self.right += 1
        elif expected is not None and got is None:
            self.nulls_missed += 1
            self.wrong[show(expected), show(got)] += 1
        elif expected is None:
            self.nulls_invented += 1
            self.wrong[show(expected), show(got)] += 1
        elif isinstance(expected, list) and isinstance(got, list):
            def identity(v):
                return v.get(item_key) if item_key and isinstance(v, dict) else v

            exp, pred = {norm(identity(v)): identity(v) for v in expected}, {norm(identity(v)): identity(v) for v in got}
            self.items_missed.update(show(v) for k, v in exp.items() if k not in pred)
            self.items_extra.update(show(v) for k, v in pred.items() if k not in exp)
            self.wrong[show(expected), show(got)] += 1
        else:
            self.wrong[show(expected), show(got)] += 1
        if self.confusion is not None:
            self.confusion[show(expected), show(got)] += 1

    def summary(self) -> dict:
        out = {"accuracy": round(self.right / self.total, 4) if self.total else None, "n": self.total,
               "wrong": sum(self.wrong.values()),
               "top_wrong": [{"expected": e, "got": g, "count": c} for (e, g), c in self.wrong.most_common(TOP)],
               "nulls_missed": self.nulls_missed, "nulls_invented": self.nulls_invented, "keys_missing": self.keys_missing}
        if self.items_missed or self.items_extra:
            out |= {"items_missed": sum(self.items_missed.values()), "items_extra": sum(self.items_extra.values()),
                    "top_missed": self.items_missed.most_common(TOP), "top_extra": self.items_extra.most_common(TOP)}
        if self.confusion is not None:
            confusion: dict[str, dict[str, int]] = {}
            for (e, g), c in sorted(self.confusion.items()):
                confusion.setdefault(e, {})[g] = c
            out["confusion"] = confusion
        return out


def _item_key(items_schema: dict) -> str | None:
    """The property that names an array item (its first string property), or None."""
    for name, prop in items_schema.get("properties", {}).items():
        if prop.get("type") == "string" or (isinstance(prop.get("type"), list) and "string" in prop["type"]):
            return name
    return None


def analyse(parsed: list[dict | None], expected: list[dict], schema: dict) -> dict:
    """Per-field errors of parsed answers (None: not a JSON object) against their expected objects."""
    props = schema.get("properties", {})
    rows: dict[str, FieldErrors] = {}
    unparsed = 0
    for answer, exp in zip(parsed, expected, strict=True):
        unparsed += answer is None
        for name, value in exp.items():
            row = rows.setdefault(name, FieldErrors(confusion=Counter() if "enum" in props.get(name, {}) else None))
            if answer is None:
                row.total += 1
                continue
            got = answer.get(name, MISSING)
            items = props.get(name, {}).get("items", {})
            key = _item_key(items) if items.get("type") == "object" else None
            row.add(value, got, key)
            if key and isinstance(value, list) and isinstance(got, list):
                _pair_items(name, key, value, got, rows)
    return {"unparsed": unparsed, "fields": {name: row.summary() for name, row in rows.items()}}


def of_predictions(predictions: list[dict], schema: dict) -> dict:
    """`analyse` of scored predictions (eval's and compare's rows: the raw `output` and the `expected` object)."""
    return analyse([parse_json(p["output"]) for p in predictions], [p["expected"] for p in predictions], schema)


def _pair_items(name: str, key: str, expected: list, got: list, rows: dict[str, FieldErrors]) -> None:
    """Rows `name[].prop` over items paired by `key` (the items missed or extra are counted on `name`)."""
    predicted = {norm(g.get(key)): g for g in got if isinstance(g, dict)}
    for item in expected:
        match = predicted.get(norm(item.get(key)))
        if match is None:
            continue
        for prop, value in item.items():
            if prop != key:
                rows.setdefault(f"{name}[].{prop}", FieldErrors()).add(value, match.get(prop, MISSING))


def _mostly(summary: dict) -> str:
    """The most frequent wrong value; arrays say it by their items (and object arrays by their item rows)."""
    if not summary["top_wrong"] or summary["top_wrong"][0]["expected"].startswith("["):
        return ""
    top = summary["top_wrong"][0]
    return f"{_short(top['expected'])} → {_short(top['got'])} ({top['count']})"


def table(analysis: dict, title: str) -> str:
    """Markdown: one row per field (worst first), then a confusion table per enum field."""
    fields = analysis["fields"]
    order = sorted(fields, key=lambda f: (fields[f]["accuracy"] if fields[f]["accuracy"] is not None else 2, f))
    lines = [f"#### {title}: errors by field ({analysis['unparsed']} answers not parsed, wrong in every field)", "",
             "| field | accuracy | wrong | most frequent (expected → got) | nulls missed / invented | items missed / extra |",
             "| --- | ---: | ---: | --- | ---: | --- |"]
    for f in order:
        s = fields[f]
        items = ""
        if "items_missed" in s:
            items = f"{s['items_missed']} / {s['items_extra']}"
            for label, top in (("missed", s["top_missed"]), ("extra", s["top_extra"])):
                items += f"; {label}: " + ", ".join(f"{_short(v)} ({c})" for v, c in top[:2]) if top else ""
        acc = f"{s['accuracy']:.2f}" if s["accuracy"] is not None else "–"
        missing = f" ({s['keys_missing']} keys missing)" if s.get("keys_missing") else ""
        lines.append(f"| {f} | {acc} | {s['wrong']} | {_mostly(s)} | "
                     f"{s['nulls_missed']} / {s['nulls_invented']}{missing} | {items} |")
    for f in order:
        confusion = fields[f].get("confusion")
        if not confusion:
            continue
        got = sorted({g for row in confusion.values() for g in row})
        lines += ["", f"{f} (rows expected, columns got):", "", "| | " + " | ".join(map(_short, got)) + " |",
                  "| --- |" + " ---: |" * len(got)]
        lines += [f"| {_short(e)} | " + " | ".join(str(row.get(g, 0)) for g in got) + " |" for e, row in confusion.items()]
    return "\n".join(lines) + "\n"
