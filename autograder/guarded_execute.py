"""nbgrader's Execute preprocessor, hardened against what student code does to the grading run.

- **Restores the checks before each graded cell.** Before the first cell runs (so before any student
  code) a snapshot is taken of ``builtins`` and of every loaded ``numpy`` and ``aipath`` module's
  namespace; before each graded (test) cell they are restored, and the notebook's own names for
  numpy (``np``) and for ``aipath.checks``' functions are rebound. Monkey-patching ``assert_close``,
  ``np.allclose`` or ``builtins.abs`` in an answer cell therefore cannot make a test pass.
  Not covered: code that deliberately attacks the guard itself (finding the restore function in
  the namespace or via ``gc``) or the kernel (e.g. replacing ipykernel's ``do_execute``) — student
  code and tests share one process. See autograder/SANDBOX.md.
- **Bounds each cell's output** at ``max_output_bytes`` (later output is dropped with a note), so
  gigabytes of printing cannot exhaust the grader's memory.
- **Survives a dying kernel** (``os._exit``, a crash): that cell and every later one get an error
  output, so the graded cells that ran before keep their score and the rest score 0. A cell that
  does not answer after its interrupt fails alone; the notebook goes on.
"""
from __future__ import annotations

import secrets

from nbclient.util import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer

SNAPSHOT = '''
import builtins, sys
import numpy, aipath.checks
modules = {n: m for n, m in list(sys.modules.items())
           if m is not None and n.split(".")[0] in ("numpy", "aipath")}
modules["builtins"] = builtins
saved = {n: dict(m.__dict__) for n, m in modules.items()}
bindings = {"np": numpy, "numpy": numpy}
bindings.update({n: f for n, f in saved["aipath.checks"].items()
                 if getattr(f, "__module__", None) == "aipath.checks" and not n.startswith("_")})
user_ns, sys_modules = get_ipython().user_ns, sys.modules

def restore():
    for name, module in modules.items():
        sys_modules[name] = module
        module.__dict__.update(saved[name])
    for name, value in bindings.items():
        if name in user_ns:
            user_ns[name] = value

user_ns[TOKEN] = restore
'''


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
        self._snapshot_taken = False
        self._kernel_died = False
        self._output_size = 0

    def _prelude(self, cell) -> str:
        """One line (tracebacks keep the cell's own line numbers shifted by one at most)."""
        parts = []
        if not self._snapshot_taken:
            parts.append(f"exec({SNAPSHOT!r}, {{'get_ipython': get_ipython, 'TOKEN': {self._token!r}}})")
            self._snapshot_taken = True
        if _is_graded_test(cell):
            parts.append(f"{self._token}()")
        return "; ".join(parts) + "\n" if parts else ""

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type != "code" or not cell.source.strip():
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if self._kernel_died:
            cell.outputs = [_error("KernelDied", "not run: the kernel died in an earlier cell")]
            return cell
        original, self._output_size = cell.source, 0
        cell.source = self._prelude(cell) + original
        try:
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except DeadKernelError:
            self._kernel_died = True
            cell.outputs.append(_error("KernelDied", "the kernel died while running this cell "
                                                     "(exit, os._exit, a crash or a resource limit)"))
            return cell
        except CellTimeoutError as exc:  # e.g. no reply after the interrupt: fail this cell, go on
            cell.outputs.append(_error("CellTimeoutError", str(exc).splitlines()[0]))
            return cell
        finally:
            cell.source = original

    execute_cell = run_sync(async_execute_cell)  # nbclient binds its own coroutine here

    def output(self, outs, msg, display_id, cell_index):
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
