"""Plausible wrong answers for 04_linear_regression.ipynb; each must make a graded cell fail."""

RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    "add_intercept": {
        "ones_last": '''
def add_intercept(X):
    return np.hstack([X, np.ones((X.shape[0], 1))])
''',
        "in_place_ones_column": '''
def add_intercept(X):
    X[:, 0] = 1.0
    return np.hstack([np.ones((X.shape[0], 1)), X[:, 1:], X[:, :1]])
''',
        "row_of_ones": '''
def add_intercept(X):
    return np.vstack([np.ones((1, X.shape[1])), X])
''',
    },
    "fit_least_squares": {
        "inverse_of_normal_equations": '''
def fit_least_squares(X, y):
    A = add_intercept(X)
    theta = np.linalg.inv(A.T @ A) @ A.T @ y
    return theta[1:], float(theta[0])
''',
        "no_intercept": '''
def fit_least_squares(X, y):
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w, 0.0
''',
        "intercept_kept_in_w": '''
def fit_least_squares(X, y):
    theta, *_ = np.linalg.lstsq(add_intercept(X), y, rcond=None)
    return theta[:-1], float(theta[-1])
''',
    },
    "mse_gradient": {
        "sum_not_mean": '''
def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))

def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    return 2.0 * (X.T @ r), float(2.0 * r.sum())
''',
        "missing_factor_two": '''
def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))

def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    n = X.shape[0]
    return (X.T @ r) / n, float(r.sum() / n)
''',
        "residual_sign_flipped": '''
def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))

def mse_gradient(X, y, w, b):
    r = y - (X @ w + b)
    n = X.shape[0]
    return 2.0 / n * (X.T @ r), float(2.0 / n * r.sum())
''',
        "mse_sums": '''
def mse(y_hat, y):
    return float(np.sum((y_hat - y) ** 2))

def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    n = X.shape[0]
    return 2.0 / n * (X.T @ r), float(2.0 / n * r.sum())
''',
    },
    "fit_gradient_descent": {
        "extra_loss_after_loop": '''
def fit_gradient_descent(X, y, lr, num_epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = [mse(X @ w + b, y)]
    for _ in range(num_epochs):
        grad_w, grad_b = mse_gradient(X, y, w, b)
        w, b = w - lr * grad_w, b - lr * grad_b
        losses.append(mse(X @ w + b, y))
    return w, float(b), losses
''',
        "bias_never_updated": '''
def fit_gradient_descent(X, y, lr, num_epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(num_epochs):
        losses.append(mse(X @ w + b, y))
        grad_w, grad_b = mse_gradient(X, y, w, b)
        w = w - lr * grad_w
    return w, float(b), losses
''',
        "loss_after_update": '''
def fit_gradient_descent(X, y, lr, num_epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(num_epochs):
        grad_w, grad_b = mse_gradient(X, y, w, b)
        w, b = w - lr * grad_w, b - lr * grad_b
        losses.append(mse(X @ w + b, y))
    return w, float(b), losses
''',
        "sequential_update_uses_new_w": '''
def fit_gradient_descent(X, y, lr, num_epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(num_epochs):
        losses.append(mse(X @ w + b, y))
        grad_w, _ = mse_gradient(X, y, w, b)
        w = w - lr * grad_w
        _, grad_b = mse_gradient(X, y, w, b)
        b = b - lr * grad_b
    return w, float(b), losses
''',
    },
    "fit_ridge": {
        "penalises_intercept": '''
def fit_ridge(X, y, alpha):
    A = add_intercept(X)
    theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
    return theta[1:], float(theta[0])
''',
        "alpha_divided_by_n": '''
def fit_ridge(X, y, alpha):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + alpha / X.shape[0] * np.eye(X.shape[1]), Xc.T @ yc)
    return w, float(y_mean - x_mean @ w)
''',
        "not_centred": '''
def fit_ridge(X, y, alpha):
    w = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y)
    return w, float(y.mean() - X.mean(axis=0) @ w)
''',
        "means_over_wrong_axis": '''
def fit_ridge(X, y, alpha):
    x_mean, y_mean = X.mean(axis=1, keepdims=True), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return w, float(y_mean - X.mean(axis=0) @ w)
''',
    },
    "ridge_estimator": {
        "fit_returns_coefficients": '''
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

class RidgeRegression(RegressorMixin, BaseEstimator):
    def __init__(self, alpha=1.0):
        self.alpha = alpha
    def fit(self, X, y):
        X, y = validate_data(self, X, y, y_numeric=True)
        self.coef_, self.intercept_ = fit_ridge(X, y.astype(float), self.alpha)
        return self.coef_
    def predict(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return X @ self.coef_ + self.intercept_
''',
        "no_fitted_check": '''
from sklearn.base import BaseEstimator, RegressorMixin

class RidgeRegression(RegressorMixin, BaseEstimator):
    def __init__(self, alpha=1.0):
        self.alpha = alpha
        self.coef_, self.intercept_ = None, 0.0
    def fit(self, X, y):
        self.coef_, self.intercept_ = fit_ridge(np.asarray(X, float), np.asarray(y, float), self.alpha)
        return self
    def predict(self, X):
        return np.asarray(X) @ (self.coef_ if self.coef_ is not None else np.zeros(np.shape(X)[1])) + self.intercept_
''',
        "no_input_validation": '''
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted

class RidgeRegression(RegressorMixin, BaseEstimator):
    def __init__(self, alpha=1.0):
        self.alpha = alpha
    def fit(self, X, y):
        self.coef_, self.intercept_ = fit_ridge(np.asarray(X), np.asarray(y), self.alpha)
        return self
    def predict(self, X):
        check_is_fitted(self)
        return np.asarray(X) @ self.coef_ + self.intercept_
''',
    },
}
