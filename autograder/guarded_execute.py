"""nbgrader's Execute preprocessor, hardened against what student code does to the grading run.

- **Judges graded cells by a signed verdict, not by the kernel's reply.** Before the notebook's first
  cell, in a request of its own (so before any student code), the guard of autograder/kernel_guard.py
  is installed in the kernel; it snapshots the checks, numpy and IPython's machinery and hands the
  grader a fresh HMAC key over the output channel. Each graded test cell is then sent as one line that
  asks the guard to restore the snapshot, run the cell's source (compiled by the guard, not by IPython's
  possibly hooked transformers), check nothing changed meanwhile and publish a signed verdict. A cell
  whose verdict is missing, forged, repeated or for other code scores 0 ("VerdictMissing"); one that
  changed the checks while it ran scores 0 ("TamperingDetected"); an honest verdict decides the
  cell's partial-credit value too. Names the instructor's locked cells bind to objects of their own
  (:func:`instructor_names`) go with each call, so the guard leaves them alone; the verdict repeats
  them. Threat model: autograder/SANDBOX.md.
- **Bounds each cell's output** at ``max_output_bytes`` (later output is dropped with a note), so
  gigabytes of printing cannot exhaust the grader's memory.
- **Survives a dying kernel** (``os._exit``, a crash): that cell and every later one get an error
  output, so the graded cells that ran before keep their score and the rest score 0. A cell that
  does not answer after its interrupt fails alone; the notebook goes on.
"""
from __future__ import annotations

import ast
import hashlib
import hmac
import json
import secrets
from pathlib import Path

from nbclient.util import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_code_cell, new_output
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer

from autograder.kernel_guard import KEY_MIME, VERDICT_MIME

GUARD_SOURCE = (Path(__file__).parent / "kernel_guard.py").read_text()
UNVERIFIED = "the checks of this cell could not be verified: "  # autograder/reasons.py shows the first line
VERDICT_MISSING = (UNVERIFIED + "the grader got no signed verdict from them (they were rewritten, skipped or "
                   "silenced, e.g. by an IPython hook or handler set in an answer cell), so the cell scores 0")
TAMPERED = UNVERIFIED + "code run while they ran changed the grader's checks or hooks ({}), so the cell scores 0"


def _is_instructor(cell) -> bool:
    """A locked cell that still has its grade id here: nbgrader restored its source from the gradebook."""
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade_id")) and bool(meta.get("locked")) and not meta.get("solution")


