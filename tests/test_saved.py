"""Write once, import after (d2l's ``#@save``): cells marked ``# aipath: save`` become aipath/saved.py
(autograder/saved.py), and no helper is defined in two notebooks.

- aipath/saved.py is what ``python -m autograder.saved`` writes from the course today (not stale);
- the generator gathers marked cells in course order and refuses what would ship an answer (solution
  and test cells), cells that run code, cells that use names they do not import, and a name saved twice;
- a function or class defined at module scope of a code cell (also inside ``with``/``if``/``for``/``try``
  blocks, as in a check cell) appears in one notebook only, and never shadows a name aipath exports,
  unless ``ALLOWED`` gives a reviewed reason.
"""
from __future__ import annotations

import ast
import importlib.util
import re
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest

import aipath
from autograder import saved
from autograder.authoring import code, solution, write_notebook
from autograder.authoring import tests as graded_cell

REPO = Path(__file__).resolve().parent.parent

# name -> reason it may be defined in more than one notebook (or shadow an aipath export). Reviewed one
# by one; an entry that no longer matches a duplicate fails the test below, so the list only shrinks.
ALLOWED = {
    # different things that share a common name
    "MLP": "05_lora's classifier and 06_gpt's transformer feed-forward block are different modules",
    "f_true": "06_generalisation's sin(pi x) on (N,) and 03_ml_interview's sin(3 x) on (N, 1) are different curves",
    "mse": "04_linear_regression's graded exercise; 06_generalisation's one-line plotting helper",
    "smooth": "06_transfer_learning's exponential moving average and 03_resnet's moving window differ",
    # an earlier exercise's answer: shipping it in aipath (aipath.saved included) would ship the answer to every
    # learner (tests/test_no_answer_leaks.py), so the later notebook re-implements it in a read-only cell
    "CharLSTM": "05_rnn_lstm's answer (Exercise 7); 06_gpt_from_scratch rebuilds it, read-only, as the LSTM baseline",
    "get_batch": "05_rnn_lstm's answer (Exercise 6); 06_gpt_from_scratch re-implements it in its read-only data cell",
    "count_trainable_parameters": "03_mnist_classifier's answer; 06_transfer_learning re-implements it in its "
                                  "read-only model cell",
}


# ---------------------------------------------------------------- the course

def test_saved_module_is_what_the_generator_writes_today(capsys):
    code = saved.main(["--check"])
    assert code == 0, f"aipath/saved.py is stale or a marked cell is refused:\n{capsys.readouterr().err}" \
                      "run `python -m autograder.saved`."


