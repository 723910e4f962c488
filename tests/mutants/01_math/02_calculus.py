"""Plausible wrong answers for 02_calculus.ipynb; each must make a graded cell fail."""
RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    'numerical_gradient': {
        'forward_difference': r'''def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a scalar function f at x.
    x: any shape -> grad: x's shape, grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2h). x is not modified."""
    ### BEGIN SOLUTION
    x = np.array(x, dtype=float)                # a float copy that we may perturb
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):               # every index, for any number of dimensions
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old                              # restore before the next coordinate
        grad[i] = (f_plus - f(x)) / h
    return grad
    ### END SOLUTION''',
        'divides_by_h': r'''def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a scalar function f at x.
    x: any shape -> grad: x's shape, grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2h). x is not modified."""
    ### BEGIN SOLUTION
    x = np.array(x, dtype=float)                # a float copy that we may perturb
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):               # every index, for any number of dimensions
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old                              # restore before the next coordinate
        grad[i] = (f_plus - f_minus) / h
    return grad
    ### END SOLUTION''',
        'does_not_restore': r'''def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a scalar function f at x.
    x: any shape -> grad: x's shape, grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2h). x is not modified."""
    ### BEGIN SOLUTION
    x = np.array(x, dtype=float)                # a float copy that we may perturb
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):               # every index, for any number of dimensions
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
    ### END SOLUTION''',
        'indexes_first_axis_only': r'''def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a scalar function f at x.
    x: any shape -> grad: x's shape, grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2h). x is not modified."""
    ### BEGIN SOLUTION
    x = np.array(x, dtype=float)                # a float copy that we may perturb
    grad = np.zeros_like(x)
    for i in range(len(x)):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old                              # restore before the next coordinate
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
    ### END SOLUTION''',
    },
    'rosenbrock_grad': {
        'missing_inner_derivative': r'''def rosenbrock_grad(p: np.ndarray, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """Gradient of (a - x)^2 + b (y - x^2)^2 at p = (x, y). p: (2,) -> (2,)."""
    ### BEGIN SOLUTION
    x, y = p
    inner = y - x ** 2                               # u; du/dx = -2x, du/dy = 1
    return np.array([-2 * (a - x) + 2 * b * inner,
                     2 * b * inner])
    ### END SOLUTION''',
        'sign_of_first_term': r'''def rosenbrock_grad(p: np.ndarray, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """Gradient of (a - x)^2 + b (y - x^2)^2 at p = (x, y). p: (2,) -> (2,)."""
    ### BEGIN SOLUTION
    x, y = p
    inner = y - x ** 2                               # u; du/dx = -2x, du/dy = 1
    return np.array([2 * (a - x) - 4 * b * x * inner,
                     2 * b * inner])
    ### END SOLUTION''',
        'hardcoded_constants': r'''def rosenbrock_grad(p: np.ndarray, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """Gradient of (a - x)^2 + b (y - x^2)^2 at p = (x, y). p: (2,) -> (2,)."""
    ### BEGIN SOLUTION
    x, y = p
    inner = y - x ** 2                               # u; du/dx = -2x, du/dy = 1
    return np.array([-2 * (1 - x) - 400 * x * inner,
                     200 * inner])
    ### END SOLUTION''',
    },
    'gradient_descent': {
        'wrong_sign': r'''def gradient_descent(grad_fn, x0: np.ndarray, lr: float, num_steps: int) -> np.ndarray:
    """x_{t+1} = x_t - lr * grad_fn(x_t), from x0.
    x0: (D,), grad_fn: (D,) -> (D,) -> path: (num_steps + 1, D) with path[0] = x0."""
    ### BEGIN SOLUTION
    x = np.array(x0, dtype=float)               # a copy: the caller's x0 stays as it was
    path = [x]
    for _ in range(num_steps):
        x = x + lr * grad_fn(x)                 # a new array each step
        path.append(x)
    return np.array(path)                       # (num_steps + 1, D)
    ### END SOLUTION''',
        'in_place_update': r'''def gradient_descent(grad_fn, x0: np.ndarray, lr: float, num_steps: int) -> np.ndarray:
    """x_{t+1} = x_t - lr * grad_fn(x_t), from x0.
    x0: (D,), grad_fn: (D,) -> (D,) -> path: (num_steps + 1, D) with path[0] = x0."""
    ### BEGIN SOLUTION
    x = np.array(x0, dtype=float)               # a copy: the caller's x0 stays as it was
    path = [x]
    for _ in range(num_steps):
        x -= lr * grad_fn(x)
        path.append(x)
    return np.array(path)                       # (num_steps + 1, D)
    ### END SOLUTION''',
        'path_without_x0': r'''def gradient_descent(grad_fn, x0: np.ndarray, lr: float, num_steps: int) -> np.ndarray:
    """x_{t+1} = x_t - lr * grad_fn(x_t), from x0.
    x0: (D,), grad_fn: (D,) -> (D,) -> path: (num_steps + 1, D) with path[0] = x0."""
    ### BEGIN SOLUTION
    x = np.array(x0, dtype=float)               # a copy: the caller's x0 stays as it was
    path = []
    for _ in range(num_steps):
        x = x - lr * grad_fn(x)                 # a new array each step
        path.append(x)
    return np.array(path)                       # (num_steps + 1, D)
    ### END SOLUTION''',
    },
    'value': {
        'assigns_instead_of_accumulating': r'''class Value:
    """A scalar that remembers how it was computed, so that gradients can flow back through it."""

    def __init__(self, data: float, _children: tuple = (), _op: str = ""):
        self.data = float(data)
        self.grad = 0.0                     # d(output) / d(self), filled in by backward()
        self._backward = lambda: None       # pushes self.grad to the children; set by each operation
        self._prev = tuple(_children)       # the Values this one was computed from
        self._op = _op                      # for printing and debugging

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __pow__(self, n: float):
        assert isinstance(n, (int, float)), "only numbers as exponents: Value ** 2, Value ** -1"
        ### BEGIN SOLUTION
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def tanh(self):
        ### BEGIN SOLUTION
        t = np.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t ** 2) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def exp(self):
        ### BEGIN SOLUTION
        out = Value(np.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def relu(self):
        ### BEGIN SOLUTION
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    # Built from the operations above: no new derivative rules needed.
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * (other if isinstance(other, Value) else Value(other)) ** -1

    def __radd__(self, other):       # 2 + a
        return self + other

    def __rsub__(self, other):       # 2 - a
        return (-self) + other

    def __rmul__(self, other):       # 2 * a
        return self * other

    def __rtruediv__(self, other):   # 2 / a
        return Value(other) * self ** -1

    def backward(self) -> None:
        """Reverse-mode autodiff: d(self)/d(node) into every node's .grad (it adds, like PyTorch)."""
        order = topological_sort(self)       # children before parents (Exercise 5)
        self.grad = 1.0                      # d(self) / d(self)
        for node in reversed(order):         # parents before children
            node._backward()''',
        'mul_grads_swapped': r'''class Value:
    """A scalar that remembers how it was computed, so that gradients can flow back through it."""

    def __init__(self, data: float, _children: tuple = (), _op: str = ""):
        self.data = float(data)
        self.grad = 0.0                     # d(output) / d(self), filled in by backward()
        self._backward = lambda: None       # pushes self.grad to the children; set by each operation
        self._prev = tuple(_children)       # the Values this one was computed from
        self._op = _op                      # for printing and debugging

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += self.data * out.grad
            other.grad += other.data * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __pow__(self, n: float):
        assert isinstance(n, (int, float)), "only numbers as exponents: Value ** 2, Value ** -1"
        ### BEGIN SOLUTION
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def tanh(self):
        ### BEGIN SOLUTION
        t = np.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t ** 2) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def exp(self):
        ### BEGIN SOLUTION
        out = Value(np.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def relu(self):
        ### BEGIN SOLUTION
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    # Built from the operations above: no new derivative rules needed.
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * (other if isinstance(other, Value) else Value(other)) ** -1

    def __radd__(self, other):       # 2 + a
        return self + other

    def __rsub__(self, other):       # 2 - a
        return (-self) + other

    def __rmul__(self, other):       # 2 * a
        return self * other

    def __rtruediv__(self, other):   # 2 / a
        return Value(other) * self ** -1

    def backward(self) -> None:
        """Reverse-mode autodiff: d(self)/d(node) into every node's .grad (it adds, like PyTorch)."""
        order = topological_sort(self)       # children before parents (Exercise 5)
        self.grad = 1.0                      # d(self) / d(self)
        for node in reversed(order):         # parents before children
            node._backward()''',
        'power_rule_off_by_one': r'''class Value:
    """A scalar that remembers how it was computed, so that gradients can flow back through it."""

    def __init__(self, data: float, _children: tuple = (), _op: str = ""):
        self.data = float(data)
        self.grad = 0.0                     # d(output) / d(self), filled in by backward()
        self._backward = lambda: None       # pushes self.grad to the children; set by each operation
        self._prev = tuple(_children)       # the Values this one was computed from
        self._op = _op                      # for printing and debugging

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __pow__(self, n: float):
        assert isinstance(n, (int, float)), "only numbers as exponents: Value ** 2, Value ** -1"
        ### BEGIN SOLUTION
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** n * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def tanh(self):
        ### BEGIN SOLUTION
        t = np.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t ** 2) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def exp(self):
        ### BEGIN SOLUTION
        out = Value(np.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def relu(self):
        ### BEGIN SOLUTION
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    # Built from the operations above: no new derivative rules needed.
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * (other if isinstance(other, Value) else Value(other)) ** -1

    def __radd__(self, other):       # 2 + a
        return self + other

    def __rsub__(self, other):       # 2 - a
        return (-self) + other

    def __rmul__(self, other):       # 2 * a
        return self * other

    def __rtruediv__(self, other):   # 2 / a
        return Value(other) * self ** -1

    def backward(self) -> None:
        """Reverse-mode autodiff: d(self)/d(node) into every node's .grad (it adds, like PyTorch)."""
        order = topological_sort(self)       # children before parents (Exercise 5)
        self.grad = 1.0                      # d(self) / d(self)
        for node in reversed(order):         # parents before children
            node._backward()''',
        'tanh_derivative_wrong': r'''class Value:
    """A scalar that remembers how it was computed, so that gradients can flow back through it."""

    def __init__(self, data: float, _children: tuple = (), _op: str = ""):
        self.data = float(data)
        self.grad = 0.0                     # d(output) / d(self), filled in by backward()
        self._backward = lambda: None       # pushes self.grad to the children; set by each operation
        self._prev = tuple(_children)       # the Values this one was computed from
        self._op = _op                      # for printing and debugging

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __pow__(self, n: float):
        assert isinstance(n, (int, float)), "only numbers as exponents: Value ** 2, Value ** -1"
        ### BEGIN SOLUTION
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def tanh(self):
        ### BEGIN SOLUTION
        t = np.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def exp(self):
        ### BEGIN SOLUTION
        out = Value(np.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def relu(self):
        ### BEGIN SOLUTION
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    # Built from the operations above: no new derivative rules needed.
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * (other if isinstance(other, Value) else Value(other)) ** -1

    def __radd__(self, other):       # 2 + a
        return self + other

    def __rsub__(self, other):       # 2 - a
        return (-self) + other

    def __rmul__(self, other):       # 2 * a
        return self * other

    def __rtruediv__(self, other):   # 2 / a
        return Value(other) * self ** -1

    def backward(self) -> None:
        """Reverse-mode autodiff: d(self)/d(node) into every node's .grad (it adds, like PyTorch)."""
        order = topological_sort(self)       # children before parents (Exercise 5)
        self.grad = 1.0                      # d(self) / d(self)
        for node in reversed(order):         # parents before children
            node._backward()''',
        'forgets_out_grad': r'''class Value:
    """A scalar that remembers how it was computed, so that gradients can flow back through it."""

    def __init__(self, data: float, _children: tuple = (), _op: str = ""):
        self.data = float(data)
        self.grad = 0.0                     # d(output) / d(self), filled in by backward()
        self._backward = lambda: None       # pushes self.grad to the children; set by each operation
        self._prev = tuple(_children)       # the Values this one was computed from
        self._op = _op                      # for printing and debugging

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        ### BEGIN SOLUTION
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def __pow__(self, n: float):
        assert isinstance(n, (int, float)), "only numbers as exponents: Value ** 2, Value ** -1"
        ### BEGIN SOLUTION
        out = Value(self.data ** n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    def tanh(self):
        ### BEGIN SOLUTION
        t = np.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += 1 - t ** 2
        out._backward = _backward
        return out
        ### END SOLUTION

    def exp(self):
        ### BEGIN SOLUTION
        out = Value(np.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data
        out._backward = _backward
        return out
        ### END SOLUTION

    def relu(self):
        ### BEGIN SOLUTION
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out
        ### END SOLUTION

    # Built from the operations above: no new derivative rules needed.
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * (other if isinstance(other, Value) else Value(other)) ** -1

    def __radd__(self, other):       # 2 + a
        return self + other

    def __rsub__(self, other):       # 2 - a
        return (-self) + other

    def __rmul__(self, other):       # 2 * a
        return self * other

    def __rtruediv__(self, other):   # 2 / a
        return Value(other) * self ** -1

    def backward(self) -> None:
        """Reverse-mode autodiff: d(self)/d(node) into every node's .grad (it adds, like PyTorch)."""
        order = topological_sort(self)       # children before parents (Exercise 5)
        self.grad = 1.0                      # d(self) / d(self)
        for node in reversed(order):         # parents before children
            node._backward()''',
    },
    'topological_sort': {
        'pre_order': r'''def topological_sort(root: Value) -> list[Value]:
    """Every Value that root depends on, root included, each once, every node after all its children."""
    ### BEGIN SOLUTION
    order, visited = [], set()

    def visit(node):
        if node in visited:
            return
        visited.add(node)
        order.append(node)
        for child in node._prev:
            visit(child)

    visit(root)
    return order
    ### END SOLUTION''',
        'no_visited_set': r'''def topological_sort(root: Value) -> list[Value]:
    """Every Value that root depends on, root included, each once, every node after all its children."""
    ### BEGIN SOLUTION
    order, visited = [], set()

    def visit(node):
        visited.add(node)
        for child in node._prev:
            visit(child)
        order.append(node)          # post-order: after all of its children

    visit(root)
    return order
    ### END SOLUTION''',
        'returns_reversed': r'''def topological_sort(root: Value) -> list[Value]:
    """Every Value that root depends on, root included, each once, every node after all its children."""
    ### BEGIN SOLUTION
    order, visited = [], set()

    def visit(node):
        if node in visited:
            return
        visited.add(node)
        for child in node._prev:
            visit(child)
        order.append(node)          # post-order: after all of its children

    visit(root)
    return order[::-1]
    ### END SOLUTION''',
    },
}
