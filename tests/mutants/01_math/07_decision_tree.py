"""Plausible wrong answers for 07_decision_tree.ipynb; each must make a graded cell fail."""
RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    "impurity": {
        "gini_not_squared": r'''
def gini(counts: np.ndarray) -> np.ndarray:
    """Gini impurity 1 - sum_k p_k^2 from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    p = counts / counts.sum(axis=-1, keepdims=True)          # (..., K)
    return 1.0 - np.sum(p, axis=-1)
    ### END SOLUTION


def entropy(counts: np.ndarray) -> np.ndarray:
    """Entropy -sum_k p_k log2 p_k (0 log 0 = 0) from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    p = counts / counts.sum(axis=-1, keepdims=True)          # (..., K)
    return -np.sum(xlogy(p, p), axis=-1) / np.log(2)
    ### END SOLUTION


IMPURITY = {"gini": gini, "entropy": entropy}                # criterion name -> function
''',
        "gini_sums_over_nodes_axis": r'''
def gini(counts: np.ndarray) -> np.ndarray:
    """Gini impurity 1 - sum_k p_k^2 from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    p = counts / counts.sum(axis=-1, keepdims=True)          # (..., K)
    return 1.0 - np.sum(p * p, axis=0)
    ### END SOLUTION


def entropy(counts: np.ndarray) -> np.ndarray:
    """Entropy -sum_k p_k log2 p_k (0 log 0 = 0) from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    p = counts / counts.sum(axis=-1, keepdims=True)          # (..., K)
    return -np.sum(xlogy(p, p), axis=-1) / np.log(2)
    ### END SOLUTION


IMPURITY = {"gini": gini, "entropy": entropy}                # criterion name -> function
''',
        "gini_counts_not_normalised": r'''
def gini(counts: np.ndarray) -> np.ndarray:
    """Gini impurity 1 - sum_k p_k^2 from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    return 1.0 - np.sum(counts * counts, axis=-1)
    ### END SOLUTION


def entropy(counts: np.ndarray) -> np.ndarray:
    """Entropy -sum_k p_k log2 p_k (0 log 0 = 0) from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    p = counts / counts.sum(axis=-1, keepdims=True)          # (..., K)
    return -np.sum(xlogy(p, p), axis=-1) / np.log(2)
    ### END SOLUTION


IMPURITY = {"gini": gini, "entropy": entropy}                # criterion name -> function
''',
        "entropy_natural_log": r'''
def gini(counts: np.ndarray) -> np.ndarray:
    """Gini impurity 1 - sum_k p_k^2 from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    p = counts / counts.sum(axis=-1, keepdims=True)          # (..., K)
    return 1.0 - np.sum(p * p, axis=-1)
    ### END SOLUTION


def entropy(counts: np.ndarray) -> np.ndarray:
    """Entropy -sum_k p_k log2 p_k (0 log 0 = 0) from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    p = counts / counts.sum(axis=-1, keepdims=True)          # (..., K)
    return -np.sum(xlogy(p, p), axis=-1)
    ### END SOLUTION


IMPURITY = {"gini": gini, "entropy": entropy}                # criterion name -> function
''',
        "entropy_nan_for_empty_class": r'''
def gini(counts: np.ndarray) -> np.ndarray:
    """Gini impurity 1 - sum_k p_k^2 from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    p = counts / counts.sum(axis=-1, keepdims=True)          # (..., K)
    return 1.0 - np.sum(p * p, axis=-1)
    ### END SOLUTION


def entropy(counts: np.ndarray) -> np.ndarray:
    """Entropy -sum_k p_k log2 p_k (0 log 0 = 0) from class counts. counts: (..., K) -> (...)."""
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    p = counts / counts.sum(axis=-1, keepdims=True)          # (..., K)
    return -np.sum(p * np.log2(p), axis=-1)
    ### END SOLUTION


IMPURITY = {"gini": gini, "entropy": entropy}                # criterion name -> function
''',
    },
    "best_split": {
        "children_not_weighted": r'''
def best_split(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini",
               min_samples_leaf: int = 1) -> tuple[int, float, float] | None:
    """Best axis-aligned split of one node. X: (N, D), y: (N,) in 0..K-1
    -> (feature j, threshold t, gain) with x_j <= t going left, or None if no valid split."""
    ### BEGIN SOLUTION
    impurity = IMPURITY[criterion]
    n = X.shape[0]
    order = np.argsort(X, axis=0, kind="stable")                      # (N, D)
    X_sorted = np.take_along_axis(X, order, axis=0)                   # (N, D)
    Y = np.eye(n_classes)[y]                                          # (N, K)
    total = Y.sum(axis=0)                                             # (K,)
    left = np.cumsum(Y[order], axis=0)[:-1]                           # (N-1, D, K)
    right = total - left                                              # (N-1, D, K)
    n_left = np.arange(1, n)[:, None]                                 # (N-1, 1)
    n_right = n - n_left
    children = (impurity(left) + impurity(right)) / 2   # (N-1, D)
    gain = impurity(total) - children
    valid = (X_sorted[1:] > X_sorted[:-1]) & (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    gain = np.where(valid, gain, -np.inf)
    if gain.size == 0 or not np.isfinite(gain.max()):
        return None
    j, i = divmod(int(np.argmax(gain.T)), n - 1)                      # lowest feature, then threshold
    return j, float((X_sorted[i, j] + X_sorted[i + 1, j]) / 2), float(gain[i, j])
    ### END SOLUTION
''',
        "threshold_at_right_value": r'''
def best_split(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini",
               min_samples_leaf: int = 1) -> tuple[int, float, float] | None:
    """Best axis-aligned split of one node. X: (N, D), y: (N,) in 0..K-1
    -> (feature j, threshold t, gain) with x_j <= t going left, or None if no valid split."""
    ### BEGIN SOLUTION
    impurity = IMPURITY[criterion]
    n = X.shape[0]
    order = np.argsort(X, axis=0, kind="stable")                      # (N, D)
    X_sorted = np.take_along_axis(X, order, axis=0)                   # (N, D)
    Y = np.eye(n_classes)[y]                                          # (N, K)
    total = Y.sum(axis=0)                                             # (K,)
    left = np.cumsum(Y[order], axis=0)[:-1]                           # (N-1, D, K)
    right = total - left                                              # (N-1, D, K)
    n_left = np.arange(1, n)[:, None]                                 # (N-1, 1)
    n_right = n - n_left
    children = (n_left * impurity(left) + n_right * impurity(right)) / n   # (N-1, D)
    gain = impurity(total) - children
    valid = (X_sorted[1:] > X_sorted[:-1]) & (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    gain = np.where(valid, gain, -np.inf)
    if gain.size == 0 or not np.isfinite(gain.max()):
        return None
    j, i = divmod(int(np.argmax(gain.T)), n - 1)                      # lowest feature, then threshold
    return j, float(X_sorted[i + 1, j]), float(gain[i, j])
    ### END SOLUTION
''',
        "threshold_at_left_value": r'''
def best_split(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini",
               min_samples_leaf: int = 1) -> tuple[int, float, float] | None:
    """Best axis-aligned split of one node. X: (N, D), y: (N,) in 0..K-1
    -> (feature j, threshold t, gain) with x_j <= t going left, or None if no valid split."""
    ### BEGIN SOLUTION
    impurity = IMPURITY[criterion]
    n = X.shape[0]
    order = np.argsort(X, axis=0, kind="stable")                      # (N, D)
    X_sorted = np.take_along_axis(X, order, axis=0)                   # (N, D)
    Y = np.eye(n_classes)[y]                                          # (N, K)
    total = Y.sum(axis=0)                                             # (K,)
    left = np.cumsum(Y[order], axis=0)[:-1]                           # (N-1, D, K)
    right = total - left                                              # (N-1, D, K)
    n_left = np.arange(1, n)[:, None]                                 # (N-1, 1)
    n_right = n - n_left
    children = (n_left * impurity(left) + n_right * impurity(right)) / n   # (N-1, D)
    gain = impurity(total) - children
    valid = (X_sorted[1:] > X_sorted[:-1]) & (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    gain = np.where(valid, gain, -np.inf)
    if gain.size == 0 or not np.isfinite(gain.max()):
        return None
    j, i = divmod(int(np.argmax(gain.T)), n - 1)                      # lowest feature, then threshold
    return j, float(X_sorted[i, j]), float(gain[i, j])
    ### END SOLUTION
''',
        "cuts_between_equal_values": r'''
def best_split(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini",
               min_samples_leaf: int = 1) -> tuple[int, float, float] | None:
    """Best axis-aligned split of one node. X: (N, D), y: (N,) in 0..K-1
    -> (feature j, threshold t, gain) with x_j <= t going left, or None if no valid split."""
    ### BEGIN SOLUTION
    impurity = IMPURITY[criterion]
    n = X.shape[0]
    order = np.argsort(X, axis=0, kind="stable")                      # (N, D)
    X_sorted = np.take_along_axis(X, order, axis=0)                   # (N, D)
    Y = np.eye(n_classes)[y]                                          # (N, K)
    total = Y.sum(axis=0)                                             # (K,)
    left = np.cumsum(Y[order], axis=0)[:-1]                           # (N-1, D, K)
    right = total - left                                              # (N-1, D, K)
    n_left = np.arange(1, n)[:, None]                                 # (N-1, 1)
    n_right = n - n_left
    children = (n_left * impurity(left) + n_right * impurity(right)) / n   # (N-1, D)
    gain = impurity(total) - children
    valid = (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    gain = np.where(valid, gain, -np.inf)
    if gain.size == 0 or not np.isfinite(gain.max()):
        return None
    j, i = divmod(int(np.argmax(gain.T)), n - 1)                      # lowest feature, then threshold
    return j, float((X_sorted[i, j] + X_sorted[i + 1, j]) / 2), float(gain[i, j])
    ### END SOLUTION
''',
        "min_samples_leaf_off_by_one": r'''
def best_split(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini",
               min_samples_leaf: int = 1) -> tuple[int, float, float] | None:
    """Best axis-aligned split of one node. X: (N, D), y: (N,) in 0..K-1
    -> (feature j, threshold t, gain) with x_j <= t going left, or None if no valid split."""
    ### BEGIN SOLUTION
    impurity = IMPURITY[criterion]
    n = X.shape[0]
    order = np.argsort(X, axis=0, kind="stable")                      # (N, D)
    X_sorted = np.take_along_axis(X, order, axis=0)                   # (N, D)
    Y = np.eye(n_classes)[y]                                          # (N, K)
    total = Y.sum(axis=0)                                             # (K,)
    left = np.cumsum(Y[order], axis=0)[:-1]                           # (N-1, D, K)
    right = total - left                                              # (N-1, D, K)
    n_left = np.arange(1, n)[:, None]                                 # (N-1, 1)
    n_right = n - n_left
    children = (n_left * impurity(left) + n_right * impurity(right)) / n   # (N-1, D)
    gain = impurity(total) - children
    valid = (X_sorted[1:] > X_sorted[:-1]) & (n_left > min_samples_leaf) & (n_right > min_samples_leaf)
    gain = np.where(valid, gain, -np.inf)
    if gain.size == 0 or not np.isfinite(gain.max()):
        return None
    j, i = divmod(int(np.argmax(gain.T)), n - 1)                      # lowest feature, then threshold
    return j, float((X_sorted[i, j] + X_sorted[i + 1, j]) / 2), float(gain[i, j])
    ### END SOLUTION
''',
        "left_counts_shifted_one_sample": r'''
def best_split(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini",
               min_samples_leaf: int = 1) -> tuple[int, float, float] | None:
    """Best axis-aligned split of one node. X: (N, D), y: (N,) in 0..K-1
    -> (feature j, threshold t, gain) with x_j <= t going left, or None if no valid split."""
    ### BEGIN SOLUTION
    impurity = IMPURITY[criterion]
    n = X.shape[0]
    order = np.argsort(X, axis=0, kind="stable")                      # (N, D)
    X_sorted = np.take_along_axis(X, order, axis=0)                   # (N, D)
    Y = np.eye(n_classes)[y]                                          # (N, K)
    total = Y.sum(axis=0)                                             # (K,)
    left = np.cumsum(Y[order], axis=0)[1:]                           # (N-1, D, K)
    right = total - left                                              # (N-1, D, K)
    n_left = np.arange(1, n)[:, None]                                 # (N-1, 1)
    n_right = n - n_left
    children = (n_left * impurity(left) + n_right * impurity(right)) / n   # (N-1, D)
    gain = impurity(total) - children
    valid = (X_sorted[1:] > X_sorted[:-1]) & (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    gain = np.where(valid, gain, -np.inf)
    if gain.size == 0 or not np.isfinite(gain.max()):
        return None
    j, i = divmod(int(np.argmax(gain.T)), n - 1)                      # lowest feature, then threshold
    return j, float((X_sorted[i, j] + X_sorted[i + 1, j]) / 2), float(gain[i, j])
    ### END SOLUTION
''',
    },
    "build_tree": {
        "depth_off_by_one": r'''
def build_tree(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini", max_depth: int | None = None,
               min_samples_split: int = 2, min_samples_leaf: int = 1) -> dict[str, np.ndarray]:
    """Grow a classification tree depth-first. X: (N, D), y: (N,) in 0..K-1
    -> {"feature", "threshold", "left", "right": (n_nodes,), "value": (n_nodes, K) class counts}."""
    ### BEGIN SOLUTION
    depth_limit = np.inf if max_depth is None else max_depth
    feature, threshold, left, right, value = [], [], [], [], []

    def grow(idx: np.ndarray, depth: int) -> int:
        node = len(feature)
        counts = np.bincount(y[idx], minlength=n_classes)                  # (K,)
        feature.append(-2); threshold.append(-2.0); left.append(-1); right.append(-1); value.append(counts)
        if depth > depth_limit or len(idx) < min_samples_split or np.count_nonzero(counts) == 1:
            return node
        split = best_split(X[idx], y[idx], n_classes, criterion, min_samples_leaf)
        if split is None:
            return node
        j, t, _ = split
        go_left = X[idx, j] <= t
        feature[node], threshold[node] = j, t
        left[node] = grow(idx[go_left], depth + 1)
        right[node] = grow(idx[~go_left], depth + 1)
        return node

    grow(np.arange(len(y)), 0)
    return {"feature": np.array(feature), "threshold": np.array(threshold, dtype=float),
            "left": np.array(left), "right": np.array(right), "value": np.array(value, dtype=float)}
    ### END SOLUTION
''',
        "min_samples_split_off_by_one": r'''
def build_tree(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini", max_depth: int | None = None,
               min_samples_split: int = 2, min_samples_leaf: int = 1) -> dict[str, np.ndarray]:
    """Grow a classification tree depth-first. X: (N, D), y: (N,) in 0..K-1
    -> {"feature", "threshold", "left", "right": (n_nodes,), "value": (n_nodes, K) class counts}."""
    ### BEGIN SOLUTION
    depth_limit = np.inf if max_depth is None else max_depth
    feature, threshold, left, right, value = [], [], [], [], []

    def grow(idx: np.ndarray, depth: int) -> int:
        node = len(feature)
        counts = np.bincount(y[idx], minlength=n_classes)                  # (K,)
        feature.append(-2); threshold.append(-2.0); left.append(-1); right.append(-1); value.append(counts)
        if depth >= depth_limit or len(idx) <= min_samples_split or np.count_nonzero(counts) == 1:
            return node
        split = best_split(X[idx], y[idx], n_classes, criterion, min_samples_leaf)
        if split is None:
            return node
        j, t, _ = split
        go_left = X[idx, j] <= t
        feature[node], threshold[node] = j, t
        left[node] = grow(idx[go_left], depth + 1)
        right[node] = grow(idx[~go_left], depth + 1)
        return node

    grow(np.arange(len(y)), 0)
    return {"feature": np.array(feature), "threshold": np.array(threshold, dtype=float),
            "left": np.array(left), "right": np.array(right), "value": np.array(value, dtype=float)}
    ### END SOLUTION
''',
        "splits_pure_nodes": r'''
def build_tree(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini", max_depth: int | None = None,
               min_samples_split: int = 2, min_samples_leaf: int = 1) -> dict[str, np.ndarray]:
    """Grow a classification tree depth-first. X: (N, D), y: (N,) in 0..K-1
    -> {"feature", "threshold", "left", "right": (n_nodes,), "value": (n_nodes, K) class counts}."""
    ### BEGIN SOLUTION
    depth_limit = np.inf if max_depth is None else max_depth
    feature, threshold, left, right, value = [], [], [], [], []

    def grow(idx: np.ndarray, depth: int) -> int:
        node = len(feature)
        counts = np.bincount(y[idx], minlength=n_classes)                  # (K,)
        feature.append(-2); threshold.append(-2.0); left.append(-1); right.append(-1); value.append(counts)
        if depth >= depth_limit or len(idx) < min_samples_split:
            return node
        split = best_split(X[idx], y[idx], n_classes, criterion, min_samples_leaf)
        if split is None:
            return node
        j, t, _ = split
        go_left = X[idx, j] <= t
        feature[node], threshold[node] = j, t
        left[node] = grow(idx[go_left], depth + 1)
        right[node] = grow(idx[~go_left], depth + 1)
        return node

    grow(np.arange(len(y)), 0)
    return {"feature": np.array(feature), "threshold": np.array(threshold, dtype=float),
            "left": np.array(left), "right": np.array(right), "value": np.array(value, dtype=float)}
    ### END SOLUTION
''',
        "min_samples_leaf_not_passed": r'''
def build_tree(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini", max_depth: int | None = None,
               min_samples_split: int = 2, min_samples_leaf: int = 1) -> dict[str, np.ndarray]:
    """Grow a classification tree depth-first. X: (N, D), y: (N,) in 0..K-1
    -> {"feature", "threshold", "left", "right": (n_nodes,), "value": (n_nodes, K) class counts}."""
    ### BEGIN SOLUTION
    depth_limit = np.inf if max_depth is None else max_depth
    feature, threshold, left, right, value = [], [], [], [], []

    def grow(idx: np.ndarray, depth: int) -> int:
        node = len(feature)
        counts = np.bincount(y[idx], minlength=n_classes)                  # (K,)
        feature.append(-2); threshold.append(-2.0); left.append(-1); right.append(-1); value.append(counts)
        if depth >= depth_limit or len(idx) < min_samples_split or np.count_nonzero(counts) == 1:
            return node
        split = best_split(X[idx], y[idx], n_classes, criterion)
        if split is None:
            return node
        j, t, _ = split
        go_left = X[idx, j] <= t
        feature[node], threshold[node] = j, t
        left[node] = grow(idx[go_left], depth + 1)
        right[node] = grow(idx[~go_left], depth + 1)
        return node

    grow(np.arange(len(y)), 0)
    return {"feature": np.array(feature), "threshold": np.array(threshold, dtype=float),
            "left": np.array(left), "right": np.array(right), "value": np.array(value, dtype=float)}
    ### END SOLUTION
''',
        "greater_goes_left": r'''
def build_tree(X: np.ndarray, y: np.ndarray, n_classes: int, criterion: str = "gini", max_depth: int | None = None,
               min_samples_split: int = 2, min_samples_leaf: int = 1) -> dict[str, np.ndarray]:
    """Grow a classification tree depth-first. X: (N, D), y: (N,) in 0..K-1
    -> {"feature", "threshold", "left", "right": (n_nodes,), "value": (n_nodes, K) class counts}."""
    ### BEGIN SOLUTION
    depth_limit = np.inf if max_depth is None else max_depth
    feature, threshold, left, right, value = [], [], [], [], []

    def grow(idx: np.ndarray, depth: int) -> int:
        node = len(feature)
        counts = np.bincount(y[idx], minlength=n_classes)                  # (K,)
        feature.append(-2); threshold.append(-2.0); left.append(-1); right.append(-1); value.append(counts)
        if depth >= depth_limit or len(idx) < min_samples_split or np.count_nonzero(counts) == 1:
            return node
        split = best_split(X[idx], y[idx], n_classes, criterion, min_samples_leaf)
        if split is None:
            return node
        j, t, _ = split
        go_left = X[idx, j] > t
        feature[node], threshold[node] = j, t
        left[node] = grow(idx[go_left], depth + 1)
        right[node] = grow(idx[~go_left], depth + 1)
        return node

    grow(np.arange(len(y)), 0)
    return {"feature": np.array(feature), "threshold": np.array(threshold, dtype=float),
            "left": np.array(left), "right": np.array(right), "value": np.array(value, dtype=float)}
    ### END SOLUTION
''',
    },
    "tree_estimator": {
        "strictly_less_goes_left": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class DecisionTreeClassifierScratch(ClassifierMixin, BaseEstimator):
    """Classification tree grown with best_split and build_tree."""

    def __init__(self, criterion: str = "gini", max_depth: int | None = None, min_samples_split: int = 2,
                 min_samples_leaf: int = 1):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X, y):
        """X: (N, D), y: (N,) any labels -> self, with classes_: (K,) and tree_ (build_tree's arrays)."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y_index = np.unique(y, return_inverse=True)          # (K,), (N,) in 0..K-1
        self.tree_ = build_tree(X, y_index, len(self.classes_), self.criterion, self.max_depth,
                                self.min_samples_split, self.min_samples_leaf)
        return self
        ### END SOLUTION

    def apply(self, X):
        """X: (M, D) -> id of the leaf each row falls into, (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        feature, threshold, left, right = (self.tree_[k] for k in ("feature", "threshold", "left", "right"))
        node = np.zeros(X.shape[0], dtype=int)                               # (M,) every row at the root
        while True:
            rows = np.flatnonzero(left[node] >= 0)                           # rows still at internal nodes
            if rows.size == 0:
                return node
            at = node[rows]
            go_left = X[rows, feature[at]] < threshold[at]
            node[rows] = np.where(go_left, left[at], right[at])
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, K), column k = fraction of classes_[k] in the leaf."""
        ### BEGIN SOLUTION
        leaves = self.apply(X)                                               # (M,); checks fitted first
        counts = self.tree_["value"][leaves]                                 # (M, K)
        return counts / counts.sum(axis=1, keepdims=True)
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)                                        # (M, K)
        return self.classes_[np.argmax(proba, axis=1)]
        ### END SOLUTION

    def get_depth(self) -> int:
        """Length of the longest root-to-leaf path (a single leaf has depth 0)."""
        check_is_fitted(self)
        depth, stack = 0, [(0, 0)]
        while stack:
            node, d = stack.pop()
            depth = max(depth, d)
            if self.tree_["left"][node] >= 0:
                stack += [(self.tree_["left"][node], d + 1), (self.tree_["right"][node], d + 1)]
        return depth

    def get_n_leaves(self) -> int:
        check_is_fitted(self)
        return int(np.sum(self.tree_["left"] < 0))
''',
        "predict_returns_index": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class DecisionTreeClassifierScratch(ClassifierMixin, BaseEstimator):
    """Classification tree grown with best_split and build_tree."""

    def __init__(self, criterion: str = "gini", max_depth: int | None = None, min_samples_split: int = 2,
                 min_samples_leaf: int = 1):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X, y):
        """X: (N, D), y: (N,) any labels -> self, with classes_: (K,) and tree_ (build_tree's arrays)."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y_index = np.unique(y, return_inverse=True)          # (K,), (N,) in 0..K-1
        self.tree_ = build_tree(X, y_index, len(self.classes_), self.criterion, self.max_depth,
                                self.min_samples_split, self.min_samples_leaf)
        return self
        ### END SOLUTION

    def apply(self, X):
        """X: (M, D) -> id of the leaf each row falls into, (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        feature, threshold, left, right = (self.tree_[k] for k in ("feature", "threshold", "left", "right"))
        node = np.zeros(X.shape[0], dtype=int)                               # (M,) every row at the root
        while True:
            rows = np.flatnonzero(left[node] >= 0)                           # rows still at internal nodes
            if rows.size == 0:
                return node
            at = node[rows]
            go_left = X[rows, feature[at]] <= threshold[at]
            node[rows] = np.where(go_left, left[at], right[at])
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, K), column k = fraction of classes_[k] in the leaf."""
        ### BEGIN SOLUTION
        leaves = self.apply(X)                                               # (M,); checks fitted first
        counts = self.tree_["value"][leaves]                                 # (M, K)
        return counts / counts.sum(axis=1, keepdims=True)
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)                                        # (M, K)
        return np.argmax(proba, axis=1)
        ### END SOLUTION

    def get_depth(self) -> int:
        """Length of the longest root-to-leaf path (a single leaf has depth 0)."""
        check_is_fitted(self)
        depth, stack = 0, [(0, 0)]
        while stack:
            node, d = stack.pop()
            depth = max(depth, d)
            if self.tree_["left"][node] >= 0:
                stack += [(self.tree_["left"][node], d + 1), (self.tree_["right"][node], d + 1)]
        return depth

    def get_n_leaves(self) -> int:
        check_is_fitted(self)
        return int(np.sum(self.tree_["left"] < 0))
