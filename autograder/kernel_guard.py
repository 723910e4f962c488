"""The grader's guard INSIDE the grading kernel: runs each graded test cell and signs its verdict.

Never imported by the grader: autograder/guarded_execute.py sends this file's source to the kernel
(``install``) in a request of its own, before any cell of the notebook runs, so nothing a submission
does can come before it. ``install`` snapshots what the checks rely on and returns a key that only
the grader receives (over the kernel's output channel, never in any cell's source or history).
Each graded test cell is then sent as one line, ``<guard>(nonce, source)``, and :class:`Guard`:

1. restores the snapshot: ``builtins``/``numpy``/``aipath``/``math`` namespaces and ``sys.modules``
   entries (functions, classes, modules in them), the check and numpy functions' ``__code__``/
   ``__defaults__``/``__kwdefaults__``/closure cells, IPython's hooks (input transformer lists, methods
   shadowed on the shell, kernel, session or display publisher, e.g. ``set_custom_exc``'s handler or a
   replaced ``showtraceback``), display/exception hooks (``sys`` and the shell's traits), import hooks
   (the snapshot's finders first; ones libraries added later stay behind them), ``sys.stdout``/
   ``sys.stderr`` (each one of the kernel's two streams), signal handlers and timers (event callbacks
   stay: they run outside the guard's verdict);
2. compiles the test source itself (IPython's transformers never see it) and runs it in the user
   namespace, other threads held off (switch interval);
3. checks the snapshot again: anything the cell's code changed (e.g. a student function, called by a
   check, that swaps a check's code) fails the cell as tampering;
4. publishes ``{nonce, ok, sha256(source), value, own}`` with an HMAC under the key (``own``: the names
   the instructor's cells bind to objects of their own, which step 1 leaves alone). The grader trusts
   only that verdict: a cell whose verdict is missing, forged, duplicated or for other code scores 0.

An audit hook installed first forbids, for the rest of the session, what would reach inside the
guard or the checks: new audit hooks, ``sys.settrace``/``sys.setprofile`` (line jumps, code run at
every call; only code compiled from the running graded cell's own source may set a profile), ``gc``'s
object walkers (finding the key), and setting ``__code__``/``__defaults__``/``__kwdefaults__`` on
any function of the checks, numpy, IPython, ipykernel or the guard. What is not covered is in
autograder/SANDBOX.md ("Integrity of the checks").
"""
import ast
import builtins
import hashlib
import hmac
import json
import linecache
import secrets
import signal
import sys
import threading
import types

VERDICT_MIME = "application/x-aipath-verdict+json"
KEY_MIME = "application/x-aipath-guard-key"
RESTORED = ("builtins", "numpy", "aipath", "math")           # namespaces and functions restored
FROZEN = RESTORED + ("IPython", "ipykernel", "jupyter_client", "zmq", "traitlets", "comm")  # code frozen
FUNCTION_ATTRS = ("__code__", "__defaults__", "__kwdefaults__")
BLOCKED = {"sys.addaudithook", "sys.settrace", "sys.setprofile",
           "gc.get_objects", "gc.get_referrers", "gc.get_referents"}
SHELL_HOOKS = ("input_transformers_cleanup", "input_transformers_post", "input_transformer_manager",
               "ast_transformers", "custom_exceptions", "CustomTB", "InteractiveTB", "SyntaxTB",
               "showtraceback", "_showtraceback", "showsyntaxerror", "run_cell", "run_cell_async",
               "_run_cell", "run_ast_nodes", "run_code", "transform_cell", "transform_ast",
               "should_run_async", "displayhook", "display_pub", "display_formatter", "display_trap",
               "compile", "excepthook", "user_ns", "user_global_ns", "ex", "ev")
SYS_HOOKS = ("excepthook", "displayhook", "breakpointhook", "unraisablehook")
STREAMS = ("stdout", "stderr")
IMPORT_HOOKS = ("meta_path", "path_hooks")
HYGIENE = {"sys.stdout", "sys.stderr", "signals"}   # restored, but changing them is no tampering


def _is_code(value):
    return callable(value) or isinstance(value, (property, classmethod, staticmethod, types.ModuleType))


class TamperingError(RuntimeError):
    """What a graded notebook may not do (raised by the audit hook)."""


def _functions(module):
    """The module's own functions, with numpy's dispatchers' Python implementations and class methods."""
    for value in list(vars(module).values()):
        if isinstance(value, types.FunctionType):
            yield value
        elif isinstance(value, type) and getattr(value, "__module__", None) == module.__name__:
            yield from (v for v in vars(value).values() if isinstance(v, types.FunctionType))
        impl = getattr(value, "_implementation", None) if not isinstance(value, type) else None
        if isinstance(impl, types.FunctionType):
            yield impl


