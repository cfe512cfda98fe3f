"""Read raw JSONL, detect each line's record kind and normalise it to trl prompt/completion chat records.

Accepted kinds, detected per line:
  chat          {"messages"|"conversations": [{"role", "content"}, ...]}
  alpaca        {"instruction", "input"?, "output"}
  input_target  {"input", "target"}
  text          {"text"}  raw documents, passed through (continued-pretraining domains only)
Every problem is a `Problem` that prints as `path:line: field: reason`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from domaintune.errors import StageError
from domaintune.validate import Schema

META_KEYS = frozenset({"id", "source", "meta"})
ROLES = ("system", "user", "assistant")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    reason: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.reason}"


@dataclass(frozen=True)
class Record:
    path: str
    line: int
    kind: str
    prompt: tuple[dict, ...] = ()
    completion: tuple[dict, ...] = ()
    text: str | None = None

    def to_json(self) -> dict:
        if self.text is not None:
            return {"text": self.text}
        return {"prompt": list(self.prompt), "completion": list(self.completion)}

    @property
    def messages(self) -> list[dict]:
        return [*self.prompt, *self.completion]


class Invalid(Exception):
    def __init__(self, field: str, reason: str, code: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason, self.code = field, reason, code


def read_jsonl(path: Path) -> list[tuple[int, dict | Problem]]:
    """(line number, parsed object or Problem) for every non-blank line. BOM and CRLF are accepted."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    out: list[tuple[int, dict | Problem]] = []
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start : exc.start + 1].hex()
            out.append((lineno, Problem(str(path), lineno, "line", f"not valid UTF-8 (byte 0x{bad} at column {exc.start + 1})", "not_utf8")))
            continue
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            out.append((lineno, Problem(str(path), lineno, "line", f"invalid JSON: {exc.msg} at column {exc.colno}", "bad_json")))
            continue
        if not isinstance(obj, dict):
            out.append((lineno, Problem(str(path), lineno, "line", f"expected a JSON object, got {type(obj).__name__}", "not_object")))
            continue
        out.append((lineno, obj))
    return out


def read_rows(path: Path) -> list[dict]:
    """The objects of a JSONL file this project wrote (or a user gave us); the first bad line is a StageError."""
    rows = []
    for _, item in read_jsonl(path):
        if isinstance(item, Problem):
            raise StageError(str(item))
        rows.append(item)
    return rows


def detect_kind(obj: dict) -> str:
    keys = set(obj) - META_KEYS
    if keys & {"messages", "conversations"}:
        return "chat"
    if "instruction" in keys:
        return "alpaca"
    if "target" in keys:
        return "input_target"
    if "text" in keys:
        return "text"
    raise Invalid("record", f"unknown record format (keys: {', '.join(sorted(obj)) or 'none'})", "unknown_format")


ALLOWED = {
    "alpaca": ({"instruction", "output"}, {"input"}),
    "input_target": ({"input", "target"}, set()),
    "text": ({"text"}, set()),
}


def _check_keys(obj: dict, kind: str) -> None:
    if kind == "chat":
        required, optional = ({"messages"} if "messages" in obj else {"conversations"}), set()
        if {"messages", "conversations"} <= set(obj):
            raise Invalid("record", "has both 'messages' and 'conversations'", "unexpected_key")
    else:
        required, optional = ALLOWED[kind]
    for key in sorted(required - set(obj)):
        raise Invalid(key, f"missing (a {kind} record needs {', '.join(sorted(required))})", "missing_field")
    for key in sorted(set(obj) - required - optional - META_KEYS):
        raise Invalid(key, f"unexpected key in a {kind} record", "unexpected_key")


