"""No answer ships in what a learner receives.

Every line of every solution region (``### BEGIN SOLUTION`` … ``### END SOLUTION``) of the source
notebooks is searched for in everything a learner gets:

- the installed ``aipath`` package: every text file in it (Python, the hint TOML files decoded, templates);
- ``release/``: the student notebooks (their code and Markdown), and, as their own channel, the
  visible hint and check-message texts of their check cells (``hint="…"``, assert messages, …);
- the course website, when ``$AIPATH_SITE_HTML`` points at a built site's HTML folder (the same file
  reading as the website's own leak scan, tests/leak_scan.py); skipped otherwise.

A solution line is searched for whole and by its expression (the right-hand side of ``name = …``, what
``return`` returns), so that a hint which spells out the answer's call is found too. A line proves
nothing, and is not searched for, when it is short (< 20 characters once whitespace and a leading
``return`` are dropped), a comment, a block header (``if …:``, ``for …:``, ``with …:``; its body is
searched), or when its text (or expression) also appears in the visible code of a source notebook
outside hint and message strings: a line every learner reads as code in the course is not a secret.
``IDIOMS`` lists the few API idioms (the scikit-learn estimator contract, seeding, one-call library
APIs) that are taught in prose on purpose, each with its reason.

``TAUGHT_HELPERS`` is the one reviewed exception for the package. The course writes a helper once, in
the notebook that teaches it, and the notebooks after it import it from ``aipath`` (d2l's ``#@save``):
``aipath.training.train_one_epoch``/``evaluate`` (taught in 02_pytorch_fundamentals, used by every later
training loop) and ``aipath.mlops.model_contract.split_output`` (the reference service's response rules, which
02_model_serving's ``build_response`` is compared with, and which the running service needs). Their
solution lines may appear in that one package file — nowhere else (not in release/, hints or messages).
What the exception costs, said plainly: a learner who opens that file can read the answer, as they
could read any reference; the course does not pretend otherwise. What it does not allow: an answer
that calls the package's copy. Each listed exercise's hidden test runs the learner's function under
``sys.setprofile`` and fails if the package function's code ran, and tests/mutants holds that wrong
answer for the cell (an import of the copy, or a call to it), so ``autograder validate --mutants``
(tests/test_release_validate.py) proves the guard kills it; this file checks that such a mutant exists.
Decision (2026-12-05): keep the helpers in the package (moving them out would mean copy-pasting the
loop into every later notebook), guard the exercises, and list each exception here with its reason.

One test per phase, so each phase's count of findings shows on its own.
"""
from __future__ import annotations

import ast
import io
import os
import re
import tokenize
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from tests.leak_scan import REGION, file_texts, site_files, squash

REPO = Path(__file__).resolve().parent.parent
SITE_ENV = "AIPATH_SITE_HTML"
MIN_CHARS = 20
PHASES = sorted(p.name for p in (REPO / "notebooks").iterdir() if p.is_dir() and any(p.glob("*.ipynb")))
# Lines that are API idioms the course teaches in prose, not an exercise's answer (reviewed one by one).
IDIOMS = {
    "X, y = validate_data(self, X, y)": "the scikit-learn estimator contract, taught as API before the first estimator",
    "X, y = validate_data(self, X, y, y_numeric=True)": "the scikit-learn estimator contract",
    "X = validate_data(self, X, reset=False)": "the scikit-learn estimator contract",
    "rng = np.random.default_rng(seed)": "the course's seeding idiom (aipath.seed)",
    "device = next(model.parameters()).device": "the PyTorch idiom for a model's device",
    "mlflow.log_params(params)": "MLflow's one-call API for a run's parameters (the exercise says 'one call'; "
                                 "its substance is the metric steps), used as such by aipath.mlops.retrain",
}
# Helpers taught in one notebook and shipped afterwards in the package (see the module docstring).
# (source notebook, solution cell) -> (package file, the shipped function, why it ships)
TAUGHT_HELPERS = {
    ("notebooks/02_deep_learning/02_pytorch_fundamentals.ipynb", "train_one_epoch"): (
        "aipath/training.py", "aipath.training.train_one_epoch",
        "the loop every later notebook trains with (aipath.training.fit); the notebook says so"),
    ("notebooks/02_deep_learning/02_pytorch_fundamentals.ipynb", "evaluate"): (
        "aipath/training.py", "aipath.training.evaluate",
        "the evaluation every later notebook uses; the notebook says so"),
    ("notebooks/04_mlops/02_model_serving.ipynb", "build_response"): (
        "aipath/mlops/model_contract.py", "aipath.mlops.model_contract.split_output",
        "the running reference service needs it, and the exercise's check compares with it; the notebook says so"),
}
MUTANTS = REPO / "tests" / "mutants"
MESSAGE_KEYWORDS = {"hint", "message", "msg", "what", "reason"}
MESSAGE_CALLS = {"expect": 1, "CheckFailed": 0, "AssertionError": 0}  # call name -> first message argument