def _function_state(f):
    """Everything of a function a change could make a check pass: (code, defaults, kwdefaults
    object, its items, closure cell contents), compared by identity (``_same``)."""
    cells = tuple(c.cell_contents if _has_contents(c) else _EMPTY for c in (f.__closure__ or ()))
    kw = f.__kwdefaults__
    return f.__code__, f.__defaults__, kw, tuple(kw.items()) if kw else (), cells


def _same(a, b):
    return (all(x is y for x, y in zip(a[:3], b[:3])) and len(a[3]) == len(b[3]) and len(a[4]) == len(b[4])
            and all(k1 == k2 and v1 is v2 for (k1, v1), (k2, v2) in zip(a[3], b[3]))
            and all(x is y for x, y in zip(a[4], b[4])))


_EMPTY = object()


def _has_contents(cell):
    try:
        cell.cell_contents
        return True
    except ValueError:
        return False


def _loaded(packages):
    return {n: m for n, m in list(sys.modules.items())
            if isinstance(m, types.ModuleType) and n.split(".")[0] in packages}


class Guard:
    def __init__(self, shell, sign, publish):
        self._shell, self._sign, self._publish = shell, sign, publish
        self._user_ns = shell.user_ns
        self._modules = _loaded(RESTORED)
        self._modules["builtins"] = builtins
        self._namespaces = {n: dict(vars(m)) for n, m in self._modules.items()}
        functions = {f for m in self._modules.values() for f in _functions(m)}
        functions |= {f for f in vars(Guard).values() if isinstance(f, types.FunctionType)}
        self._functions = {f: _function_state(f) for f in functions}
        checks = self._namespaces.get("aipath.checks", {})
        self._bindings = {"np": sys.modules["numpy"], "numpy": sys.modules["numpy"]} if "numpy" in sys.modules else {}
        self._bindings.update({n: f for n, f in checks.items()
                               if getattr(f, "__module__", None) == "aipath.checks" and not n.startswith("_")})
        self._objects = self._hooked_objects()
        self._instance = {id(o): dict(vars(o))
                          for o in self._objects if hasattr(o, "__dict__")}
        self._traits = {k: v for k, v in getattr(shell, "_trait_values", {}).items() if k in SHELL_HOOKS}
        self._lists = [(lst, list(lst)) for o in self._objects for k, lst in
                       [*vars(o).items(), *getattr(o, "_trait_values", {}).items()]
                       if isinstance(lst, list) and "transform" in k]
        self._sys = {name: getattr(sys, name) for name in SYS_HOOKS}
        self._streams = {name: getattr(sys, name) for name in STREAMS}
        self._import_hooks = {name: list(getattr(sys, name)) for name in IMPORT_HOOKS}
        self._signals = {s: signal.getsignal(s) for s in signal.valid_signals()
                         if s != signal.SIGINT and signal.getsignal(s) is not None}
        self._transformer = type(shell.input_transformer_manager)()  # private: no hook reaches it
        self._ours = False  # our own settrace/setprofile calls pass the audit hook
        self._cell_code = frozenset()  # code objects compiled from the running graded cell's source
        # the course's own profiling check (aipath.checks.calls_code_of), as loaded now: its code is frozen
        checks_module = sys.modules.get("aipath.checks")
        profiler = getattr(checks_module, "calls_code_of", None)
        self._profiler = (profiler.__code__, vars(checks_module)) if profiler is not None else None

    def _hooked_objects(self):
        shell = self._shell
        objects = [shell, shell.display_pub, shell.displayhook, shell.compile, shell.events,
                   shell.input_transformer_manager, shell.display_formatter, shell.InteractiveTB]
        kernel = getattr(shell, "kernel", None)
        if kernel is not None:
            objects += [kernel, kernel.session]
        return objects

    # -- restoring and checking -----------------------------------------------------------------
    def sync(self, own=()):
        """Put the snapshot back; return what had changed ("what" strings), HYGIENE ones included.
        ``own``: names the notebook's instructor cells bind to their own objects (e.g. a helper of its
        own called ``expect_error``), left alone (the grader computes them, the verdict carries them)."""
        changed = []
        for name, module in self._modules.items():
            if sys.modules.get(name) is not module:
                changed.append(f"sys.modules[{name!r}]")
                sys.modules[name] = module
            ns, saved = vars(module), self._namespaces[name]
            diff = [k for k, v in saved.items() if ns.get(k, _EMPTY) is not v and _is_code(v)]
            if diff:  # functions, classes, modules; plain values (e.g. aipath.hints' state) may change
                changed.append(f"{name}.{diff[0]}")
                ns.update({k: saved[k] for k in diff})
        for f, state in self._functions.items():
            if not _same(_function_state(f), state):
                changed.append(f"{getattr(f, '__qualname__', f)} (code, defaults or closure)")
                self._restore_function(f, state)
        changed += self._sync_objects()
        changed += self._sync_sys()
        ns = self._user_ns
        if ns.get("__builtins__") is not builtins:
            ns["__builtins__"] = builtins
        for name, value in self._bindings.items():
            if name in ns and ns[name] is not value and name not in own:
                ns[name] = value
        return changed

    def _restore_function(self, f, state):
        code, defaults, kwdefaults, items, cells = state
        self._ours = True
        try:
            f.__code__, f.__defaults__, f.__kwdefaults__ = code, defaults, kwdefaults
        finally:
            self._ours = False
        if kwdefaults is not None:
            kwdefaults.clear()
            kwdefaults.update(items)
        for cell, value in zip(f.__closure__ or (), cells):
            if value is _EMPTY:
                if _has_contents(cell):
                    del cell.cell_contents
            elif not _has_contents(cell) or cell.cell_contents is not value:
                cell.cell_contents = value

    def _sync_objects(self):
        changed = []
        for obj in self._objects:
            saved = self._instance.get(id(obj))
            if saved is None:
                continue
            current = vars(obj)
            for key in [k for k, v in current.items() if k not in saved and callable(v) and not k.startswith("_trait")]:
                changed.append(f"{type(obj).__name__}.{key}")
                del current[key]
        for lst, saved in self._lists:
            if len(lst) != len(saved) or any(a is not b for a, b in zip(lst, saved)):
                changed.append("input transformers")
                lst[:] = saved
        return changed

    def _sync_sys(self):
        changed = []
        for name, value in self._sys.items():
            if getattr(sys, name) is not value:
                changed.append(f"sys.{name}")
                setattr(sys, name, value)
        changed += self._sync_streams()
        changed += self._sync_import_hooks()
        if sys.gettrace() is not None or sys.getprofile() is not None:
            changed.append("sys.settrace")
            self._ours = True
            try:
                sys.settrace(None)
                sys.setprofile(None)
            finally:
                self._ours = False
        moved = [s for s, h in self._signals.items() if signal.getsignal(s) is not h]
        if moved:
            changed.append("signals")
            for s in moved:
                signal.signal(s, self._signals[s])
        for timer in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
            if signal.getitimer(timer) != (0.0, 0.0):
                changed.append("signals")
                signal.setitimer(timer, 0)
        return changed

    def _sync_streams(self):
        """``sys.stdout``/``sys.stderr`` must each be one of the kernel's two streams. Either may point at
        the other: notebooks send MLflow's log lines to stdout (``sys.stderr = sys.stdout``), since
        nbgrader scores a graded cell that writes to stderr 0; any other object is replaced."""
        changed, kernel_streams = [], tuple(self._streams.values())
        for name, value in self._streams.items():
            if not any(getattr(sys, name) is s for s in kernel_streams):
                changed.append(f"sys.{name}")
                setattr(sys, name, value)
        return changed

    def _sync_import_hooks(self):
        """The finders and path hooks of the snapshot come first, in their order; ones added since stay
        after them. Libraries add their own (``importlib_metadata`` appends its metadata finder and
        disables the standard library's, ``six`` its importer): removing them broke imports and
        ``importlib.metadata.version`` in later cells. Placed last, an added finder only sees imports
        that none of the snapshot's resolves, so it can never stand in for a real module."""
        changed = []
        for name, saved in self._import_hooks.items():
            hooks = getattr(sys, name)
            if len(hooks) >= len(saved) and all(a is b for a, b in zip(hooks, saved)):
                continue
            changed.append(f"sys.{name}")
            hooks[:] = saved + [h for h in hooks if not any(h is s for s in saved)]
        return changed

    def audit(self, event, args):
        if event in BLOCKED and not self._ours and not self._cell_profiles(event):
            raise TamperingError(f"{event} is not allowed in a graded notebook")
        if event == "object.__setattr__" or event == "object.__delattr__":
            if (args[1] in FUNCTION_ATTRS and isinstance(args[0], types.FunctionType)
                    and args[0] in self._frozen and not self._ours):
                raise TamperingError(f"changing {getattr(args[0], '__qualname__', '?')}.{args[1]} "
                                     "is not allowed in a graded notebook")

    def _cell_profiles(self, event):
        """The graded cell's own code may set a profile function (hidden tests record which functions
        an answer ran, e.g. that it does not delegate to a shipped copy), directly or through the course's
        ``aipath.checks.calls_code_of`` (the original function, loaded when the guard started); code it
        calls may not."""
        if event != "sys.setprofile" or not self._cell_code:
            return False
        caller = sys._getframe(2)  # 0: here, 1: audit, 2: what called sys.setprofile
        if self._profiler and caller.f_code is self._profiler[0] and caller.f_globals is self._profiler[1]:
            caller = caller.f_back   # aipath.checks.calls_code_of, called by the graded cell itself
        return (caller is not None and caller.f_code in self._cell_code
                and caller.f_globals is self._user_ns)

    def freeze(self):
        """Functions whose code no one may change from now on (see ``audit``)."""
        frozen = {f for m in _loaded(FROZEN).values() for f in _functions(m)}
        self._frozen = frozen | set(self._functions)

    # -- one graded cell --------------------------------------------------------------------------
    def __call__(self, nonce, source, own=()):
        __tracebackhide__ = True
        own = frozenset(own)
        before = [c for c in self.sync(own) if c not in HYGIENE]
        digest = hashlib.sha256(source.encode()).hexdigest()
        error = value = None
        interval = sys.getswitchinterval()
        try:
            body, last = self._compile(source, nonce)
            self._cell_code = frozenset(_nested_code([body, last]))
            sys.setswitchinterval(60.0)  # hold other threads off while the checks run
            try:
                exec(body, self._user_ns)
                value = eval(last, self._user_ns) if last is not None else None
            finally:
                sys.setswitchinterval(interval)
                self._cell_code = frozenset()
        except BaseException as exc:  # noqa: B902: KeyboardInterrupt (the cell limit) fails the cell too
            error = exc
        during = [c for c in self.sync(own) if c not in HYGIENE]
        text = None if value is None else _repr(value)
        verdict = {"nonce": nonce, "ok": error is None and not during, "code": digest, "value": text,
                   "tampered": sorted(set(during)), "restored": sorted(set(before)), "own": sorted(own)}
        payload = json.dumps(verdict, sort_keys=True)
        self._publish({VERDICT_MIME: {"verdict": payload, "mac": self._sign(payload)}})
        if error is not None:
            raise error
        return value

    def _compile(self, source, nonce):
        python = self._transformer.transform_cell(source)  # magics (%, !) as IPython would run them
        filename = f"<graded cell {nonce}>"
        linecache.cache[filename] = (len(python), None, python.splitlines(True), filename)
        tree = ast.parse(python, filename)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):  # its value is the cell's result (partial credit)
            last = compile(ast.Expression(tree.body.pop().value), filename, "eval", dont_inherit=True)
        return compile(tree, filename, "exec", dont_inherit=True), last


