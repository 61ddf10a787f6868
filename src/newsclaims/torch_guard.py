"""Keep torch out of command-line processes that only parse with a non-PyTorch pipeline.

thinc imports torch whenever it is installed (for its optional PyTorch layers): about 2 seconds of start-up
and 300 MB of memory in every process, though spaCy's CNN pipelines (the default `en_core_web_sm`) never use
it. `newsclaims extract` therefore blocks the import when the chosen pipeline's config names no PyTorch or
transformer architecture. Only the console command does this (it owns its process); the library never does.
Set `NEWSCLAIMS_IMPORT_TORCH=1` to keep the import.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

_TORCH_CONFIG = re.compile(r"PyTorch|[Tt]ransformer|torch|curated")


def model_argument(argv: Sequence[str], option: str = "--model") -> str | None:
    """The value of `--model` (or another `option`) in a command line, if given.

    >>> model_argument(["extract", "a.md", "--model", "en_core_web_md"]), model_argument(["extract", "--model=x"])
    ('en_core_web_md', 'x')
    >>> model_argument(["extract", "a.md", "--attribution", "neural"], "--attribution")
    'neural'
    """
    for i, arg in enumerate(argv):
        if arg == option and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


def pipeline_configs(model: str) -> list[Path]:
    """The `config.cfg` files of a spaCy pipeline given by path or package name (none found: empty)."""
    path = Path(model)
    if not path.exists():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            return []
        if spec is None or not spec.submodule_search_locations:
            return []
        path = Path(next(iter(spec.submodule_search_locations)))
    return sorted(path.glob("config.cfg")) + sorted(path.glob("*/config.cfg"))


def pipeline_needs_torch(model: str) -> bool:
    """Whether a pipeline may need torch: its config names a PyTorch or transformer layer, or is not found."""
    configs = pipeline_configs(model)
    return not configs or any(_TORCH_CONFIG.search(c.read_text(encoding="utf-8")) for c in configs)


def block_torch_import(model: str | None) -> bool:
    """Make `import torch` fail in this process when nothing here will need it; return whether it did."""
    from newsclaims.nlp import DEFAULT_MODEL

    if os.environ.get("NEWSCLAIMS_IMPORT_TORCH") or "torch" in sys.modules:
        return False
    if pipeline_needs_torch(model or DEFAULT_MODEL):
        return False
    sys.modules["torch"] = None  # type: ignore[assignment]  # import torch -> ImportError; thinc copes
    return True
