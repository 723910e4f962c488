"""Plausible wrong answers for 01_linear_algebra.ipynb; each must make a graded cell fail."""
RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    'normalize_rows': {
        'column_norms_axis0': r'''def normalize_rows(X: np.ndarray) -> np.ndarray:
    """Scale each row of X to unit L2 norm; all-zero rows stay zero. X: (N, D) -> (N, D)."""
    ### BEGIN SOLUTION
    norms = np.linalg.norm(X, axis=0, keepdims=True)     # (N, 1): one length per row
    return X / np.where(norms == 0, 1.0, norms)          # a zero row divided by 1 stays zero
    ### END SOLUTION''',
        'no_zero_row_guard': r'''def normalize_rows(X: np.ndarray) -> np.ndarray:
    """Scale each row of X to unit L2 norm; all-zero rows stay zero. X: (N, D) -> (N, D)."""
    ### BEGIN SOLUTION
    norms = np.linalg.norm(X, axis=1, keepdims=True)     # (N, 1): one length per row
    return X / norms          # a zero row divided by 1 stays zero
    ### END SOLUTION''',
        'l1_norm': r'''def normalize_rows(X: np.ndarray) -> np.ndarray:
    """Scale each row of X to unit L2 norm; all-zero rows stay zero. X: (N, D) -> (N, D)."""
    ### BEGIN SOLUTION
    norms = np.abs(X).sum(axis=1, keepdims=True)     # (N, 1): one length per row
    return X / np.where(norms == 0, 1.0, norms)          # a zero row divided by 1 stays zero
    ### END SOLUTION''',
    },
    'pairwise_distances': {
        'norms_over_axis0': r'''def pairwise_distances(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Euclidean distance between every row of A and every row of B, no Python loops.
    A: (N, D), B: (M, D) -> (N, M) with out[i, j] = ||A[i] - B[j]||_2."""
    ### BEGIN SOLUTION
    sq_a = np.sum(A ** 2, axis=0)[:, None]          # (N, 1)
    sq_b = np.sum(B ** 2, axis=0)[None, :]          # (1, M)
    sq = sq_a + sq_b - 2.0 * (A @ B.T)              # (N, M); round-off can push it slightly below 0
    return np.sqrt(np.maximum(sq, 0.0))
    ### END SOLUTION''',
        'no_clip_before_sqrt': r'''def pairwise_distances(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Euclidean distance between every row of A and every row of B, no Python loops.
    A: (N, D), B: (M, D) -> (N, M) with out[i, j] = ||A[i] - B[j]||_2."""
    ### BEGIN SOLUTION
    sq_a = np.sum(A ** 2, axis=1)[:, None]          # (N, 1)
    sq_b = np.sum(B ** 2, axis=1)[None, :]          # (1, M)
    sq = sq_a + sq_b - 2.0 * (A @ B.T)              # (N, M); round-off can push it slightly below 0
    return np.sqrt(sq)
    ### END SOLUTION''',
        'squared_distances': r'''def pairwise_distances(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Euclidean distance between every row of A and every row of B, no Python loops.
    A: (N, D), B: (M, D) -> (N, M) with out[i, j] = ||A[i] - B[j]||_2."""
    ### BEGIN SOLUTION
    sq_a = np.sum(A ** 2, axis=1)[:, None]          # (N, 1)
    sq_b = np.sum(B ** 2, axis=1)[None, :]          # (1, M)
    sq = sq_a + sq_b - 2.0 * (A @ B.T)              # (N, M); round-off can push it slightly below 0
    return np.maximum(sq, 0.0)
    ### END SOLUTION''',
        'cross_term_missing_2': r'''def pairwise_distances(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Euclidean distance between every row of A and every row of B, no Python loops.
    A: (N, D), B: (M, D) -> (N, M) with out[i, j] = ||A[i] - B[j]||_2."""
    ### BEGIN SOLUTION
    sq_a = np.sum(A ** 2, axis=1)[:, None]          # (N, 1)
    sq_b = np.sum(B ** 2, axis=1)[None, :]          # (1, M)
    sq = sq_a + sq_b - (A @ B.T)              # (N, M); round-off can push it slightly below 0
    return np.sqrt(np.maximum(sq, 0.0))
    ### END SOLUTION''',
    },
    'project': {
        'assumes_orthonormal_basis': r'''def project(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Orthogonal projection of each row of X onto the span of the columns of B.
    X: (N, D), B: (D, K) -> (N, D)."""
    ### BEGIN SOLUTION
    coef = B.T @ X.T   # (K, N): solves B^T B c = B^T x for every point
    return (B @ coef).T                             # (D, K) @ (K, N) -> (D, N) -> (N, D)
    ### END SOLUTION''',
        'divides_by_norm_not_norm_squared': r'''def project(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Orthogonal projection of each row of X onto the span of the columns of B.
    X: (N, D), B: (D, K) -> (N, D)."""
    ### BEGIN SOLUTION
    coef = (X @ B / np.linalg.norm(B, axis=0)).T   # (K, N): solves B^T B c = B^T x for every point
    return (B @ coef).T                             # (D, K) @ (K, N) -> (D, N) -> (N, D)
    ### END SOLUTION''',
    },
    'covariance_matrix': {
        'not_centred': r'''def covariance_matrix(X: np.ndarray, ddof: int = 1) -> np.ndarray:
    """Sample covariance of the columns of X. X: (N, D) -> (D, D), C = Xc.T @ Xc / (N - ddof)."""
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    Xc = X                         # (N, D): every column now has mean 0
    return Xc.T @ Xc / (X.shape[0] - ddof)          # (D, N) @ (N, D) -> (D, D)
    ### END SOLUTION''',
        'ignores_ddof': r'''def covariance_matrix(X: np.ndarray, ddof: int = 1) -> np.ndarray:
    """Sample covariance of the columns of X. X: (N, D) -> (D, D), C = Xc.T @ Xc / (N - ddof)."""
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)                         # (N, D): every column now has mean 0
    return Xc.T @ Xc / X.shape[0]          # (D, N) @ (N, D) -> (D, D)
    ### END SOLUTION''',
        'centres_rows': r'''def covariance_matrix(X: np.ndarray, ddof: int = 1) -> np.ndarray:
    """Sample covariance of the columns of X. X: (N, D) -> (D, D), C = Xc.T @ Xc / (N - ddof)."""
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=1, keepdims=True)                         # (N, D): every column now has mean 0
    return Xc.T @ Xc / (X.shape[0] - ddof)          # (D, N) @ (N, D) -> (D, D)
    ### END SOLUTION''',
    },
    'sorted_eigh': {
        'unsorted_ascending': r'''def sorted_eigh(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigen-decomposition of a symmetric matrix, largest eigenvalue first.
    A: (D, D) -> eigvals: (D,) descending, eigvecs: (D, D) with column eigvecs[:, i] for eigvals[i]."""
    ### BEGIN SOLUTION
    eigvals, eigvecs = np.linalg.eigh(A)            # ascending order
    order = np.arange(len(eigvals))               # (D,): indices of the largest first
    return eigvals[order], eigvecs[:, order]        # reorder the columns, not the rows
    ### END SOLUTION''',
        'reorders_rows': r'''def sorted_eigh(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigen-decomposition of a symmetric matrix, largest eigenvalue first.
    A: (D, D) -> eigvals: (D,) descending, eigvecs: (D, D) with column eigvecs[:, i] for eigvals[i]."""
    ### BEGIN SOLUTION
    eigvals, eigvecs = np.linalg.eigh(A)            # ascending order
    order = np.argsort(eigvals)[::-1]               # (D,): indices of the largest first
    return eigvals[order], eigvecs[order]        # reorder the columns, not the rows
    ### END SOLUTION''',
        'sorts_values_only': r'''def sorted_eigh(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigen-decomposition of a symmetric matrix, largest eigenvalue first.
    A: (D, D) -> eigvals: (D,) descending, eigvecs: (D, D) with column eigvecs[:, i] for eigvals[i]."""
    ### BEGIN SOLUTION
    eigvals, eigvecs = np.linalg.eigh(A)            # ascending order
    order = np.argsort(eigvals)[::-1]               # (D,): indices of the largest first
    return eigvals[order], eigvecs        # reorder the columns, not the rows
    ### END SOLUTION''',
    },
    'low_rank_approx': {
        'drops_singular_values': r'''def low_rank_approx(X: np.ndarray, k: int) -> np.ndarray:
    """Best rank-k approximation of X in Frobenius norm, from the SVD.
    X: (N, D), 1 <= k <= min(N, D) -> (N, D)."""
    ### BEGIN SOLUTION
    U, s, Vt = np.linalg.svd(X, full_matrices=False)    # (N, r), (r,), (r, D) with r = min(N, D)
    return U[:, :k] @ Vt[:k]                  # (N, k) scaled column-wise, @ (k, D) -> (N, D)
    ### END SOLUTION''',
        'columns_of_vt': r'''def low_rank_approx(X: np.ndarray, k: int) -> np.ndarray:
    """Best rank-k approximation of X in Frobenius norm, from the SVD.
    X: (N, D), 1 <= k <= min(N, D) -> (N, D)."""
    ### BEGIN SOLUTION
    U, s, Vt = np.linalg.svd(X, full_matrices=False)    # (N, r), (r,), (r, D) with r = min(N, D)
    return (U[:, :k] * s[:k]) @ Vt[:, :k].T                  # (N, k) scaled column-wise, @ (k, D) -> (N, D)
    ### END SOLUTION''',
        'off_by_one': r'''def low_rank_approx(X: np.ndarray, k: int) -> np.ndarray:
    """Best rank-k approximation of X in Frobenius norm, from the SVD.
    X: (N, D), 1 <= k <= min(N, D) -> (N, D)."""
    ### BEGIN SOLUTION
    U, s, Vt = np.linalg.svd(X, full_matrices=False)    # (N, r), (r,), (r, D) with r = min(N, D)
    return (U[:, :k + 1] * s[:k + 1]) @ Vt[:k + 1]                  # (N, k) scaled column-wise, @ (k, D) -> (N, D)
    ### END SOLUTION''',
    },
    'pca': {
        'not_centred': r'''from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data


class PCA(TransformerMixin, BaseEstimator):
    """Principal component analysis by eigen-decomposition of the sample covariance (ddof=1)."""

    def __init__(self, n_components: int | None = None):
        self.n_components = n_components

    def fit(self, X, y=None):
        """X: (N, D) -> self, with mean_: (D,), components_: (K, D) (rows, largest variance first),
        explained_variance_: (K,), explained_variance_ratio_: (K,), n_components_ = K;
        K = n_components, or min(N, D) when it is None."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n, d = X.shape
        k = min(n, d) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, d):
            raise ValueError(f"n_components={k} must be between 1 and min(n_samples, n_features)={min(n, d)}.")
        self.mean_ = X.mean(axis=0)                                       # (D,)
        eigvals, eigvecs = sorted_eigh(X.T @ X / (n - 1))      # (D,), (D, D), descending
        eigvals = np.clip(eigvals, 0.0, None)                             # round-off: no negative variance
        components = eigvecs[:, :k].T                                     # (K, D): one component per row
        biggest = np.argmax(np.abs(components), axis=1)                   # (K,)
        signs = np.sign(components[np.arange(k), biggest])                # (K,)
        self.components_ = components * signs[:, None]                    # largest entry positive
        self.explained_variance_ = eigvals[:k]                            # (K,)
        total = eigvals.sum()                                             # total variance, all D directions
        self.explained_variance_ratio_ = eigvals[:k] / total if total > 0 else np.zeros(k)
        self.n_components_ = k
        return self
        ### END SOLUTION

    def transform(self, X):
        """X: (M, D) -> Z: (M, K), the coordinates of each centred sample along the components."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return (X - self.mean_) @ self.components_.T                      # (M, D) @ (D, K) -> (M, K)
        ### END SOLUTION''',
        'ddof_0': r'''from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data


class PCA(TransformerMixin, BaseEstimator):
    """Principal component analysis by eigen-decomposition of the sample covariance (ddof=1)."""

    def __init__(self, n_components: int | None = None):
        self.n_components = n_components

    def fit(self, X, y=None):
        """X: (N, D) -> self, with mean_: (D,), components_: (K, D) (rows, largest variance first),
        explained_variance_: (K,), explained_variance_ratio_: (K,), n_components_ = K;
        K = n_components, or min(N, D) when it is None."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n, d = X.shape
        k = min(n, d) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, d):
            raise ValueError(f"n_components={k} must be between 1 and min(n_samples, n_features)={min(n, d)}.")
        self.mean_ = X.mean(axis=0)                                       # (D,)
        eigvals, eigvecs = sorted_eigh(covariance_matrix(X, ddof=0))      # (D,), (D, D), descending
        eigvals = np.clip(eigvals, 0.0, None)                             # round-off: no negative variance
        components = eigvecs[:, :k].T                                     # (K, D): one component per row
        biggest = np.argmax(np.abs(components), axis=1)                   # (K,)
        signs = np.sign(components[np.arange(k), biggest])                # (K,)
        self.components_ = components * signs[:, None]                    # largest entry positive
        self.explained_variance_ = eigvals[:k]                            # (K,)
        total = eigvals.sum()                                             # total variance, all D directions
        self.explained_variance_ratio_ = eigvals[:k] / total if total > 0 else np.zeros(k)
        self.n_components_ = k
        return self
        ### END SOLUTION

    def transform(self, X):
        """X: (M, D) -> Z: (M, K), the coordinates of each centred sample along the components."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return (X - self.mean_) @ self.components_.T                      # (M, D) @ (D, K) -> (M, K)
        ### END SOLUTION''',
        'components_as_columns': r'''from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data


class PCA(TransformerMixin, BaseEstimator):
    """Principal component analysis by eigen-decomposition of the sample covariance (ddof=1)."""

    def __init__(self, n_components: int | None = None):
        self.n_components = n_components

    def fit(self, X, y=None):
        """X: (N, D) -> self, with mean_: (D,), components_: (K, D) (rows, largest variance first),
        explained_variance_: (K,), explained_variance_ratio_: (K,), n_components_ = K;
        K = n_components, or min(N, D) when it is None."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n, d = X.shape
        k = min(n, d) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, d):
            raise ValueError(f"n_components={k} must be between 1 and min(n_samples, n_features)={min(n, d)}.")
        self.mean_ = X.mean(axis=0)                                       # (D,)
        eigvals, eigvecs = sorted_eigh(covariance_matrix(X, ddof=1))      # (D,), (D, D), descending
        eigvals = np.clip(eigvals, 0.0, None)                             # round-off: no negative variance
        components = eigvecs[:, :k]                                     # (K, D): one component per row
        biggest = np.argmax(np.abs(components), axis=0)                   # (K,)
        signs = np.sign(components[biggest, np.arange(k)])                # (K,)
        self.components_ = components * signs[None, :]                    # largest entry positive
        self.explained_variance_ = eigvals[:k]                            # (K,)
        total = eigvals.sum()                                             # total variance, all D directions
        self.explained_variance_ratio_ = eigvals[:k] / total if total > 0 else np.zeros(k)
        self.n_components_ = k
        return self
        ### END SOLUTION

    def transform(self, X):
        """X: (M, D) -> Z: (M, K), the coordinates of each centred sample along the components."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return (X - self.mean_) @ self.components_                      # (M, D) @ (D, K) -> (M, K)
        ### END SOLUTION''',
        'unsorted_eigenvalues': r'''from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data


class PCA(TransformerMixin, BaseEstimator):
    """Principal component analysis by eigen-decomposition of the sample covariance (ddof=1)."""

    def __init__(self, n_components: int | None = None):
        self.n_components = n_components

    def fit(self, X, y=None):
        """X: (N, D) -> self, with mean_: (D,), components_: (K, D) (rows, largest variance first),
        explained_variance_: (K,), explained_variance_ratio_: (K,), n_components_ = K;
        K = n_components, or min(N, D) when it is None."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n, d = X.shape
        k = min(n, d) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, d):
            raise ValueError(f"n_components={k} must be between 1 and min(n_samples, n_features)={min(n, d)}.")
        self.mean_ = X.mean(axis=0)                                       # (D,)
        eigvals, eigvecs = np.linalg.eigh(covariance_matrix(X, ddof=1))      # (D,), (D, D), descending
        eigvals = np.clip(eigvals, 0.0, None)                             # round-off: no negative variance
        components = eigvecs[:, :k].T                                     # (K, D): one component per row
        biggest = np.argmax(np.abs(components), axis=1)                   # (K,)
        signs = np.sign(components[np.arange(k), biggest])                # (K,)
        self.components_ = components * signs[:, None]                    # largest entry positive
        self.explained_variance_ = eigvals[:k]                            # (K,)
        total = eigvals.sum()                                             # total variance, all D directions
        self.explained_variance_ratio_ = eigvals[:k] / total if total > 0 else np.zeros(k)
        self.n_components_ = k
        return self
        ### END SOLUTION

    def transform(self, X):
        """X: (M, D) -> Z: (M, K), the coordinates of each centred sample along the components."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return (X - self.mean_) @ self.components_.T                      # (M, D) @ (D, K) -> (M, K)
        ### END SOLUTION''',
        'ratio_of_kept_only': r'''from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data


class PCA(TransformerMixin, BaseEstimator):
    """Principal component analysis by eigen-decomposition of the sample covariance (ddof=1)."""

    def __init__(self, n_components: int | None = None):
        self.n_components = n_components

    def fit(self, X, y=None):
        """X: (N, D) -> self, with mean_: (D,), components_: (K, D) (rows, largest variance first),
        explained_variance_: (K,), explained_variance_ratio_: (K,), n_components_ = K;
        K = n_components, or min(N, D) when it is None."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n, d = X.shape
        k = min(n, d) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, d):
            raise ValueError(f"n_components={k} must be between 1 and min(n_samples, n_features)={min(n, d)}.")
        self.mean_ = X.mean(axis=0)                                       # (D,)
        eigvals, eigvecs = sorted_eigh(covariance_matrix(X, ddof=1))      # (D,), (D, D), descending
        eigvals = np.clip(eigvals, 0.0, None)                             # round-off: no negative variance
        components = eigvecs[:, :k].T                                     # (K, D): one component per row
        biggest = np.argmax(np.abs(components), axis=1)                   # (K,)
        signs = np.sign(components[np.arange(k), biggest])                # (K,)
        self.components_ = components * signs[:, None]                    # largest entry positive
        self.explained_variance_ = eigvals[:k]                            # (K,)
        total = eigvals[:k].sum()                                             # total variance, all D directions
        self.explained_variance_ratio_ = eigvals[:k] / total if total > 0 else np.zeros(k)
        self.n_components_ = k
        return self
        ### END SOLUTION

    def transform(self, X):
        """X: (M, D) -> Z: (M, K), the coordinates of each centred sample along the components."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return (X - self.mean_) @ self.components_.T                      # (M, D) @ (D, K) -> (M, K)
        ### END SOLUTION''',
        'transform_not_centred': r'''from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data


class PCA(TransformerMixin, BaseEstimator):
    """Principal component analysis by eigen-decomposition of the sample covariance (ddof=1)."""

    def __init__(self, n_components: int | None = None):
        self.n_components = n_components

    def fit(self, X, y=None):
        """X: (N, D) -> self, with mean_: (D,), components_: (K, D) (rows, largest variance first),
        explained_variance_: (K,), explained_variance_ratio_: (K,), n_components_ = K;
        K = n_components, or min(N, D) when it is None."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n, d = X.shape
        k = min(n, d) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, d):
            raise ValueError(f"n_components={k} must be between 1 and min(n_samples, n_features)={min(n, d)}.")
        self.mean_ = X.mean(axis=0)                                       # (D,)
        eigvals, eigvecs = sorted_eigh(covariance_matrix(X, ddof=1))      # (D,), (D, D), descending
        eigvals = np.clip(eigvals, 0.0, None)                             # round-off: no negative variance
        components = eigvecs[:, :k].T                                     # (K, D): one component per row
        biggest = np.argmax(np.abs(components), axis=1)                   # (K,)
        signs = np.sign(components[np.arange(k), biggest])                # (K,)
        self.components_ = components * signs[:, None]                    # largest entry positive
        self.explained_variance_ = eigvals[:k]                            # (K,)
        total = eigvals.sum()                                             # total variance, all D directions
        self.explained_variance_ratio_ = eigvals[:k] / total if total > 0 else np.zeros(k)
        self.n_components_ = k
        return self
        ### END SOLUTION

    def transform(self, X):
        """X: (M, D) -> Z: (M, K), the coordinates of each centred sample along the components."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return X @ self.components_.T                      # (M, D) @ (D, K) -> (M, K)
        ### END SOLUTION''',
        'fit_returns_none': r'''from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data


class PCA(TransformerMixin, BaseEstimator):
    """Principal component analysis by eigen-decomposition of the sample covariance (ddof=1)."""

    def __init__(self, n_components: int | None = None):
        self.n_components = n_components

    def fit(self, X, y=None):
        """X: (N, D) -> self, with mean_: (D,), components_: (K, D) (rows, largest variance first),
        explained_variance_: (K,), explained_variance_ratio_: (K,), n_components_ = K;
        K = n_components, or min(N, D) when it is None."""
        ### BEGIN SOLUTION
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n, d = X.shape
        k = min(n, d) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, d):
            raise ValueError(f"n_components={k} must be between 1 and min(n_samples, n_features)={min(n, d)}.")
        self.mean_ = X.mean(axis=0)                                       # (D,)
        eigvals, eigvecs = sorted_eigh(covariance_matrix(X, ddof=1))      # (D,), (D, D), descending
        eigvals = np.clip(eigvals, 0.0, None)                             # round-off: no negative variance
        components = eigvecs[:, :k].T                                     # (K, D): one component per row
        biggest = np.argmax(np.abs(components), axis=1)                   # (K,)
        signs = np.sign(components[np.arange(k), biggest])                # (K,)
        self.components_ = components * signs[:, None]                    # largest entry positive
        self.explained_variance_ = eigvals[:k]                            # (K,)
        total = eigvals.sum()                                             # total variance, all D directions
        self.explained_variance_ratio_ = eigvals[:k] / total if total > 0 else np.zeros(k)
        self.n_components_ = k
        ### END SOLUTION

    def transform(self, X):
        """X: (M, D) -> Z: (M, K), the coordinates of each centred sample along the components."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return (X - self.mean_) @ self.components_.T                      # (M, D) @ (D, K) -> (M, K)
        ### END SOLUTION''',
    },
}
