"""`newsclaims extract` keeps torch out of its process when the pipeline does not need it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsclaims.nlp import DEFAULT_MODEL
from newsclaims.torch_guard import pipeline_needs_torch


def test_default_pipeline_does_not_need_torch() -> None:
    assert pipeline_needs_torch(DEFAULT_MODEL) is False


def test_pytorch_architectures_and_unknown_pipelines_keep_torch(tmp_path: Path) -> None:
    (tmp_path / "config.cfg").write_text(
        '[components.transformer.model]\n@architectures = "spacy-transformers"\n'
    )
    assert pipeline_needs_torch(str(tmp_path)) is True
    assert pipeline_needs_torch("no_such_pipeline_package") is True


def test_blocked_import_leaves_spacy_working() -> None:
    code = (
        "from newsclaims.torch_guard import block_torch_import as b; blocked = b(None);"
        "import thinc.compat, newsclaims;"
        "a = newsclaims.analyze('Rebels said the town fell.');"
        "print(blocked, thinc.compat.has_torch, a.statements[0].cue.lemma)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False", "say"]


def test_environment_variable_keeps_torch(monkeypatch) -> None:
    code = "from newsclaims.torch_guard import block_torch_import as b; print(b(None))"
    env = {"NEWSCLAIMS_IMPORT_TORCH": "1", "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"


def _blas_threads_after_run(argv: list[str], env: dict[str, str]) -> str:
    code = (
        "import os, sys, newsclaims.cli as c; c.main = lambda: None; sys.argv = ['newsclaims', *sys.argv[1:]];"
        "c.run(); print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, check=True
    )
    return run.stdout.strip()


def test_parsing_commands_keep_numpy_blas_to_one_thread_unless_the_user_says() -> None:
    env = {"PATH": "", "NEWSCLAIMS_IMPORT_TORCH": "1"}
    assert _blas_threads_after_run(["extract", "x.txt"], env) == "1"
    assert _blas_threads_after_run(["ingest", "x.txt"], env) == "1"
    assert _blas_threads_after_run(["claims"], env) == "None"
    assert _blas_threads_after_run(["extract", "x.txt"], {**env, "OPENBLAS_NUM_THREADS": "4"}) == "4"


def test_the_console_entry_point_imports_no_numpy_before_run() -> None:
    # OPENBLAS_NUM_THREADS only counts if it is set before numpy is first imported
    code = "import sys, newsclaims.cli; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
