"""gguf-base: the base model as one f16 GGUF, the file every domain's LoRA GGUF applies to.

    domaintune gguf-base                # models/base-gguf/base-f16.gguf
"""

from __future__ import annotations

from pathlib import Path

from domaintune import atomic, config, gguf

BASE_GGUF = Path("models/base-gguf/base-f16.gguf")


def export_base(base_dir: Path = config.BASE_MODEL_DIR, out: Path = BASE_GGUF, trust_remote_code: bool = False) -> Path:
    with atomic.output_dir(out.parent) as tmp:
        gguf.convert_model(base_dir, tmp / out.name, "f16", trust_remote_code)
        gguf.check_file(tmp / out.name)
    return out


def main() -> None:
    print(f"gguf-base: {export_base(trust_remote_code=config.load().base.trust_remote_code)}")