def instructor_names(names: frozenset[str], source: str) -> frozenset[str]:
    """``names`` after an instructor cell runs ``source``: the top-level names it binds to objects of its
    own (``def expect_error``, ``np = ...``), less those it imports from aipath or numpy. The guard
    restores the checks' names in the user namespace before each graded cell, but not these."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        tree = ast.parse(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError):
        return names
    own = set(names)
    _bind(tree, own)
    return frozenset(own)


def _bind(node, own: set[str]) -> None:
    """Names ``node`` binds in the module's scope, in source order (not inside functions, classes,
    lambdas or comprehensions: their names are local)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(child.name)
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            for alias in child.names:
                module = child.module or "" if isinstance(child, ast.ImportFrom) else alias.name
                name = alias.asname or alias.name.split(".")[0]
                if module.split(".")[0] in ("aipath", "numpy"):  # the checks' own objects: restored
                    own.discard(name)
                else:
                    own.add(name)
        elif isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            own.add(child.id)
        elif not isinstance(child, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            _bind(child, own)


def _is_graded_test(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def _size(content: dict) -> int:
    payload = content.get("text") or content.get("data") or ""
    return sum(len(str(v)) for v in payload.values()) if isinstance(payload, dict) else len(str(payload))


class GuardedExecute(Execute):
    max_output_bytes = Integer(1_000_000, help="output kept per cell, in characters").tag(config=True)
    # after an interrupted flood of output, draining IOPub can outlast iopub_timeout: not an error
    raise_on_iopub_timeout = Bool(False).tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._token = f"_aipath_guard_{secrets.token_hex(8)}"
        self._guard_installed = False
        self._key: bytes | None = None
        self._verdicts: list[dict] = []
        self._kernel_died = False
        self._output_size = 0
        self._own: frozenset[str] = frozenset()  # instructor_names of the cells run so far

    async def _install_guard(self, cell_index):
        """Before any notebook cell: install the guard; its key arrives as output, never as source."""
        install = new_code_cell(f"exec({GUARD_SOURCE!r}, _ns := {{'__name__': 'aipath_guard'}}); "
                                f"_ns['install'](get_ipython(), {self._token!r}); del _ns")
        await super().async_execute_cell(install, cell_index, None, store_history=False)
        keys = [o.data[KEY_MIME] for o in install.outputs if o.output_type == "display_data" and KEY_MIME in o.get("data", {})]
        self._key = bytes.fromhex(keys[0]) if len(keys) == 1 else None
        if self._key is None:
            self.log.error("grading guard did not install: %s", install.outputs)

    async def _run_graded(self, cell, cell_index, execution_count, store_history):
        nonce, original, own = secrets.token_hex(8), cell.source, sorted(self._own)
        self._verdicts = []
        cell.source = f"{self._token}({nonce!r}, {original!r}, {own!r})"
        try:
            await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        finally:
            cell.source = original
        self._judge(cell, nonce, hashlib.sha256(original.encode()).hexdigest(), own)
        return cell

    def _judge(self, cell, nonce, digest, own):
        """Outputs as the signed verdict says: its result value only, an error when it failed."""
        verdict = self._verdict(nonce, digest, own)
        cell.outputs = [o for o in cell.outputs if o.output_type != "execute_result"]
        has_error = any(o.output_type == "error" for o in cell.outputs)
        if verdict is None:
            if not has_error:
                cell.outputs.append(_error("VerdictMissing", VERDICT_MISSING))
        elif verdict["tampered"]:
            changed = ", ".join(verdict["tampered"][:5])
            cell.outputs.append(_error("TamperingDetected", TAMPERED.format(changed)))
        elif not verdict["ok"]:
            if not has_error:
                cell.outputs.append(_error("CheckFailed", "this graded cell's checks failed"))
        elif verdict["value"] is not None:
            cell.outputs.append(new_output("execute_result", data={"text/plain": verdict["value"]},
                                           execution_count=cell.get("execution_count")))

    def _verdict(self, nonce, digest, own):
        """The one verdict for this cell, signed with the key, for this nonce, this source and these
        instructor names; else None."""
        if self._key is None or len(self._verdicts) != 1:
            return None
        signed = self._verdicts[0]
        payload, mac = str(signed.get("verdict", "")), str(signed.get("mac", ""))
        expected = hmac.new(self._key, payload.encode(), "sha256").hexdigest()
        if not hmac.compare_digest(expected, mac):
            return None
        verdict = json.loads(payload)
        ours = verdict.get("nonce") == nonce and verdict.get("code") == digest and verdict.get("own") == own
        return verdict if ours else None

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type != "code" or not cell.source.strip():
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if self._kernel_died:
            cell.outputs = [_error("KernelDied", "not run: the kernel died in an earlier cell")]
            return cell
        self._output_size = 0
        try:
            if not self._guard_installed:
                self._guard_installed = True
                await self._install_guard(cell_index)
                self._output_size = 0
            if _is_instructor(cell):
                self._own = instructor_names(self._own, cell.source)
            if _is_graded_test(cell):
                return await self._run_graded(cell, cell_index, execution_count, store_history)
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except DeadKernelError:
            self._kernel_died = True
            cell.outputs.append(_error("KernelDied", "the kernel died while running this cell "
                                                     "(exit, os._exit, a crash or a resource limit)"))
            return cell
        except CellTimeoutError as exc:  # e.g. no reply after the interrupt: fail this cell, go on
            cell.outputs.append(_error("CellTimeoutError", str(exc).splitlines()[0]))
            return cell

    execute_cell = run_sync(async_execute_cell)  # nbclient binds its own coroutine here

    def output(self, outs, msg, display_id, cell_index):
        data = msg["content"].get("data") or {}
        if VERDICT_MIME in data or KEY_MIME in data:  # the guard's channel: never stored in the notebook
            if VERDICT_MIME in data and isinstance(data[VERDICT_MIME], dict):
                self._verdicts.append(data[VERDICT_MIME])
            if KEY_MIME not in data or self._guard_installed and self._key is not None:
                return None
        # execute_result (partial credit) and error outputs always pass: dropping them would change the grade
        if msg["msg_type"] in ("stream", "display_data", "update_display_data"):
            before, self._output_size = self._output_size, self._output_size + _size(msg["content"])
            if self._output_size > self.max_output_bytes:
                if before <= self.max_output_bytes:
                    outs.append(new_output("stream", name="stdout",
                                           text=f"\n[output truncated: over {self.max_output_bytes} characters]\n"))
                return None
        return super().output(outs, msg, display_id, cell_index)


def _error(ename: str, evalue: str):
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])
