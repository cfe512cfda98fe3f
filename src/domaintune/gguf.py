"""GGUF export with llama.cpp's own tools, offline: converter acquisition, convert, quantize, load, Modelfile.

The converter (`convert_hf_to_gguf.py`, `convert_lora_to_gguf.py`, `conversion/`, `gguf-py/`) is taken from
the sdist of the installed llama-cpp-python version, so the converter and the runtime that loads the files
come from the same llama.cpp commit. `make install` fetches it into .cache/llama.cpp (never into git):

    .venv/bin/python -m domaintune.gguf fetch
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from domaintune.config import QUANT_TYPES
from domaintune.errors import StageError

CONVERTER_DIR = Path(os.environ.get("DOMAINTUNE_CONVERTER_DIR", Path(__file__).resolve().parents[2] / ".cache" / "llama.cpp"))
CONVERTER_MEMBERS = ("convert_hf_to_gguf.py", "convert_lora_to_gguf.py", "conversion/", "gguf-py/")
CONVERT_TYPES = ("f16", "bf16", "f32", "q8_0")  # what convert_hf_to_gguf.py writes itself


def llama_cpp_version() -> str:
    return importlib.metadata.version("llama-cpp-python")


def fetch_converter(dest: Path = CONVERTER_DIR) -> Path:
    """Download the llama-cpp-python sdist of the installed version (package registry only) and extract the converter."""
    version = llama_cpp_version()
    stamp = dest / "VERSION"
    if stamp.is_file() and stamp.read_text().strip() == version:
        return dest
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--quiet",
                        f"llama-cpp-python=={version}", "-d", tmp], check=True)
        (sdist,) = Path(tmp).glob("llama_cpp_python-*.tar.gz")
        prefix = f"{sdist.name.removesuffix('.tar.gz')}/vendor/llama.cpp/"
        staging = Path(tempfile.mkdtemp(prefix=".llama.cpp.", dir=dest.parent if dest.parent.exists() else None))
        with tarfile.open(sdist) as archive:
            for member in archive.getmembers():
                rel = member.name.removeprefix(prefix)
                if member.name.startswith(prefix) and rel.startswith(CONVERTER_MEMBERS) and member.isfile():
                    member.name = rel
                    archive.extract(member, staging, filter="data")
        (staging / "VERSION").write_text(version + "\n")
        if dest.exists():
            subprocess.run(["rm", "-rf", str(dest)], check=True)
        dest.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(dest)
    return dest


def _run_converter(script: str, args: list[str]) -> None:
    if not (CONVERTER_DIR / script).is_file():
        raise StageError(f"{CONVERTER_DIR / script}: llama.cpp converter missing; run `make install`")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(CONVERTER_DIR / "gguf-py"), str(CONVERTER_DIR)]),
           "NO_LOCAL_GGUF": ""}
    proc = subprocess.run([sys.executable, str(CONVERTER_DIR / script), *args], env=env, capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
        raise StageError(f"{script} failed (exit {proc.returncode}):\n{tail}")


def convert_model(model_dir: Path, outfile: Path, outtype: str = "f16", trust_remote_code: bool = False) -> Path:
    if outtype not in CONVERT_TYPES:
        raise StageError(f"gguf: convert_hf_to_gguf.py cannot write {outtype!r} (choose from {CONVERT_TYPES})")
    config_file = Path(model_dir) / "config.json"
    # The converter loads some architectures' tokenizers with trust_remote_code=True whatever we say: refuse a
    # checkpoint that ships its own code unless base.trust_remote_code allows it.
    if not trust_remote_code and config_file.is_file() and "auto_map" in json.loads(config_file.read_text(encoding="utf-8")):
        raise StageError(f"{model_dir}: the model needs its own Python code (auto_map), which llama.cpp's converter "
                         "would run; set params.yaml base.trust_remote_code: true only if you trust that code")
    _run_converter("convert_hf_to_gguf.py", [str(model_dir), "--outtype", outtype, "--outfile", str(outfile)])
    return outfile


def convert_adapter(adapter_dir: Path, base_dir: Path, outfile: Path, outtype: str = "f16") -> Path:
    _run_converter("convert_lora_to_gguf.py",
                   [str(adapter_dir), "--base", str(base_dir), "--outtype", outtype, "--outfile", str(outfile)])
    return outfile


def quantize(src: Path, dst: Path, qtype: str) -> Path:
    import llama_cpp

    if qtype not in QUANT_TYPES:
        raise StageError(f"gguf: unknown quantisation type {qtype!r} (choose from {', '.join(QUANT_TYPES)})")
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, f"LLAMA_FTYPE_MOSTLY_{qtype.upper()}")
    params.nthread = os.cpu_count() or 1
    if llama_cpp.llama_model_quantize(str(src).encode(), str(dst).encode(), ctypes.byref(params)) != 0:
        raise StageError(f"{src}: llama_model_quantize to {qtype} failed")
    return dst


def check_file(path: Path) -> None:
    """A clear error for a missing, truncated or corrupted GGUF instead of a crash inside llama.cpp."""
    from gguf import GGUFReader

    if not path.is_file():
        raise StageError(f"{path}: GGUF file not found")
    with path.open("rb") as f:
        magic = f.read(4)
    if magic != b"GGUF":
        raise StageError(f"{path}: not a GGUF file (magic {magic!r}, expected b'GGUF')")
    try:  # the reader maps every tensor, so a cut or damaged file fails here
        GGUFReader(path)
    except (ValueError, IndexError, KeyError, OSError, UnicodeDecodeError) as exc:
        raise StageError(f"{path}: damaged or truncated GGUF ({path.stat().st_size} bytes; {type(exc).__name__}: {exc})") from None


def modelfile(from_path: str, system_prompt: str, stops: list[str], adapter: str | None = None) -> str:
    """An Ollama Modelfile whose TEMPLATE reproduces the training chat format (ChatML) exactly."""
    lines = [f"FROM {from_path}"]
    if adapter:
        lines.append(f"ADAPTER ./{adapter}")
    lines += [
        'TEMPLATE """{{ if .System }}<|im_start|>system',
        "{{ .System }}<|im_end|>",
        "{{ end }}{{ if .Prompt }}<|im_start|>user",
        "{{ .Prompt }}<|im_end|>",
        "{{ end }}<|im_start|>assistant",
        '{{ .Response }}<|im_end|>"""',
        f'SYSTEM """{system_prompt}"""',
        *(f'PARAMETER stop "{s}"' for s in stops),
        "PARAMETER temperature 0",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] != ["fetch"]:
        sys.exit("usage: python -m domaintune.gguf fetch")
    print(f"llama.cpp converter of llama-cpp-python {llama_cpp_version()} in {fetch_converter()}")
