"""JSON Schema checks shared by format, eval and predict."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

import jsonschema

from domaintune.errors import StageError


def field_path(path) -> str:
    """`medications[0].dose` from jsonschema's deque path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Schema:
    """A domain's output schema (draft 2020-12)."""

    def __init__(self, schema: dict, source: str = "<schema>"):
        jsonschema.Draft202012Validator.check_schema(schema)
        self.schema = schema
        self.source = source

    @classmethod
    def load(cls, path: str | Path) -> Schema:
        path = Path(path)
        try:
            return cls(json.loads(path.read_text(encoding="utf-8")), str(path))
        except FileNotFoundError:
            raise StageError(f"{path}: schema file not found") from None
        except (json.JSONDecodeError, jsonschema.SchemaError) as exc:
            raise StageError(f"{path}: invalid JSON Schema: {str(exc).splitlines()[0]}") from None

    @cached_property
    def _validator(self):
        return jsonschema.Draft202012Validator(self.schema, format_checker=jsonschema.FormatChecker())

    def errors(self, obj) -> list[tuple[str, str]]:
        """(field, message) for every violation, in a stable order."""
        found = sorted(self._validator.iter_errors(obj), key=lambda e: (list(map(str, e.absolute_path)), e.message))
        return [(field_path(e.absolute_path) or "$", _short(e)) for e in found]

    def canonical(self, obj):
        """Reorder object keys to the schema's property order so every completion is written alike."""
        return _reorder(obj, self.schema)


def _short(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unexpected key")
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {error.validator_value}"
    return error.message


def _reorder(obj, schema: dict):
    if isinstance(obj, dict):
        props = schema.get("properties", {})
        keys = [k for k in props if k in obj] + [k for k in obj if k not in props]
        return {k: _reorder(obj[k], props.get(k, {})) for k in keys}
    if isinstance(obj, list):
        return [_reorder(v, schema.get("items", {})) for v in obj]
    return obj