@dataclass(frozen=True)
class Line:
    notebook: str        # notebooks/<phase>/<name>.ipynb
    cell: str            # the cell's grade_id
    text: str            # the solution line, whitespace squashed
    probes: tuple        # what is searched for: the line, and its expression when it has one


# ---------------------------------------------------------------- message strings in code

def _byte_span_to_chars(lines: list[str], lineno: int, col: int) -> tuple[int, int]:
    """ast's (1-based line, UTF-8 byte column) -> (0-based line, character column)."""
    return lineno - 1, len(lines[lineno - 1].encode()[:col].decode(errors="replace"))


def message_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where a cell's hint and check-message strings are: hint=/message=/what= arguments, assert
    messages, expect(cond, message), CheckFailed(...), AssertionError(...). Empty if it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics; such cells hold no checks in this course
        return []
    roots = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and node.msg is not None:
            roots.append(node.msg)
        elif isinstance(node, ast.Call):
            roots += [k.value for k in node.keywords if k.arg in MESSAGE_KEYWORDS]
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in MESSAGE_CALLS:
                roots += node.args[MESSAGE_CALLS[name]:]
    lines = source.splitlines()
    spans = []
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, (ast.Constant, ast.JoinedStr)) and (
                    isinstance(node, ast.JoinedStr) or isinstance(node.value, str)):
                spans.append((_byte_span_to_chars(lines, node.lineno, node.col_offset),
                              _byte_span_to_chars(lines, node.end_lineno, node.end_col_offset)))
    return spans


def split_messages(source: str) -> tuple[str, list[str]]:
    """(the code with its message strings blanked, the message strings)."""
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans = sorted((starts[l0] + c0, starts[l1] + c1) for (l0, c0), (l1, c1) in message_spans(source))
    outer = []
    for begin, end in spans:  # a JoinedStr and the strings inside it: keep the outermost
        if outer and begin < outer[-1][1]:
            outer[-1] = (outer[-1][0], max(end, outer[-1][1]))
        else:
            outer.append((begin, end))
    code, taken, at = [], [], 0
    for begin, end in outer:
        code.append(source[at:begin] + '""')
        taken.append(source[begin:end])
        at = end
    code.append(source[at:])
    return "".join(code), taken


def strip_comments(source: str) -> str:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return re.sub(r"(^|\s)#[^\n]*", r"\1", source)
    lines = source.splitlines()
    for tok in reversed([t for t in tokens if t.type == tokenize.COMMENT]):
        (row, col), _ = tok.start, tok.end
        lines[row - 1] = lines[row - 1][:col]
    return "\n".join(lines)


# ---------------------------------------------------------------- solution lines

def probes_of(text: str) -> tuple[str, ...]:
    """The line, and the expression it computes (right of the first plain ``=``, or after ``return``)."""
    probes = [text]
    match = re.match(r"^(?:return|yield)\s+(.+)$", text) or \
        re.match(r"^[\w\.\[\]\(\), \*]+?\s*(?:[-+*/@]?=)(?!=)\s*(.+)$", text)
    if match and match.group(1) != text:
        probes.append(match.group(1).strip())
    return tuple(p for p in probes if len(p) >= MIN_CHARS)


HEADER = re.compile(r"^(if|elif|else|for|while|with|try|except|finally|def|class|async)\b.*:$")


def substance(text: str) -> str:
    """What a line computes, without the keyword that hands it back."""
    return re.sub(r"^(return|yield)\s+", "", text)


def searchable(text: str) -> bool:
    """Long enough to be evidence, and not a block header (``if …:``, ``for …:``; the block's body is searched)."""
    return len(substance(text)) >= MIN_CHARS and not HEADER.match(text)


def read_notebook(path: Path) -> tuple[list[tuple[str, str]], str]:
    """(grade_id, solution region) pairs, and the visible code: outside regions, comments and message strings."""
    nb = nbformat.read(str(path), as_version=4)
    regions, visible = [], []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell_id = cell.metadata.get("nbgrader", {}).get("grade_id", "?")
        regions += [(cell_id, body) for kind, body in REGION.findall(cell.source) if kind == "SOLUTION"]
        code, _ = split_messages(REGION.sub("", cell.source))
        visible.append(squash(strip_comments(code)))
    return regions, "\0".join(visible)


