"""Pull-request report: what the workspace changes against a base revision, as one markdown comment.

    domaintune report-pr --base main > report.md      # run from the repository root; plots go to report/*.png
    cml comment create --target=pr report.md          # CML uploads every ![](report/...) image it references

Sections: the profile and revisions, the per-domain compare table with its pass/fail gates (metrics/summary.md,
written by the `report` stage), each domain's golden-test errors by field (metrics/<d>/compare_errors.json,
folded), `dvc metrics diff` and `dvc params diff` against the base, and the plots of
dvc.yaml (`dvc plots diff BASE --json`: Vega-Lite specs with their data) rendered offline with vl-convert.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import yaml

from domaintune import atomic, config, field_errors
from domaintune.errors import StageError
from domaintune.sweep import dvc

SUMMARY_MD, SUMMARY_JSON = Path("metrics/summary.md"), Path("metrics/summary.json")
MAX_SECTION_CHARS = 30_000  # a GitHub comment holds 65,536 characters
# rows left out of the metrics diff: per-field and per-file breakdowns
DETAIL_KEYS = re.compile(r"\|\s*[^|\s]*(per_field\.|epoch_seconds|files_bytes\.)[^|]*\|")


def _git(args: list[str]) -> str:
    proc = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def _cap(text: str, what: str) -> str:
    if len(text) <= MAX_SECTION_CHARS:
        return text
    cut = text[:MAX_SECTION_CHARS].rsplit("\n", 1)[0]
    return f"{cut}\n\n({what} cut at {MAX_SECTION_CHARS} characters; run it locally for the rest)\n"


def metrics_diff(base: str) -> str:
    """`dvc metrics diff BASE --md` without the per-field and per-file breakdown rows."""
    text = dvc(["metrics", "diff", base, "--md"])
    rows = [line for line in text.splitlines() if not DETAIL_KEYS.search(line)]
    if len([r for r in rows if r.startswith("|")]) <= 2:
        return f"No metric changed against `{base}`.\n"
    return _cap("\n".join(rows) + "\n", "metrics diff")


def params_diff(base: str) -> str:
    text = dvc(["params", "diff", base, "--md"])
    return _cap(text, "params diff") if text.strip() else f"No param changed against `{base}`.\n"


def gates_line(summary_json: Path = SUMMARY_JSON) -> str:
    summary = json.loads(summary_json.read_text(encoding="utf-8"))
    passed = [d for d, row in summary.items() if row["gates"]["passed"]]
    return f"Quality gates: {len(passed)}/{len(summary)} domains pass" + (
        f" ({', '.join(passed)})." if passed else ".")


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "plot"


def _short_filenames(spec: dict) -> dict:
    """Name each curve by its domain (metrics/<domain>/...) instead of its whole path, where that is unambiguous."""
    values = (spec.get("data") or {}).get("values") or []
    names = sorted({v["filename"] for v in values if isinstance(v.get("filename"), str)})
    short = {name: name.split("/")[0] for name in names}
    if len(names) < 2 or len(set(short.values())) != len(names):
        return spec
    text = json.dumps(spec)
    for name, domain in short.items():
        text = text.replace(json.dumps(name), json.dumps(domain))
    spec = json.loads(text)
    dash = (spec.get("encoding") or {}).get("strokeDash") or {}
    if dash.get("field") == "filename":
        dash["title"] = "domain"
    return spec


def top_level_plot_ids(dvc_yaml: Path = Path("dvc.yaml")) -> list[str]:
    plots = (yaml.safe_load(dvc_yaml.read_text(encoding="utf-8")) or {}).get("plots") or []
    return [next(iter(p)) if isinstance(p, dict) else str(p) for p in plots]


def render_plots(base: str, images: Path, fmt: str = "png", all_plots: bool = False) -> tuple[list, list]:
    """Render `dvc plots diff BASE --json` to images/<slug>.<fmt>: ([(title, path)], [error lines])."""
    import vl_convert

    shown = json.loads(dvc(["plots", "diff", base, "--json"]))
    wanted = None if all_plots else set(top_level_plot_ids())
    rendered, errors = [], [f"{e.get('rev', '?')}: {e.get('msg', e)}" for e in shown.get("errors") or []]
    images.mkdir(parents=True, exist_ok=True)
    for title, entries in (shown.get("data") or {}).items():
        if wanted is not None and title not in wanted:
            continue
        for index, entry in enumerate(entries):
            if entry.get("type") != "vega":
                continue
            spec = _short_filenames(entry["content"])
            path = images / f"{slug(title)}{'-' + str(index) if index else ''}.{fmt}"
            try:
                if fmt == "svg":
                    atomic.write_text(path, vl_convert.vegalite_to_svg(spec))
                else:
                    path.write_bytes(vl_convert.vegalite_to_png(spec, scale=1.5))
            except Exception as exc:  # noqa: BLE001 - a plot that cannot render is reported, not fatal
                errors.append(f"{title}: {exc}")
                continue
            rendered.append((title, path))
    return rendered, errors


def errors_by_field(domains: tuple[str, ...]) -> list[str]:
    """Each domain's golden-test errors by field (fine-tuned model), folded so the comment stays short."""
    lines = []
    for domain in domains:
        path = Path("metrics") / domain / "compare_errors.json"
        if not path.is_file():
            lines.append(f"- {domain}: no {path} (run compare@{domain})")
            continue
        analysis = json.loads(path.read_text(encoding="utf-8"))
        scored = [(e["accuracy"], f) for f, e in analysis["fields"].items() if e["accuracy"] is not None]
        worst = "worst field {1} ({0:.2f})".format(*min(scored, key=lambda af: af[0])) if scored else "no fields"
        lines += [f"<details><summary>{domain}: {worst}</summary>", "",
                  field_errors.table(analysis, f"{domain}, fine-tuned, golden tests"), "</details>", ""]
    return lines


def build(base: str, images: Path = Path("report"), fmt: str = "png", all_plots: bool = False) -> str:
    if not SUMMARY_MD.is_file() or not SUMMARY_JSON.is_file():
        raise StageError(f"{SUMMARY_MD}: missing; run `dvc repro` (or `dvc exp run`) first")
    profile = config.load().profile
    head = _git(["rev-parse", "--short", "HEAD"]) or "workspace"
    base_sha = _git(["rev-parse", "--short", base]) or base
    lines = [f"## domaintune: workspace on `{head}` vs `{base}` (`{base_sha}`)", "",
             f"Profile: **{profile}**" + (" (a smoke run on a tiny random model: numbers test the pipeline, "
                                          "not model quality)" if profile != config.FULL_PROFILE else "") + ".",
             "", "### Per-domain results and gates", "", gates_line(), "", SUMMARY_MD.read_text(encoding="utf-8"),
             "### Errors by field (golden tests, fine-tuned)", "", *errors_by_field(config.load().domains),
             f"### Metrics diff (`dvc metrics diff {base}`)", "", metrics_diff(base),
             f"### Params diff (`dvc params diff {base}`)", "", params_diff(base), "### Plots", ""]
    rendered, errors = render_plots(base, images, fmt, all_plots)
    lines += [f"![{title}]({path.as_posix()})" for title, path in rendered] or ["No plots."]
    if errors:
        lines += ["", "<details><summary>plot warnings</summary>", "", *(f"- {e}" for e in errors), "", "</details>"]
    return "\n".join(lines) + "\n"


def main(base: str, images: Path = Path("report"), fmt: str = "png", all_plots: bool = False) -> str:
    text = build(base, images, fmt, all_plots)
    print(text, end="")
    return text
