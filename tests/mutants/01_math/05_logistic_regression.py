"""Plausible wrong answers for 05_logistic_regression.ipynb; each must make a graded cell fail."""
RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    "sigmoid": {
        "naive_overflows": r'''
def sigmoid(z: np.ndarray) -> np.ndarray:
    """Numerically stable logistic function 1 / (1 + exp(-z)), elementwise. z: any shape -> same shape."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    return 1.0 / (1.0 + np.exp(-z))
    ### END SOLUTION
''',
        "exp_ratio_nan": r'''
def sigmoid(z: np.ndarray) -> np.ndarray:
    """Numerically stable logistic function 1 / (1 + exp(-z)), elementwise. z: any shape -> same shape."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    return np.exp(z) / (1.0 + np.exp(z))
    ### END SOLUTION
''',
        "branches_swapped": r'''
def sigmoid(z: np.ndarray) -> np.ndarray:
    """Numerically stable logistic function 1 / (1 + exp(-z)), elementwise. z: any shape -> same shape."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))                       # in (0, 1]: never overflows
    return np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
    ### END SOLUTION
''',
    },
    "bce_with_logits": {
        "log_of_sigmoid": r'''
def bce_with_logits(z: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy of labels y in {0, 1} under P(y=1) = sigmoid(z).
    mean_i [log(1 + exp(z_i)) - y_i z_i]. z, y: (N,) -> float."""
    ### BEGIN SOLUTION
    p = sigmoid(z)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    ### END SOLUTION
''',
        "log_one_plus_exp_overflows": r'''
def bce_with_logits(z: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy of labels y in {0, 1} under P(y=1) = sigmoid(z).
    mean_i [log(1 + exp(z_i)) - y_i z_i]. z, y: (N,) -> float."""
    ### BEGIN SOLUTION
    softplus = np.log(1.0 + np.exp(z))   # log(1 + exp(z)), (N,)
    return float(np.mean(softplus - y * z))
    ### END SOLUTION
''',
        "sum_not_mean": r'''
def bce_with_logits(z: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy of labels y in {0, 1} under P(y=1) = sigmoid(z).
    mean_i [log(1 + exp(z_i)) - y_i z_i]. z, y: (N,) -> float."""
    ### BEGIN SOLUTION
    softplus = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))   # log(1 + exp(z)), (N,)
    return float(np.sum(softplus - y * z))
    ### END SOLUTION
''',
    },
    "objective_and_gradient": {
        "gradient_sum_not_mean": r'''
def objective_and_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float,
                           C: float) -> tuple[float, np.ndarray, float]:
    """J(w, b) = mean BCE of the logits X @ w + b + ||w||^2 / (2 C N), and its gradient.
    X: (N, D), y: (N,) in {0, 1}, w: (D,) -> (J: float, dJ/dw: (D,), dJ/db: float)."""
    ### BEGIN SOLUTION
    n = X.shape[0]
    z = X @ w + b                                        # (N,)
    J = bce_with_logits(z, y) + float(w @ w) / (2.0 * C * n)
    r = sigmoid(z) - y                                   # (N,)
    return J, X.T @ r + w / C, float(r.sum())
    ### END SOLUTION
''',
        "penalises_intercept": r'''
def objective_and_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float,
                           C: float) -> tuple[float, np.ndarray, float]:
    """J(w, b) = mean BCE of the logits X @ w + b + ||w||^2 / (2 C N), and its gradient.
    X: (N, D), y: (N,) in {0, 1}, w: (D,) -> (J: float, dJ/dw: (D,), dJ/db: float)."""
    ### BEGIN SOLUTION
    n = X.shape[0]
    z = X @ w + b                                        # (N,)
    J = bce_with_logits(z, y) + float(w @ w + b * b) / (2.0 * C * n)
    r = sigmoid(z) - y                                   # (N,)
    return J, X.T @ r / n + w / (C * n), float(r.mean() + b / (C * n))
    ### END SOLUTION
''',
        "penalty_not_divided_by_n": r'''
def objective_and_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float,
                           C: float) -> tuple[float, np.ndarray, float]:
    """J(w, b) = mean BCE of the logits X @ w + b + ||w||^2 / (2 C N), and its gradient.
    X: (N, D), y: (N,) in {0, 1}, w: (D,) -> (J: float, dJ/dw: (D,), dJ/db: float)."""
    ### BEGIN SOLUTION
    n = X.shape[0]
    z = X @ w + b                                        # (N,)
    J = bce_with_logits(z, y) + float(w @ w) / (2.0 * C)
    r = sigmoid(z) - y                                   # (N,)
    return J, X.T @ r / n + w / C, float(r.mean())
    ### END SOLUTION
''',
        "residual_sign_flipped": r'''
def objective_and_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float,
                           C: float) -> tuple[float, np.ndarray, float]:
    """J(w, b) = mean BCE of the logits X @ w + b + ||w||^2 / (2 C N), and its gradient.
    X: (N, D), y: (N,) in {0, 1}, w: (D,) -> (J: float, dJ/dw: (D,), dJ/db: float)."""
    ### BEGIN SOLUTION
    n = X.shape[0]
    z = X @ w + b                                        # (N,)
    J = bce_with_logits(z, y) + float(w @ w) / (2.0 * C * n)
    r = y - sigmoid(z)                                   # (N,)
    return J, X.T @ r / n + w / (C * n), float(r.mean())
    ### END SOLUTION
''',
    },
    "fit_logistic_gd": {
        "intercept_never_updated": r'''
def fit_logistic_gd(X: np.ndarray, y: np.ndarray, C: float, lr: float, max_iter: int,
                    tol: float) -> tuple[np.ndarray, float, list[float]]:
    """Full-batch gradient descent on J (objective_and_gradient) from w = 0, b = 0.
    X: (N, D), y: (N,) in {0, 1} -> w: (D,), b: float, losses: J before each iteration (<= max_iter floats)."""
    ### BEGIN SOLUTION
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(max_iter):
        J, grad_w, grad_b = objective_and_gradient(X, y, w, b, C)
        losses.append(J)
        if max(np.abs(grad_w).max(), abs(grad_b)) < tol:
            break
        w = w - lr * grad_w
    return w, float(b), losses
    ### END SOLUTION
''',
        "loss_recorded_after_step": r'''
def fit_logistic_gd(X: np.ndarray, y: np.ndarray, C: float, lr: float, max_iter: int,
                    tol: float) -> tuple[np.ndarray, float, list[float]]:
    """Full-batch gradient descent on J (objective_and_gradient) from w = 0, b = 0.
    X: (N, D), y: (N,) in {0, 1} -> w: (D,), b: float, losses: J before each iteration (<= max_iter floats)."""
    ### BEGIN SOLUTION
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(max_iter):
        J, grad_w, grad_b = objective_and_gradient(X, y, w, b, C)
        if max(np.abs(grad_w).max(), abs(grad_b)) < tol:
            break
        w, b = w - lr * grad_w, b - lr * grad_b
        losses.append(objective_and_gradient(X, y, w, b, C)[0])
    return w, float(b), losses
    ### END SOLUTION
''',
        "tol_ignored": r'''
def fit_logistic_gd(X: np.ndarray, y: np.ndarray, C: float, lr: float, max_iter: int,
                    tol: float) -> tuple[np.ndarray, float, list[float]]:
    """Full-batch gradient descent on J (objective_and_gradient) from w = 0, b = 0.
    X: (N, D), y: (N,) in {0, 1} -> w: (D,), b: float, losses: J before each iteration (<= max_iter floats)."""
    ### BEGIN SOLUTION
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(max_iter):
        J, grad_w, grad_b = objective_and_gradient(X, y, w, b, C)
        losses.append(J)
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b), losses
    ### END SOLUTION
''',
        "ascent_not_descent": r'''
def fit_logistic_gd(X: np.ndarray, y: np.ndarray, C: float, lr: float, max_iter: int,
                    tol: float) -> tuple[np.ndarray, float, list[float]]:
    """Full-batch gradient descent on J (objective_and_gradient) from w = 0, b = 0.
    X: (N, D), y: (N,) in {0, 1} -> w: (D,), b: float, losses: J before each iteration (<= max_iter floats)."""
    ### BEGIN SOLUTION
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(max_iter):
        J, grad_w, grad_b = objective_and_gradient(X, y, w, b, C)
        losses.append(J)
        if max(np.abs(grad_w).max(), abs(grad_b)) < tol:
            break
        w, b = w + lr * grad_w, b + lr * grad_b
    return w, float(b), losses
    ### END SOLUTION
''',
    },
    "logistic_estimator": {
        "labels_not_mapped_to_01": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class LogisticRegressionScratch(ClassifierMixin, BaseEstimator):
    """Binary L2-penalised logistic regression, trained by full-batch gradient descent."""

    def __init__(self, C: float = 1.0, lr="auto", max_iter: int = 1000, tol: float = 1e-4):
        self.C = C
        self.lr = lr
        self.max_iter = max_iter
        self.tol = tol

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False          # binary only
        return tags

    def fit(self, X, y):
        """X: (N, D), y: (N,) with exactly 2 distinct labels -> self (coef_: (1, D), intercept_: (1,))."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_ = np.unique(y)
        if len(self.classes_) != 2:
            raise ValueError(f"Only binary classification is supported. y must have exactly 2 classes, "
                             f"got {len(self.classes_)} class(es).")
        lr = lipschitz_step(X, self.C) if self.lr == "auto" else self.lr
        w, b, losses = fit_logistic_gd(X, (y == 1).astype(float), self.C, lr, self.max_iter, self.tol)
        self.coef_ = w.reshape(1, -1)                                  # (1, D), as scikit-learn
        self.intercept_ = np.array([b])                                # (1,)
        self.n_iter_ = len(losses)
        return self
        ### END SOLUTION

    def decision_function(self, X):
        """X: (M, D) -> logits z: (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return X @ self.coef_[0] + self.intercept_[0]
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, 2), column k = P(classes_[k])."""
        ### BEGIN SOLUTION
        p = sigmoid(self.decision_function(X))                         # (M,)
        return np.column_stack([1.0 - p, p])
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        z = self.decision_function(X)                                  # (M,); checks fitted first
        return self.classes_[(z > 0).astype(int)]
        ### END SOLUTION
''',
        "coef_flat_vector": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class LogisticRegressionScratch(ClassifierMixin, BaseEstimator):
    """Binary L2-penalised logistic regression, trained by full-batch gradient descent."""

    def __init__(self, C: float = 1.0, lr="auto", max_iter: int = 1000, tol: float = 1e-4):
        self.C = C
        self.lr = lr
        self.max_iter = max_iter
        self.tol = tol

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False          # binary only
        return tags

    def fit(self, X, y):
        """X: (N, D), y: (N,) with exactly 2 distinct labels -> self (coef_: (1, D), intercept_: (1,))."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y01 = np.unique(y, return_inverse=True)        # (2,), (N,) in {0, 1}
        if len(self.classes_) != 2:
            raise ValueError(f"Only binary classification is supported. y must have exactly 2 classes, "
                             f"got {len(self.classes_)} class(es).")
        lr = lipschitz_step(X, self.C) if self.lr == "auto" else self.lr
        w, b, losses = fit_logistic_gd(X, y01.astype(float), self.C, lr, self.max_iter, self.tol)
        self.coef_ = w                                                 # (D,)
        self.intercept_ = np.array([b])                                # (1,)
        self.n_iter_ = len(losses)
        return self
        ### END SOLUTION

    def decision_function(self, X):
        """X: (M, D) -> logits z: (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return X @ self.coef_ + self.intercept_[0]
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, 2), column k = P(classes_[k])."""
        ### BEGIN SOLUTION
        p = sigmoid(self.decision_function(X))                         # (M,)
        return np.column_stack([1.0 - p, p])
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        z = self.decision_function(X)                                  # (M,); checks fitted first
        return self.classes_[(z > 0).astype(int)]
        ### END SOLUTION
''',
        "coef_transposed_column": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class LogisticRegressionScratch(ClassifierMixin, BaseEstimator):
    """Binary L2-penalised logistic regression, trained by full-batch gradient descent."""

    def __init__(self, C: float = 1.0, lr="auto", max_iter: int = 1000, tol: float = 1e-4):
        self.C = C
        self.lr = lr
        self.max_iter = max_iter
        self.tol = tol

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False          # binary only
        return tags

    def fit(self, X, y):
        """X: (N, D), y: (N,) with exactly 2 distinct labels -> self (coef_: (1, D), intercept_: (1,))."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y01 = np.unique(y, return_inverse=True)        # (2,), (N,) in {0, 1}
        if len(self.classes_) != 2:
            raise ValueError(f"Only binary classification is supported. y must have exactly 2 classes, "
                             f"got {len(self.classes_)} class(es).")
        lr = lipschitz_step(X, self.C) if self.lr == "auto" else self.lr
        w, b, losses = fit_logistic_gd(X, y01.astype(float), self.C, lr, self.max_iter, self.tol)
        self.coef_ = w.reshape(-1, 1)                                  # (D, 1)
        self.intercept_ = np.array([b])                                # (1,)
        self.n_iter_ = len(losses)
        return self
        ### END SOLUTION

    def decision_function(self, X):
        """X: (M, D) -> logits z: (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return (X @ self.coef_).ravel() + self.intercept_[0]
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, 2), column k = P(classes_[k])."""
        ### BEGIN SOLUTION
        p = sigmoid(self.decision_function(X))                         # (M,)
        return np.column_stack([1.0 - p, p])
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        z = self.decision_function(X)                                  # (M,); checks fitted first
        return self.classes_[(z > 0).astype(int)]
        ### END SOLUTION
''',
        "threshold_half_on_logit": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class LogisticRegressionScratch(ClassifierMixin, BaseEstimator):
    """Binary L2-penalised logistic regression, trained by full-batch gradient descent."""

    def __init__(self, C: float = 1.0, lr="auto", max_iter: int = 1000, tol: float = 1e-4):
        self.C = C
        self.lr = lr
        self.max_iter = max_iter
        self.tol = tol

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False          # binary only
        return tags

    def fit(self, X, y):
        """X: (N, D), y: (N,) with exactly 2 distinct labels -> self (coef_: (1, D), intercept_: (1,))."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y01 = np.unique(y, return_inverse=True)        # (2,), (N,) in {0, 1}
        if len(self.classes_) != 2:
            raise ValueError(f"Only binary classification is supported. y must have exactly 2 classes, "
                             f"got {len(self.classes_)} class(es).")
        lr = lipschitz_step(X, self.C) if self.lr == "auto" else self.lr
        w, b, losses = fit_logistic_gd(X, y01.astype(float), self.C, lr, self.max_iter, self.tol)
        self.coef_ = w.reshape(1, -1)                                  # (1, D), as scikit-learn
        self.intercept_ = np.array([b])                                # (1,)
        self.n_iter_ = len(losses)
        return self
        ### END SOLUTION

    def decision_function(self, X):
        """X: (M, D) -> logits z: (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return X @ self.coef_[0] + self.intercept_[0]
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, 2), column k = P(classes_[k])."""
        ### BEGIN SOLUTION
        p = sigmoid(self.decision_function(X))                         # (M,)
        return np.column_stack([1.0 - p, p])
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        z = self.decision_function(X)                                  # (M,); checks fitted first
        return self.classes_[(z > 0.5).astype(int)]
        ### END SOLUTION
''',
        "threshold_ge_zero": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class LogisticRegressionScratch(ClassifierMixin, BaseEstimator):
    """Binary L2-penalised logistic regression, trained by full-batch gradient descent."""

    def __init__(self, C: float = 1.0, lr="auto", max_iter: int = 1000, tol: float = 1e-4):
        self.C = C
        self.lr = lr
        self.max_iter = max_iter
        self.tol = tol

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False          # binary only
        return tags

    def fit(self, X, y):
        """X: (N, D), y: (N,) with exactly 2 distinct labels -> self (coef_: (1, D), intercept_: (1,))."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y01 = np.unique(y, return_inverse=True)        # (2,), (N,) in {0, 1}
        if len(self.classes_) != 2:
            raise ValueError(f"Only binary classification is supported. y must have exactly 2 classes, "
                             f"got {len(self.classes_)} class(es).")
        lr = lipschitz_step(X, self.C) if self.lr == "auto" else self.lr
        w, b, losses = fit_logistic_gd(X, y01.astype(float), self.C, lr, self.max_iter, self.tol)
        self.coef_ = w.reshape(1, -1)                                  # (1, D), as scikit-learn
        self.intercept_ = np.array([b])                                # (1,)
        self.n_iter_ = len(losses)
        return self
        ### END SOLUTION

    def decision_function(self, X):
        """X: (M, D) -> logits z: (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return X @ self.coef_[0] + self.intercept_[0]
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, 2), column k = P(classes_[k])."""
        ### BEGIN SOLUTION
        p = sigmoid(self.decision_function(X))                         # (M,)
        return np.column_stack([1.0 - p, p])
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        z = self.decision_function(X)                                  # (M,); checks fitted first
        return self.classes_[(z >= 0).astype(int)]
        ### END SOLUTION
''',
        "proba_columns_swapped": r'''
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data


class LogisticRegressionScratch(ClassifierMixin, BaseEstimator):
    """Binary L2-penalised logistic regression, trained by full-batch gradient descent."""

    def __init__(self, C: float = 1.0, lr="auto", max_iter: int = 1000, tol: float = 1e-4):
        self.C = C
        self.lr = lr
        self.max_iter = max_iter
        self.tol = tol

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False          # binary only
        return tags

    def fit(self, X, y):
        """X: (N, D), y: (N,) with exactly 2 distinct labels -> self (coef_: (1, D), intercept_: (1,))."""
        ### BEGIN SOLUTION
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y01 = np.unique(y, return_inverse=True)        # (2,), (N,) in {0, 1}
        if len(self.classes_) != 2:
            raise ValueError(f"Only binary classification is supported. y must have exactly 2 classes, "
                             f"got {len(self.classes_)} class(es).")
        lr = lipschitz_step(X, self.C) if self.lr == "auto" else self.lr
        w, b, losses = fit_logistic_gd(X, y01.astype(float), self.C, lr, self.max_iter, self.tol)
        self.coef_ = w.reshape(1, -1)                                  # (1, D), as scikit-learn
        self.intercept_ = np.array([b])                                # (1,)
        self.n_iter_ = len(losses)
        return self
        ### END SOLUTION

    def decision_function(self, X):
        """X: (M, D) -> logits z: (M,)."""
        ### BEGIN SOLUTION
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return X @ self.coef_[0] + self.intercept_[0]
        ### END SOLUTION

    def predict_proba(self, X):
        """X: (M, D) -> (M, 2), column k = P(classes_[k])."""
        ### BEGIN SOLUTION
        p = sigmoid(self.decision_function(X))                         # (M,)
        return np.column_stack([p, 1.0 - p])
        ### END SOLUTION

    def predict(self, X):
        """X: (M, D) -> labels (M,) from classes_."""
        ### BEGIN SOLUTION
        z = self.decision_function(X)                                  # (M,); checks fitted first
        return self.classes_[(z > 0).astype(int)]
        ### END SOLUTION
''',
    },
}