def _module_scope_defs(body: list[ast.stmt]):
    """def/class statements that bind a global name: top level, or inside with/if/for/while/try blocks."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            for child in getattr(node, field, []) or []:
                yield from _module_scope_defs(child.body if isinstance(child, ast.ExceptHandler) else [child])


def course_definitions() -> dict[str, list[str]]:
    """name -> ["<phase>/<notebook>, cell <grade_id>", …] for every module-scope def/class in notebooks/."""
    where = defaultdict(list)
    for path in saved.course_notebooks(REPO):
        notebook = path.relative_to(REPO / "notebooks").with_suffix("").as_posix()
        for cell in nbformat.read(str(path), as_version=4).cells:
            if cell.cell_type != "code":
                continue
            source = re.sub(r"^\s*[%!].*$", "", cell.source, flags=re.M)   # IPython magics and shell lines
            cell_id = cell.metadata.get("nbgrader", {}).get("grade_id", cell.get("id"))
            for node in _module_scope_defs(ast.parse(source).body):
                where[node.name].append(f"{notebook}, cell {cell_id}")
    return where


def test_no_helper_is_defined_in_two_notebooks_or_shadows_an_aipath_export():
    where = course_definitions()
    exported = set(aipath.__all__)
    duplicated = {name: places for name, places in where.items()
                  if len({p.split(",")[0] for p in places}) > 1 or name in exported}
    unexplained = {name: places for name, places in duplicated.items() if name not in ALLOWED}
    assert not unexplained, (
        "defined in more than one notebook (or shadowing aipath's own): mark the first definition "
        "`# aipath: save` and import it from aipath.saved, or move a check helper to aipath.checks:\n"
        + "\n".join(f"  {name}: {'; '.join(places)}" for name, places in sorted(unexplained.items())))
    stale = sorted(set(ALLOWED) - set(duplicated))
    assert not stale, f"ALLOWED lists names no longer defined twice; remove them: {stale}"


# ---------------------------------------------------------------- the generator, on a scratch course

HELPER = "# aipath: save\nimport numpy as np\n\nSCALE = 2.0\n\n\ndef doubled(x):\n    return SCALE * np.asarray(x)"


def _course(root: Path, notebooks: dict[str, list]) -> Path:
    for relative, cells in notebooks.items():
        (root / "notebooks" / relative).parent.mkdir(parents=True, exist_ok=True)
        write_notebook(root / "notebooks" / relative, cells)
    (root / "aipath").mkdir()
    return root


def test_marked_cells_are_gathered_in_course_order_into_an_importable_module(tmp_path):
    later = "# aipath: save\nfrom math import pi\n\n\nclass Circle:\n    def area(self, r):\n        return pi * r * r"
    repo = _course(tmp_path, {"02_b/01_x.ipynb": [code(later, "shapes")],
                              "01_a/02_y.ipynb": [code("x = 1", "data"), code(HELPER, "tools")]})
    assert saved.main(["--repo", str(repo)]) == 0
    text = (repo / "aipath" / "saved.py").read_text()
    assert text.index("cell `tools`") < text.index("cell `shapes`")          # phase 01 before phase 02
    assert "- notebooks/01_a/02_y.ipynb, cell `tools`: SCALE, doubled" in text and "GENERATED" in text
    assert "# aipath: save" not in text.split('"""')[2] and "x = 1" not in text
    spec = importlib.util.spec_from_file_location("saved_scratch", repo / "aipath" / "saved.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.doubled([1.0, 2.0]).tolist() == [2.0, 4.0] and module.__all__ == ["Circle", "SCALE", "doubled"]
    assert saved.main(["--repo", str(repo), "--check"]) == 0


def test_check_fails_when_the_saved_module_is_stale(tmp_path, capsys):
    repo = _course(tmp_path, {"01_a/01_x.ipynb": [code(HELPER, "tools")]})
    assert saved.main(["--repo", str(repo), "--check"]) == 1                 # never generated
    saved.main(["--repo", str(repo)])
    write_notebook(repo / "notebooks" / "01_a" / "01_x.ipynb", [code(HELPER.replace("2.0", "3.0"), "tools")])
    assert saved.main(["--repo", str(repo), "--check"]) == 1                 # the cell changed
    assert "aipath/saved.py is stale: run `python -m autograder.saved`" in capsys.readouterr().err


@pytest.mark.parametrize("cell, refusal", [
    (solution("# aipath: save\ndef f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION", "f"),
     "an answer or test cell cannot be saved"),
    (graded_cell("# aipath: save\nassert True", "test_f", points=1), "an answer or test cell cannot be saved"),
    (code("# aipath: save\ndef f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION", "f"),
     "an answer or test cell cannot be saved"),
    (code("import numpy as np\n# aipath: save\ndef f(x):\n    return x", "f"), "must be the cell's first line"),
    (code("# aipath: save\nimport numpy as np\nrng = np.random.default_rng(0)", "data"),
     "line 2 assigns a variable"),
    (code("# aipath: save\ndef f(x):\n    return x\n\n\nprint(f(1))", "demo"), "line 5 runs code"),
    (code("# aipath: save\ndef f(x):\n    return np.sqrt(x)", "f"), "uses np without importing or defining it"),
])
def test_the_generator_refuses_a_cell_that_would_ship_an_answer_or_not_import(tmp_path, capsys, cell, refusal):
    repo = _course(tmp_path, {"01_a/01_x.ipynb": [cell]})
    assert saved.main(["--repo", str(repo)]) == 2
    err = capsys.readouterr().err
    assert "notebooks/01_a/01_x.ipynb, cell" in err and refusal in err, err
    assert not (repo / "aipath" / "saved.py").exists()


def test_the_generator_refuses_a_name_saved_twice(tmp_path):
    repo = _course(tmp_path, {"01_a/01_x.ipynb": [code(HELPER, "tools")],
                              "01_a/02_y.ipynb": [code(HELPER, "again")]})
    with pytest.raises(saved.MarkedCellError, match=r"02_y.ipynb, cell again: `SCALE` is already saved from "
                                                    r"notebooks/01_a/01_x.ipynb, cell tools"):
        saved.gather(repo)