def _nested_code(codes):
    """The code objects and every function, class or comprehension body compiled inside them."""
    stack, found = [c for c in codes if c is not None], []
    while stack:
        code = stack.pop()
        found.append(code)
        stack += [c for c in code.co_consts if isinstance(c, types.CodeType)]
    return found


def _repr(value):
    try:
        return repr(value)
    except Exception as exc:  # noqa: BLE001: a result whose repr fails is still the cell's result
        return f"<unprintable {type(value).__name__}: {exc}>"


def install(shell, token):
    """Install the guard as ``user_ns[token]``; publish the signing key to the grader, once."""
    import importlib
    for name in ("numpy", "aipath.checks"):  # what the checks rely on, loaded before any student code
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    key = secrets.token_bytes(32)
    prototype = hmac.new(key, digestmod="sha256")  # OpenSSL holds the key; the guard keeps no copy

    caller = Guard.__call__.__code__  # frozen: its __code__ cannot be swapped (audit hook)
    getframe = sys._getframe

    def sign(payload):
        if getframe(1).f_code is not caller:  # only a running guard signs
            raise TamperingError("only the grader's guard signs verdicts")
        mac = prototype.copy()
        mac.update(payload.encode())
        return mac.hexdigest()

    publish = shell.display_pub.publish
    guard = Guard(shell, sign, publish)
    guard.freeze()
    sys.addaudithook(guard.audit)
    threading.settrace(None)
    shell.user_ns[token] = guard
    publish({KEY_MIME: key.hex()})