''',
        "proba_not_normalised": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class DecisionTreeClassifierScratch(ClassifierMixin, BaseEstimator):
    """Classification tree grown with best_split and build_tree."""

    def __init__(self, criterion: str = "gini", max_depth: int | None = None, min_samples_split: int = 2,
                 min_samples_leaf: int = 1):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X, y):
        """X: (N, D), y: (N,) any labels -> self, with classes_: (K,) and tree_ (build_tree's arrays)."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y_index = np.unique(y, return_inverse=True)          # (K,), (N,) in 0..K-1
        self.tree_ = build_tree(X, y_index, len(self.classes_), self.criterion, self.max_depth,
                                self.min_samples_split, self.min_samples_leaf)
        return self
        ### END SOLUTION

    def apply(self, X):
        """X: (M, D) -> id of the leaf each row falls into, (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        feature, threshold, left, right = (self.tree_[k] for k in ("feature", "threshold", "left", "right"))
        node = np.zeros(X.shape[0], dtype=int)                               # (M,) every row at the root
        while True:
            rows = np.flatnonzero(left[node] >= 0)                           # rows still at internal nodes
            if rows.size == 0:
                return node
            at = node[rows]
            go_left = X[rows, feature[at]] <= threshold[at]
            node[rows] = np.where(go_left, left[at], right[at])
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, K), column k = fraction of classes_[k] in the leaf."""
        ### BEGIN SOLUTION
        leaves = self.apply(X)                                               # (M,); checks fitted first
        counts = self.tree_["value"][leaves]                                 # (M, K)
        return counts
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)                                        # (M, K)
        return self.classes_[np.argmax(proba, axis=1)]
        ### END SOLUTION

    def get_depth(self) -> int:
        """Length of the longest root-to-leaf path (a single leaf has depth 0)."""
        check_is_fitted(self)
        depth, stack = 0, [(0, 0)]
        while stack:
            node, d = stack.pop()
            depth = max(depth, d)
            if self.tree_["left"][node] >= 0:
                stack += [(self.tree_["left"][node], d + 1), (self.tree_["right"][node], d + 1)]
        return depth

    def get_n_leaves(self) -> int:
        check_is_fitted(self)
        return int(np.sum(self.tree_["left"] < 0))
''',
        "labels_not_encoded": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class DecisionTreeClassifierScratch(ClassifierMixin, BaseEstimator):
    """Classification tree grown with best_split and build_tree."""

    def __init__(self, criterion: str = "gini", max_depth: int | None = None, min_samples_split: int = 2,
                 min_samples_leaf: int = 1):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X, y):
        """X: (N, D), y: (N,) any labels -> self, with classes_: (K,) and tree_ (build_tree's arrays)."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y_index = np.unique(y), y
        self.tree_ = build_tree(X, y_index, len(self.classes_), self.criterion, self.max_depth,
                                self.min_samples_split, self.min_samples_leaf)
        return self
        ### END SOLUTION

    def apply(self, X):
        """X: (M, D) -> id of the leaf each row falls into, (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        feature, threshold, left, right = (self.tree_[k] for k in ("feature", "threshold", "left", "right"))
        node = np.zeros(X.shape[0], dtype=int)                               # (M,) every row at the root
        while True:
            rows = np.flatnonzero(left[node] >= 0)                           # rows still at internal nodes
            if rows.size == 0:
                return node
            at = node[rows]
            go_left = X[rows, feature[at]] <= threshold[at]
            node[rows] = np.where(go_left, left[at], right[at])
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, K), column k = fraction of classes_[k] in the leaf."""
        ### BEGIN SOLUTION
        leaves = self.apply(X)                                               # (M,); checks fitted first
        counts = self.tree_["value"][leaves]                                 # (M, K)
        return counts / counts.sum(axis=1, keepdims=True)
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)                                        # (M, K)
        return self.classes_[np.argmax(proba, axis=1)]
        ### END SOLUTION

    def get_depth(self) -> int:
        """Length of the longest root-to-leaf path (a single leaf has depth 0)."""
        check_is_fitted(self)
        depth, stack = 0, [(0, 0)]
        while stack:
            node, d = stack.pop()
            depth = max(depth, d)
            if self.tree_["left"][node] >= 0:
                stack += [(self.tree_["left"][node], d + 1), (self.tree_["right"][node], d + 1)]
        return depth

    def get_n_leaves(self) -> int:
        check_is_fitted(self)
        return int(np.sum(self.tree_["left"] < 0))
''',
        "hyperparameters_not_passed": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class DecisionTreeClassifierScratch(ClassifierMixin, BaseEstimator):
    """Classification tree grown with best_split and build_tree."""

    def __init__(self, criterion: str = "gini", max_depth: int | None = None, min_samples_split: int = 2,
                 min_samples_leaf: int = 1):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X, y):
        """X: (N, D), y: (N,) any labels -> self, with classes_: (K,) and tree_ (build_tree's arrays)."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y_index = np.unique(y, return_inverse=True)          # (K,), (N,) in 0..K-1
        self.tree_ = build_tree(X, y_index, len(self.classes_), self.criterion)
        return self
        ### END SOLUTION

    def apply(self, X):
        """X: (M, D) -> id of the leaf each row falls into, (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        feature, threshold, left, right = (self.tree_[k] for k in ("feature", "threshold", "left", "right"))
        node = np.zeros(X.shape[0], dtype=int)                               # (M,) every row at the root
        while True:
            rows = np.flatnonzero(left[node] >= 0)                           # rows still at internal nodes
            if rows.size == 0:
                return node
            at = node[rows]
            go_left = X[rows, feature[at]] <= threshold[at]
            node[rows] = np.where(go_left, left[at], right[at])
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, K), column k = fraction of classes_[k] in the leaf."""
        ### BEGIN SOLUTION
        leaves = self.apply(X)                                               # (M,); checks fitted first
        counts = self.tree_["value"][leaves]                                 # (M, K)
        return counts / counts.sum(axis=1, keepdims=True)
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)                                        # (M, K)
        return self.classes_[np.argmax(proba, axis=1)]
        ### END SOLUTION

    def get_depth(self) -> int:
        """Length of the longest root-to-leaf path (a single leaf has depth 0)."""
        check_is_fitted(self)
        depth, stack = 0, [(0, 0)]
        while stack:
            node, d = stack.pop()
            depth = max(depth, d)
            if self.tree_["left"][node] >= 0:
                stack += [(self.tree_["left"][node], d + 1), (self.tree_["right"][node], d + 1)]
        return depth

    def get_n_leaves(self) -> int:
        check_is_fitted(self)
        return int(np.sum(self.tree_["left"] < 0))
''',
    },
}