@lru_cache(maxsize=None)
def course_visible_code() -> str:
    """The visible code of every source notebook: a line shown as code anywhere in the course is no secret."""
    return "\0".join(read_notebook(path)[1] for path in sorted((REPO / "notebooks").glob("**/*.ipynb")))


def solution_lines(path: Path, shown: str | None = None) -> tuple[list[Line], str]:
    """The notebook's searchable solution lines, and its visible code (message strings blanked).
    ``shown``: visible code to exclude (default: the whole course's)."""
    notebook = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.name
    regions, visible_text = read_notebook(path)
    shown = "\0".join([visible_text, course_visible_code() if shown is None else shown])
    lines = []
    for cell_id, body in regions:
        for raw in strip_comments(body).splitlines():
            text = squash(raw)
            probes = tuple(p for p in probes_of(text) if p not in shown)
            if searchable(text) and probes and text not in shown and text not in IDIOMS:
                lines.append(Line(notebook, cell_id, text, probes))
    return lines, visible_text


def source_notebooks(phase: str) -> list[Path]:
    return sorted((REPO / "notebooks" / phase).glob("**/*.ipynb"))


# ---------------------------------------------------------------- what a learner receives

def package_texts() -> list[tuple[str, list[str]]]:
    import aipath

    root = Path(aipath.__file__).resolve().parent
    out = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        texts = file_texts(path)
        if texts is None:
            continue
        if path.suffix == ".toml":  # hints: the decoded strings, as hint() prints them
            texts += [squash(s) for s in _toml_strings(tomllib.loads(path.read_text()))]
        out.append((f"aipath/{path.relative_to(root).as_posix()}", texts))
    return out


def _toml_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _toml_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _toml_strings(v)]
    return []


def release_texts() -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted((REPO / "release").glob("**/*.ipynb")):
        name = path.relative_to(REPO).as_posix()
        nb = nbformat.read(str(path), as_version=4)
        code, messages = [], []
        for cell in nb.cells:
            if cell.cell_type == "code":
                blanked, taken = split_messages(cell.source)
                code.append(blanked)
                messages += taken
            else:
                code.append(cell.source)
        out.append((f"{name} (code and Markdown)", [squash(t) for t in code]))
        out.append((f"{name} (a visible hint or check message)", [squash(t) for t in messages]))
    return out


def site_texts() -> list[tuple[str, list[str]]]:
    site = Path(os.environ[SITE_ENV]).resolve()
    assert (site / "index.html").is_file(), f"${SITE_ENV}={site} holds no index.html"
    return [(f"website {relative}", texts) for relative, texts in site_files(site) if texts]


@lru_cache(maxsize=None)
def learner_channels() -> tuple[tuple[str, str], ...]:
    """(where, all its text) for everything a learner receives; the site only when $AIPATH_SITE_HTML is set."""
    channels = package_texts() + release_texts() + (site_texts() if os.environ.get(SITE_ENV) else [])
    return tuple((where, "\0".join(texts)) for where, texts in channels)


def taught_lines() -> dict[str, set[str]]:
    """Package file -> the solution lines of the TAUGHT_HELPERS it ships (allowed there, and only there)."""
    allowed: dict[str, set[str]] = {}
    for (notebook, cell_id), (package_file, _, _) in TAUGHT_HELPERS.items():
        lines, _ = solution_lines(REPO / notebook)
        allowed.setdefault(package_file, set()).update(line.text for line in lines if line.cell == cell_id)
    return allowed


def findings(lines: list[Line], channels, allowed: dict[str, set[str]] | None = None) -> list[str]:
    """Each solution line found in a channel; ``allowed``: channel -> line texts that may sit there."""
    allowed = allowed or {}
    found = []
    for line in lines:
        places = [where for where, text in channels if any(p in text for p in line.probes)
                  and line.text not in allowed.get(where, ())]
        if places:
            found.append(f"{line.notebook} [{line.cell}] {line.text[:90]!r}\n      found in: {'; '.join(places)}")
    return found


# ---------------------------------------------------------------- the tests