def _text(value, field: str, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise Invalid(field, f"expected a string, got {type(value).__name__}", "wrong_type")
    if not allow_empty and not value.strip():
        raise Invalid(field, "empty content", "empty_content")
    return value


def _chat(messages, key: str) -> tuple[list[dict], dict]:
    if not isinstance(messages, list):
        raise Invalid(key, f"expected a list of messages, got {type(messages).__name__}", "wrong_type")
    if not messages:
        raise Invalid(key, "no messages", "empty_content")
    out = []
    for i, msg in enumerate(messages):
        where = f"{key}[{i}]"
        if not isinstance(msg, dict):
            raise Invalid(where, f"expected an object with role and content, got {type(msg).__name__}", "wrong_type")
        if set(msg) != {"role", "content"}:
            missing, extra = {"role", "content"} - set(msg), set(msg) - {"role", "content"}
            if missing:
                raise Invalid(f"{where}.{min(missing)}", "missing", "missing_field")
            raise Invalid(f"{where}.{min(extra)}", "unexpected key in a message", "unexpected_key")
        role = msg["role"]
        if role not in ROLES:
            raise Invalid(f"{where}.role", f"{role!r} is not one of {list(ROLES)}", "bad_role")
        expected = ("system", "user") if i == 0 else ("user",) if out[-1]["role"] != "user" else ("assistant",)
        if role not in expected:
            after = f"after {out[-1]['role']!r}" if out else "first"
            raise Invalid(f"{where}.role", f"expected {' or '.join(map(repr, expected))} {after}, got {role!r}", "role_order")
        out.append({"role": role, "content": _text(msg["content"], f"{where}.content")})
    if out[-1]["role"] != "assistant":
        raise Invalid(f"{key}[{len(out) - 1}].role", "conversation must end with an assistant message", "role_order")
    return out[:-1], out[-1]


def _json_completion(value, field: str, schema: Schema) -> str:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise Invalid(field, f"assistant content is not valid JSON: {exc.msg} at column {exc.colno}", "completion_not_json") from None
    if not isinstance(value, dict):
        raise Invalid(field, f"assistant JSON must be an object, got {type(value).__name__}", "completion_not_json")
    errors = schema.errors(value)
    if errors:
        where, message = errors[0]
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        return_field = f"{field}.{where}" if where != "$" else field
        raise Invalid(return_field, f"schema: {message}{more}", "schema")
    return json.dumps(schema.canonical(value), ensure_ascii=False)


def normalise(obj: dict, path: str, line: int, system_prompt: str, schema: Schema | None) -> Record:
    """One raw object -> Record. Raises Invalid. JSON domains (schema given) need a valid JSON completion."""
    kind = detect_kind(obj)
    _check_keys(obj, kind)
    if kind == "text":
        if schema is not None:
            raise Invalid("text", "raw text records carry no answer; a JSON domain needs prompt/answer records", "text_in_json_domain")
        return Record(path, line, kind, text=_text(obj["text"], "text"))
    if kind == "chat":
        key = "messages" if "messages" in obj else "conversations"
        prompt, answer = _chat(obj[key], key)
        answer_field, answer_value = f"{key}[{len(prompt)}].content", answer["content"]
    elif kind == "alpaca":
        instruction = _text(obj["instruction"], "instruction")
        extra = _text(obj.get("input", ""), "input", allow_empty=True)
        prompt = [{"role": "user", "content": f"{instruction}\n\n{extra}" if extra.strip() else instruction}]
        answer_field, answer_value = "output", obj["output"]
    else:
        prompt = [{"role": "user", "content": _text(obj["input"], "input")}]
        answer_field, answer_value = "target", obj["target"]
    if schema is not None:
        content = _json_completion(answer_value, answer_field, schema)
    elif isinstance(answer_value, dict):
        content = json.dumps(answer_value, ensure_ascii=False)
    else:
        content = _text(answer_value, answer_field)
    if prompt[0]["role"] != "system":
        prompt = [{"role": "system", "content": system_prompt}, *prompt]
    return Record(path, line, kind, tuple(prompt), ({"role": "assistant", "content": content},))


def read_dir(raw_dir: Path, system_prompt: str, schema: Schema | None) -> tuple[list[Record], list[Problem]]:
    """All *.jsonl files of a raw directory, in sorted order."""
    files = sorted(raw_dir.glob("*.jsonl")) if raw_dir.is_dir() else []
    if not files:
        return [], [Problem(str(raw_dir), 0, "file", "no *.jsonl files found", "missing_file")]
    records: list[Record] = []
    problems: list[Problem] = []
    for path in files:
        rows = read_jsonl(path)
        if not rows:
            problems.append(Problem(str(path), 1, "file", "empty file (no records)", "empty_file"))
        for line, obj in rows:
            if isinstance(obj, Problem):
                problems.append(obj)
                continue
            try:
                records.append(normalise(obj, str(path), line, system_prompt, schema))
            except Invalid as exc:
                problems.append(Problem(str(path), line, exc.field, exc.reason, exc.code))
    return records, problems
