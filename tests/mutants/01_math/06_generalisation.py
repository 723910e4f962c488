"""Plausible wrong answers for 06_generalisation.ipynb; each must make a graded cell fail."""
RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    'train_test_split': {
        'floor_n_test': '''
def train_test_split_scratch(X: np.ndarray, y: np.ndarray, test_size: float = 0.25, seed: int = 0):
    """Random split with n_test = ceil(test_size * N). X: (N, ...), y: (N,)
    -> X_train (N - n_test, ...), X_test (n_test, ...), y_train (N - n_test,), y_test (n_test,)."""
    ### BEGIN SOLUTION
    n = X.shape[0]
    n_test = int(test_size * n)
    perm = np.random.RandomState(seed).permutation(n)     # (N,) shuffled row numbers
    test, train = perm[:n_test], perm[n_test:]
    return X[train], X[test], y[train], y[test]
    ### END SOLUTION
''',
        'separate_permutations_for_X_and_y': '''
def train_test_split_scratch(X: np.ndarray, y: np.ndarray, test_size: float = 0.25, seed: int = 0):
    """Random split with n_test = ceil(test_size * N). X: (N, ...), y: (N,)
    -> X_train (N - n_test, ...), X_test (n_test, ...), y_train (N - n_test,), y_test (n_test,)."""
    ### BEGIN SOLUTION
    n = X.shape[0]
    n_test = int(np.ceil(test_size * n))
    rs = np.random.RandomState(seed)
    perm_X, perm_y = rs.permutation(n), rs.permutation(n)  # one shuffle for X, one for y
    return X[perm_X[n_test:]], X[perm_X[:n_test]], y[perm_y[n_test:]], y[perm_y[:n_test]]
    ### END SOLUTION
''',
        'test_rows_at_the_end': '''
def train_test_split_scratch(X: np.ndarray, y: np.ndarray, test_size: float = 0.25, seed: int = 0):
    """Random split with n_test = ceil(test_size * N). X: (N, ...), y: (N,)
    -> X_train (N - n_test, ...), X_test (n_test, ...), y_train (N - n_test,), y_test (n_test,)."""
    ### BEGIN SOLUTION
    n = X.shape[0]
    n_test = int(np.ceil(test_size * n))
    perm = np.random.RandomState(seed).permutation(n)     # (N,) shuffled row numbers
    train, test = perm[:n - n_test], perm[n - n_test:]
    return X[train], X[test], y[train], y[test]
    ### END SOLUTION
''',
    },
    'polynomial_features': {
        'missing_top_power': '''
def polynomial_features(x: np.ndarray, degree: int) -> np.ndarray:
    """Columns x**0, x**1, ..., x**degree. x: (N,) -> (N, degree + 1)."""
    ### BEGIN SOLUTION
    return x[:, None] ** np.arange(degree)[None, :]      # (N, 1) ** (1, degree + 1) -> (N, degree + 1)
    ### END SOLUTION
''',
        'no_constant_column': '''
def polynomial_features(x: np.ndarray, degree: int) -> np.ndarray:
    """Columns x**0, x**1, ..., x**degree. x: (N,) -> (N, degree + 1)."""
    ### BEGIN SOLUTION
    return x[:, None] ** np.arange(1, degree + 1)[None, :]      # (N, 1) ** (1, degree + 1) -> (N, degree + 1)
    ### END SOLUTION
''',
        'np_vander_decreasing_powers': '''
def polynomial_features(x: np.ndarray, degree: int) -> np.ndarray:
    """Columns x**0, x**1, ..., x**degree. x: (N,) -> (N, degree + 1)."""
    ### BEGIN SOLUTION
    return np.vander(x, degree + 1)                          # (N, degree + 1)
    ### END SOLUTION
''',
    },
    'fit_polynomial': {
        'np_polyfit_reversed_order': '''
def fit_polynomial(x: np.ndarray, y: np.ndarray, degree: int) -> np.ndarray:
    """Least-squares polynomial. x, y: (N,) -> w: (degree + 1,), w[j] multiplies x**j."""
    ### BEGIN SOLUTION
    return np.polyfit(x, y, degree)
    ### END SOLUTION


def predict_polynomial(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Evaluate sum_j w[j] x**j. w: (degree + 1,), x: (M,) -> (M,)."""
    return polynomial_features(x, len(w) - 1) @ w
''',
        'degree_off_by_one': '''
def fit_polynomial(x: np.ndarray, y: np.ndarray, degree: int) -> np.ndarray:
    """Least-squares polynomial. x, y: (N,) -> w: (degree + 1,), w[j] multiplies x**j."""
    ### BEGIN SOLUTION
    w, *_ = np.linalg.lstsq(polynomial_features(x, degree - 1), y, rcond=None)
    return w
    ### END SOLUTION


def predict_polynomial(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Evaluate sum_j w[j] x**j. w: (degree + 1,), x: (M,) -> (M,)."""
    return polynomial_features(x, len(w) - 1) @ w
''',
    },
    'k_fold_indices': {
        'remainder_in_last_fold': '''
def k_fold_indices(n: int, k: int, shuffle: bool = False, seed: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """The folds of sklearn's KFold(k, shuffle, random_state=seed) on n samples, 2 <= k <= n.
    -> k pairs (train_idx, test_idx), both ascending; the first n % k test folds hold n // k + 1 indices,
    the rest n // k; train_idx = every index not in test_idx."""
    ### BEGIN SOLUTION
    indices = np.random.RandomState(seed).permutation(n) if shuffle else np.arange(n)   # (n,)
    fold_sizes = np.full(k, n // k)
    fold_sizes[-1] += n % k                       # the first n % k folds get one more
    folds, start = [], 0
    for size in fold_sizes:
        in_test = np.zeros(n, dtype=bool)              # (n,) mask of this fold's samples
        in_test[indices[start:start + size]] = True
        folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))   # both ascending
        start += size
    return folds
    ### END SOLUTION
''',
        'remainder_never_tested': '''
def k_fold_indices(n: int, k: int, shuffle: bool = False, seed: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """The folds of sklearn's KFold(k, shuffle, random_state=seed) on n samples, 2 <= k <= n.
    -> k pairs (train_idx, test_idx), both ascending; the first n % k test folds hold n // k + 1 indices,
    the rest n // k; train_idx = every index not in test_idx."""
    ### BEGIN SOLUTION
    indices = np.random.RandomState(seed).permutation(n) if shuffle else np.arange(n)   # (n,)
    fold_sizes = np.full(k, n // k)
    folds, start = [], 0
    for size in fold_sizes:
        in_test = np.zeros(n, dtype=bool)              # (n,) mask of this fold's samples
        in_test[indices[start:start + size]] = True
        folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))   # both ascending
        start += size
    return folds
    ### END SOLUTION
''',
        'ceil_fold_size': '''
def k_fold_indices(n: int, k: int, shuffle: bool = False, seed: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """The folds of sklearn's KFold(k, shuffle, random_state=seed) on n samples, 2 <= k <= n.
    -> k pairs (train_idx, test_idx), both ascending; the first n % k test folds hold n // k + 1 indices,
    the rest n // k; train_idx = every index not in test_idx."""
    ### BEGIN SOLUTION
    indices = np.random.RandomState(seed).permutation(n) if shuffle else np.arange(n)   # (n,)
    fold_sizes = np.full(k, -(-n // k))            # ceil(n / k) per fold
    folds, start = [], 0
    for size in fold_sizes:
        in_test = np.zeros(n, dtype=bool)              # (n,) mask of this fold's samples
        in_test[indices[start:start + size]] = True
        folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))   # both ascending
        start += size
    return folds
    ### END SOLUTION
''',
        'shuffle_with_default_rng': '''
def k_fold_indices(n: int, k: int, shuffle: bool = False, seed: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """The folds of sklearn's KFold(k, shuffle, random_state=seed) on n samples, 2 <= k <= n.
    -> k pairs (train_idx, test_idx), both ascending; the first n % k test folds hold n // k + 1 indices,
    the rest n // k; train_idx = every index not in test_idx."""
    ### BEGIN SOLUTION
    indices = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)   # (n,)
    fold_sizes = np.full(k, n // k)
    fold_sizes[: n % k] += 1                       # the first n % k folds get one more
    folds, start = [], 0
    for size in fold_sizes:
        in_test = np.zeros(n, dtype=bool)              # (n,) mask of this fold's samples
        in_test[indices[start:start + size]] = True
        folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))   # both ascending
        start += size
    return folds
    ### END SOLUTION
''',
        'train_removes_positions_not_indices': '''
def k_fold_indices(n: int, k: int, shuffle: bool = False, seed: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """The folds of sklearn's KFold(k, shuffle, random_state=seed) on n samples, 2 <= k <= n.
    -> k pairs (train_idx, test_idx), both ascending; the first n % k test folds hold n // k + 1 indices,
    the rest n // k; train_idx = every index not in test_idx."""
    ### BEGIN SOLUTION
    indices = np.random.RandomState(seed).permutation(n) if shuffle else np.arange(n)   # (n,)
    fold_sizes = np.full(k, n // k)
    fold_sizes[: n % k] += 1                       # the first n % k folds get one more
    folds, start = [], 0
    for size in fold_sizes:
        in_test = np.zeros(n, dtype=bool)              # (n,) mask of this fold's samples
        in_test[indices[start:start + size]] = True
        folds.append((np.delete(np.arange(n), np.arange(start, start + size)), np.flatnonzero(in_test)))   # both ascending
        start += size
    return folds
    ### END SOLUTION
''',
    },
    'cross_val_score_scratch': {
        'no_clone': '''
def cross_val_score_scratch(estimator, X: np.ndarray, y: np.ndarray, k: int = 5,
                            shuffle: bool = False, seed: int | None = None) -> np.ndarray:
    """k-fold CV on the folds of k_fold_indices; a clone of estimator is fitted per fold, estimator is untouched.
    X: (N, D), y: (N,) -> scores: (k,), scores[i] = score on test fold i."""
    ### BEGIN SOLUTION
    scores = []
    for train, test in k_fold_indices(X.shape[0], k, shuffle=shuffle, seed=seed):
        model = estimator.fit(X[train], y[train])
        scores.append(model.score(X[test], y[test]))
    return np.array(scores)
    ### END SOLUTION
''',
        'fit_on_all_rows': '''
def cross_val_score_scratch(estimator, X: np.ndarray, y: np.ndarray, k: int = 5,
                            shuffle: bool = False, seed: int | None = None) -> np.ndarray:
    """k-fold CV on the folds of k_fold_indices; a clone of estimator is fitted per fold, estimator is untouched.
    X: (N, D), y: (N,) -> scores: (k,), scores[i] = score on test fold i."""
    ### BEGIN SOLUTION
    scores = []
    for train, test in k_fold_indices(X.shape[0], k, shuffle=shuffle, seed=seed):
        model = clone(estimator).fit(X, y)
        scores.append(model.score(X[test], y[test]))
    return np.array(scores)
    ### END SOLUTION
''',
        'score_on_train_fold': '''
def cross_val_score_scratch(estimator, X: np.ndarray, y: np.ndarray, k: int = 5,
                            shuffle: bool = False, seed: int | None = None) -> np.ndarray:
    """k-fold CV on the folds of k_fold_indices; a clone of estimator is fitted per fold, estimator is untouched.
    X: (N, D), y: (N,) -> scores: (k,), scores[i] = score on test fold i."""
    ### BEGIN SOLUTION
    scores = []
    for train, test in k_fold_indices(X.shape[0], k, shuffle=shuffle, seed=seed):
        model = clone(estimator).fit(X[train], y[train])
        scores.append(model.score(X[train], y[train]))
    return np.array(scores)
    ### END SOLUTION
''',
        'ignores_shuffle': '''
def cross_val_score_scratch(estimator, X: np.ndarray, y: np.ndarray, k: int = 5,
                            shuffle: bool = False, seed: int | None = None) -> np.ndarray:
    """k-fold CV on the folds of k_fold_indices; a clone of estimator is fitted per fold, estimator is untouched.
    X: (N, D), y: (N,) -> scores: (k,), scores[i] = score on test fold i."""
    ### BEGIN SOLUTION
    scores = []
    for train, test in k_fold_indices(X.shape[0], k):
        model = clone(estimator).fit(X[train], y[train])
        scores.append(model.score(X[test], y[test]))
    return np.array(scores)
    ### END SOLUTION
''',
    },
    'bias_variance': {
        'variance_across_points': '''
def bias_variance(predictions: np.ndarray, f_x: np.ndarray) -> tuple[float, float]:
    """bias2 = mean_j (mean_d predictions[d, j] - f_x[j])^2, variance = mean_j var_d predictions[d, j] (ddof=0).
    predictions: (n_datasets, n_points), f_x: (n_points,) -> (bias2, variance) floats."""
    ### BEGIN SOLUTION
    mean_pred = predictions.mean(axis=0)                                  # (n_points,) E_D[f_D(x_j)]
    bias2 = np.mean((mean_pred - f_x) ** 2)
    variance = np.mean(predictions.var(axis=1))   # var over datasets, then mean over points
    return float(bias2), float(variance)
    ### END SOLUTION
''',
        'bias_not_squared_per_point': '''
def bias_variance(predictions: np.ndarray, f_x: np.ndarray) -> tuple[float, float]:
    """bias2 = mean_j (mean_d predictions[d, j] - f_x[j])^2, variance = mean_j var_d predictions[d, j] (ddof=0).
    predictions: (n_datasets, n_points), f_x: (n_points,) -> (bias2, variance) floats."""
    ### BEGIN SOLUTION
    mean_pred = predictions.mean(axis=0)                                  # (n_points,) E_D[f_D(x_j)]
    bias2 = np.mean(mean_pred - f_x) ** 2
    variance = np.mean(np.mean((predictions - mean_pred) ** 2, axis=0))   # var over datasets, then mean over points
    return float(bias2), float(variance)
    ### END SOLUTION
''',
        'variance_ddof1': '''
def bias_variance(predictions: np.ndarray, f_x: np.ndarray) -> tuple[float, float]:
    """bias2 = mean_j (mean_d predictions[d, j] - f_x[j])^2, variance = mean_j var_d predictions[d, j] (ddof=0).
    predictions: (n_datasets, n_points), f_x: (n_points,) -> (bias2, variance) floats."""
    ### BEGIN SOLUTION
    mean_pred = predictions.mean(axis=0)                                  # (n_points,) E_D[f_D(x_j)]
    bias2 = np.mean((mean_pred - f_x) ** 2)
    variance = np.mean(predictions.var(axis=0, ddof=1))   # var over datasets, then mean over points
    return float(bias2), float(variance)
    ### END SOLUTION
''',
    },
    'squared_distances': {
        'sum_over_centres_axis': '''
def squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """D[i, k] = ||X[i] - centers[k]||^2. X: (N, D), centers: (K, D) -> (N, K), all >= 0."""
    ### BEGIN SOLUTION
    diff = X[:, None, :] - centers[None, :, :]              # (N, K, D)
    return (diff ** 2).sum(axis=1)
    ### END SOLUTION
''',
        'euclidean_not_squared': '''
def squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """D[i, k] = ||X[i] - centers[k]||^2. X: (N, D), centers: (K, D) -> (N, K), all >= 0."""
    ### BEGIN SOLUTION
    return np.linalg.norm(X[:, None, :] - centers[None, :, :], axis=2)   # (N, K)
    ### END SOLUTION
''',
        'expansion_missing_factor_2': '''
def squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """D[i, k] = ||X[i] - centers[k]||^2. X: (N, D), centers: (K, D) -> (N, K), all >= 0."""
    ### BEGIN SOLUTION
    x_sq = np.einsum("nd,nd->n", X, X)[:, None]            # (N, 1)
    c_sq = np.einsum("kd,kd->k", centers, centers)[None, :]  # (1, K)
    return np.maximum(x_sq - X @ centers.T + c_sq, 0.0)   # (N, K)
    ### END SOLUTION
''',
    },
    'update_centers': {
        'empty_cluster_nan': '''
def update_centers(X: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """new[k] = mean of X[labels == k]; an empty cluster keeps centers[k].
    X: (N, D), labels: (N,) ints in [0, K), centers: (K, D) -> new array (K, D)."""
    ### BEGIN SOLUTION
    new = centers.copy()
    for k in range(centers.shape[0]):
        new[k] = X[labels == k].mean(axis=0)     # mean over the points, one value per feature
    return new
    ### END SOLUTION
''',
        'empty_cluster_to_origin': '''
def update_centers(X: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """new[k] = mean of X[labels == k]; an empty cluster keeps centers[k].
    X: (N, D), labels: (N,) ints in [0, K), centers: (K, D) -> new array (K, D)."""
    ### BEGIN SOLUTION
    new = np.zeros_like(centers)
    for k in range(centers.shape[0]):
        members = X[labels == k]                 # (n_k, D)
        if len(members):
            new[k] = members.mean(axis=0)        # mean over the points, one value per feature
    return new
    ### END SOLUTION
''',
        'mean_over_features_axis': '''
def update_centers(X: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """new[k] = mean of X[labels == k]; an empty cluster keeps centers[k].
    X: (N, D), labels: (N,) ints in [0, K), centers: (K, D) -> new array (K, D)."""
    ### BEGIN SOLUTION
    new = centers.copy()
    for k in range(centers.shape[0]):
        members = X[labels == k]                 # (n_k, D)
        if len(members):
            new[k] = members.mean(axis=1)        # mean over the points, one value per feature
    return new
    ### END SOLUTION
''',
        'updates_input_in_place': '''
def update_centers(X: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """new[k] = mean of X[labels == k]; an empty cluster keeps centers[k].
    X: (N, D), labels: (N,) ints in [0, K), centers: (K, D) -> new array (K, D)."""
    ### BEGIN SOLUTION
    new = centers
    for k in range(centers.shape[0]):
        members = X[labels == k]                 # (n_k, D)
        if len(members):
            new[k] = members.mean(axis=0)        # mean over the points, one value per feature
    return new
    ### END SOLUTION
''',
    },
    'kmeans': {
        'inertia_is_mean': '''
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted, validate_data


class KMeans(ClusterMixin, BaseEstimator):
    """k-means clustering with Lloyd's algorithm, from given or random initial centres."""

    def __init__(self, n_clusters: int = 8, init="random", max_iter: int = 300, tol: float = 1e-4,
                 random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y=None):
        """X: (N, D) -> self, with cluster_centers_ (K, D), labels_ (N,), inertia_ float, n_iter_ int."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        n = X.shape[0]
        if n < self.n_clusters:
            raise ValueError(f"n_samples={n} should be >= n_clusters={self.n_clusters}.")
        if isinstance(self.init, str) and self.init == "random":
            centers = X[check_random_state(self.random_state).permutation(n)[: self.n_clusters]]
        else:
            centers = np.array(self.init, dtype=X.dtype)              # a copy: never modify the user's array
            if centers.shape != (self.n_clusters, X.shape[1]):
                raise ValueError(f"init has shape {centers.shape}, expected {(self.n_clusters, X.shape[1])}.")
        tol = self.tol * np.mean(np.var(X, axis=0))                  # scale-free tolerance, as scikit-learn
        for i in range(self.max_iter):
            labels = squared_distances(X, centers).argmin(axis=1)    # (N,)
            new_centers = update_centers(X, labels, centers)          # (K, D)
            shift = np.sum((new_centers - centers) ** 2)
            centers = new_centers
            if shift <= tol:
                break
        dist = squared_distances(X, centers)                          # (N, K) for the final centres
        self.labels_ = dist.argmin(axis=1)
        self.inertia_ = float(dist[np.arange(n), self.labels_].mean())
        self.cluster_centers_ = centers
        self.n_iter_ = i + 1
        return self
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,), index of the nearest centre."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        return squared_distances(X, self.cluster_centers_).argmin(axis=1)
        ### END SOLUTION
''',
        'fit_forgets_return_self': '''
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted, validate_data


class KMeans(ClusterMixin, BaseEstimator):
    """k-means clustering with Lloyd's algorithm, from given or random initial centres."""

    def __init__(self, n_clusters: int = 8, init="random", max_iter: int = 300, tol: float = 1e-4,
                 random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y=None):
        """X: (N, D) -> self, with cluster_centers_ (K, D), labels_ (N,), inertia_ float, n_iter_ int."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        n = X.shape[0]
        if n < self.n_clusters:
            raise ValueError(f"n_samples={n} should be >= n_clusters={self.n_clusters}.")
        if isinstance(self.init, str) and self.init == "random":
            centers = X[check_random_state(self.random_state).permutation(n)[: self.n_clusters]]
        else:
            centers = np.array(self.init, dtype=X.dtype)              # a copy: never modify the user's array
            if centers.shape != (self.n_clusters, X.shape[1]):
                raise ValueError(f"init has shape {centers.shape}, expected {(self.n_clusters, X.shape[1])}.")
        tol = self.tol * np.mean(np.var(X, axis=0))                  # scale-free tolerance, as scikit-learn
        for i in range(self.max_iter):
            labels = squared_distances(X, centers).argmin(axis=1)    # (N,)
            new_centers = update_centers(X, labels, centers)          # (K, D)
            shift = np.sum((new_centers - centers) ** 2)
            centers = new_centers
            if shift <= tol:
                break
        dist = squared_distances(X, centers)                          # (N, K) for the final centres
        self.labels_ = dist.argmin(axis=1)
        self.inertia_ = float(dist[np.arange(n), self.labels_].sum())
        self.cluster_centers_ = centers
        self.n_iter_ = i + 1
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,), index of the nearest centre."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        return squared_distances(X, self.cluster_centers_).argmin(axis=1)
        ### END SOLUTION
''',
        'labels_from_before_last_update': '''
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted, validate_data


class KMeans(ClusterMixin, BaseEstimator):
    """k-means clustering with Lloyd's algorithm, from given or random initial centres."""

    def __init__(self, n_clusters: int = 8, init="random", max_iter: int = 300, tol: float = 1e-4,
                 random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y=None):
        """X: (N, D) -> self, with cluster_centers_ (K, D), labels_ (N,), inertia_ float, n_iter_ int."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        n = X.shape[0]
        if n < self.n_clusters:
            raise ValueError(f"n_samples={n} should be >= n_clusters={self.n_clusters}.")
        if isinstance(self.init, str) and self.init == "random":
            centers = X[check_random_state(self.random_state).permutation(n)[: self.n_clusters]]
        else:
            centers = np.array(self.init, dtype=X.dtype)              # a copy: never modify the user's array
            if centers.shape != (self.n_clusters, X.shape[1]):
                raise ValueError(f"init has shape {centers.shape}, expected {(self.n_clusters, X.shape[1])}.")
        tol = self.tol * np.mean(np.var(X, axis=0))                  # scale-free tolerance, as scikit-learn
        for i in range(self.max_iter):
            labels = squared_distances(X, centers).argmin(axis=1)    # (N,)
            new_centers = update_centers(X, labels, centers)          # (K, D)
            shift = np.sum((new_centers - centers) ** 2)
            centers = new_centers
            if shift <= tol:
                break
        dist = squared_distances(X, centers)                          # (N, K) for the final centres
        self.labels_ = labels                                       # from the last assign step
        self.inertia_ = float(dist[np.arange(n), self.labels_].sum())
        self.cluster_centers_ = centers
        self.n_iter_ = i + 1
        return self
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,), index of the nearest centre."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        return squared_distances(X, self.cluster_centers_).argmin(axis=1)
        ### END SOLUTION
''',
        'predict_skips_validation': '''
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted, validate_data


class KMeans(ClusterMixin, BaseEstimator):
    """k-means clustering with Lloyd's algorithm, from given or random initial centres."""

    def __init__(self, n_clusters: int = 8, init="random", max_iter: int = 300, tol: float = 1e-4,
                 random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y=None):
        """X: (N, D) -> self, with cluster_centers_ (K, D), labels_ (N,), inertia_ float, n_iter_ int."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        n = X.shape[0]
        if n < self.n_clusters:
            raise ValueError(f"n_samples={n} should be >= n_clusters={self.n_clusters}.")
        if isinstance(self.init, str) and self.init == "random":
            centers = X[check_random_state(self.random_state).permutation(n)[: self.n_clusters]]
        else:
            centers = np.array(self.init, dtype=X.dtype)              # a copy: never modify the user's array
            if centers.shape != (self.n_clusters, X.shape[1]):
                raise ValueError(f"init has shape {centers.shape}, expected {(self.n_clusters, X.shape[1])}.")
        tol = self.tol * np.mean(np.var(X, axis=0))                  # scale-free tolerance, as scikit-learn
        for i in range(self.max_iter):
            labels = squared_distances(X, centers).argmin(axis=1)    # (N,)
            new_centers = update_centers(X, labels, centers)          # (K, D)
            shift = np.sum((new_centers - centers) ** 2)
            centers = new_centers
            if shift <= tol:
                break
        dist = squared_distances(X, centers)                          # (N, K) for the final centres
        self.labels_ = dist.argmin(axis=1)
        self.inertia_ = float(dist[np.arange(n), self.labels_].sum())
        self.cluster_centers_ = centers
        self.n_iter_ = i + 1
        return self
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,), index of the nearest centre."""
        ### BEGIN SOLUTION
        X = np.asarray(X, dtype=float)
        return squared_distances(X, self.cluster_centers_).argmin(axis=1)
        ### END SOLUTION
''',
    },
}