@pytest.mark.parametrize("phase", PHASES)
def test_no_solution_line_of_the_phase_ships_to_learners(phase):
    lines = [line for path in source_notebooks(phase) for line in solution_lines(path)[0]]
    assert lines, f"notebooks/{phase} holds no searchable solution line: the scan would prove nothing"
    found = findings(lines, learner_channels(), taught_lines())
    site = "the website" if os.environ.get(SITE_ENV) else f"no website (${SITE_ENV} unset)"
    print(f"\n{phase}: {len(found)} of {len(lines)} solution lines found in what learners receive "
          f"(aipath, release/, hints, {site})")
    assert not found, (f"{phase}: {len(found)} solution line(s) ship to learners — move the code out of "
                       "the package, or turn the hint into a nudge:\n" + "\n".join(found))


def test_the_scan_finds_an_answer_spelled_out_in_a_hint_and_ignores_what_the_notebook_shows(tmp_path):
    source = ('def normalize_rows(X):\n    ### BEGIN SOLUTION\n    norms = np.linalg.norm(X, axis=1, keepdims=True)\n'
              '    return X / np.maximum(norms, 1e-12)\n    ### END SOLUTION\n')
    check = ('assert_close(normalize_rows(X), X / np.maximum(np.abs(X).max(), 1e-12), exercise="normalize_rows",\n'
             '             hint="np.linalg.norm(X, axis=1, keepdims=True)")\n')
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source, metadata={"nbgrader": {"grade_id": "ex"}}),
                                         nbformat.v4.new_code_cell(check)])
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, str(path))
    lines, visible = solution_lines(path, shown="")
    assert "np.linalg.norm(X, axis=1, keepdims=True)" not in visible, "a hint string counted as visible code"
    assert [line.text for line in lines] == ["norms = np.linalg.norm(X, axis=1, keepdims=True)",
                                             "return X / np.maximum(norms, 1e-12)"]
    _, messages = split_messages(check)
    channels = [("release/x.ipynb (a visible hint or check message)", "\0".join(squash(m) for m in messages)),
                ("aipath/other.py", "unrelated text")]
    found = findings(lines, channels)
    assert len(found) == 1 and "norms = np.linalg.norm" in found[0] and "visible hint" in found[0], found


def calls_or_imports(source: str, module: str, name: str) -> bool:
    """Does this cell source import ``name`` from ``module``, or call ``name`` (other than defining it)?"""
    tree = ast.parse(source)
    defined = {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == module and any(a.name == name for a in node.names):
            return True
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name and name not in defined:
            return True
    return False


@pytest.mark.parametrize("key", sorted(TAUGHT_HELPERS), ids=lambda key: key[1])
def test_a_taught_helper_ships_in_its_package_file_and_its_exercise_rejects_the_copy(key):
    import importlib
    import inspect
    import runpy

    notebook, cell_id = key
    package_file, qualified, reason = TAUGHT_HELPERS[key]
    assert reason, f"{key}: say why the package ships this answer"
    module_name, name = qualified.rsplit(".", 1)
    shipped = inspect.unwrap(getattr(importlib.import_module(module_name), name))
    assert Path(inspect.getsourcefile(shipped)).resolve() == (REPO / package_file).resolve(), \
        f"{qualified} is not defined in {package_file}"
    regions, _ = read_notebook(REPO / notebook)
    assert any(grade_id == cell_id for grade_id, _ in regions), f"{notebook} has no solution cell {cell_id!r}"
    assignment, stem = Path(notebook).parent.name, Path(notebook).stem
    mutants = runpy.run_path(str(MUTANTS / assignment / f"{stem}.py"))["MUTANTS"].get(cell_id, {})
    copies = [mutant for mutant, source in mutants.items() if calls_or_imports(source, module_name, name)]
    assert copies, (f"tests/mutants/{assignment}/{stem}.py: no mutant of {cell_id!r} imports or calls {qualified}; "
                    "add one, so that `autograder validate --mutants` proves the hidden test rejects the copy")


def test_a_taught_helper_line_is_allowed_in_its_package_file_only():
    line = Line("notebooks/x.ipynb", "train_one_epoch", "loss = loss_fn(model(X), y)", ("loss = loss_fn(model(X), y)",))
    channels = [("aipath/training.py", "loss = loss_fn(model(X), y)"),
                ("release/x.ipynb (code and Markdown)", "loss = loss_fn(model(X), y)")]
    found = findings([line], channels, {"aipath/training.py": {"loss = loss_fn(model(X), y)"}})
    assert len(found) == 1 and "release/x.ipynb" in found[0] and "aipath/training.py" not in found[0], found
