"""Plausible wrong answers for 03_probability.ipynb; each must make a graded cell fail."""
RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    'sample_exponential': {
        'multiplies_by_rate': '''
def sample_exponential(rate: float, size, rng: np.random.Generator) -> np.ndarray:
    """Exponential(rate) draws by inverse-transform sampling: x = -ln(1 - u) / rate with u ~ U[0, 1).
    rate > 0, size: int or shape tuple -> array of that shape, every entry >= 0, mean 1 / rate."""
    ### BEGIN SOLUTION
    u = rng.random(size)               # (size,) uniform on [0, 1)
    return -np.log1p(-u) * rate        # log1p(-u) = ln(1 - u); finite because u < 1
    ### END SOLUTION
''',
        'numpy_exponential_takes_scale': '''
def sample_exponential(rate: float, size, rng: np.random.Generator) -> np.ndarray:
    """Exponential(rate) draws by inverse-transform sampling: x = -ln(1 - u) / rate with u ~ U[0, 1).
    rate > 0, size: int or shape tuple -> array of that shape, every entry >= 0, mean 1 / rate."""
    ### BEGIN SOLUTION
    return rng.exponential(rate, size)     # numpy's own sampler
    ### END SOLUTION
''',
        'missing_minus_sign': '''
def sample_exponential(rate: float, size, rng: np.random.Generator) -> np.ndarray:
    """Exponential(rate) draws by inverse-transform sampling: x = -ln(1 - u) / rate with u ~ U[0, 1).
    rate > 0, size: int or shape tuple -> array of that shape, every entry >= 0, mean 1 / rate."""
    ### BEGIN SOLUTION
    u = rng.random(size)               # (size,) uniform on [0, 1)
    return np.log1p(-u) / rate        # log1p(-u) = ln(1 - u); finite because u < 1
    ### END SOLUTION
''',
    },
    'sample_mean_var': {
        'ddof0_variance': '''
def sample_mean_var(x: np.ndarray) -> tuple[float, float, float]:
    """Sample mean, unbiased variance s^2 = sum (x - mean)^2 / (N - 1), standard error sqrt(s^2 / N).
    x: (N,), N >= 2 -> (mean, var, sem) as floats."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    mean = float(np.mean(x))
    var = float(np.sum((x - mean) ** 2) / n)
    return mean, var, float(np.sqrt(var / n))
    ### END SOLUTION
''',
        'sem_from_ddof0_std': '''
def sample_mean_var(x: np.ndarray) -> tuple[float, float, float]:
    """Sample mean, unbiased variance s^2 = sum (x - mean)^2 / (N - 1), standard error sqrt(s^2 / N).
    x: (N,), N >= 2 -> (mean, var, sem) as floats."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    mean = float(np.mean(x))
    var = float(np.sum((x - mean) ** 2) / (n - 1))
    return mean, var, float(np.std(x) / np.sqrt(n))
    ### END SOLUTION
''',
        'sem_divides_by_n': '''
def sample_mean_var(x: np.ndarray) -> tuple[float, float, float]:
    """Sample mean, unbiased variance s^2 = sum (x - mean)^2 / (N - 1), standard error sqrt(s^2 / N).
    x: (N,), N >= 2 -> (mean, var, sem) as floats."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    mean = float(np.mean(x))
    var = float(np.sum((x - mean) ** 2) / (n - 1))
    return mean, var, float(np.sqrt(var) / n)
    ### END SOLUTION
''',
    },
    'bayes': {
        'unnormalised_posterior': '''
def bayes_posterior(prior: np.ndarray, likelihood: np.ndarray) -> np.ndarray:
    """Posterior over K hypotheses: prior * likelihood, renormalised to sum to 1.
    prior: (K,) sums to 1, likelihood: (K,) with entries p(data | h_k) -> (K,) sums to 1."""
    ### BEGIN SOLUTION
    joint = prior * likelihood                 # (K,) p(data, h_k)
    return joint                 # divide by p(data)
    ### END SOLUTION


def diagnostic_posterior(prevalence: float, sensitivity: float, specificity: float) -> float:
    """P(disease | positive test) with P(disease) = prevalence, P(+ | disease) = sensitivity,
    P(- | healthy) = specificity. Hypotheses ordered (healthy, disease)."""
    ### BEGIN SOLUTION
    prior = np.array([1 - prevalence, prevalence])
    likelihood_pos = np.array([1 - specificity, sensitivity])     # P(+ | healthy), P(+ | disease)
    return float(bayes_posterior(prior, likelihood_pos)[1])
    ### END SOLUTION
''',
        'normalised_by_likelihood_sum': '''
def bayes_posterior(prior: np.ndarray, likelihood: np.ndarray) -> np.ndarray:
    """Posterior over K hypotheses: prior * likelihood, renormalised to sum to 1.
    prior: (K,) sums to 1, likelihood: (K,) with entries p(data | h_k) -> (K,) sums to 1."""
    ### BEGIN SOLUTION
    joint = prior * likelihood                 # (K,) p(data, h_k)
    return joint / likelihood.sum()                 # divide by p(data)
    ### END SOLUTION


def diagnostic_posterior(prevalence: float, sensitivity: float, specificity: float) -> float:
    """P(disease | positive test) with P(disease) = prevalence, P(+ | disease) = sensitivity,
    P(- | healthy) = specificity. Hypotheses ordered (healthy, disease)."""
    ### BEGIN SOLUTION
    prior = np.array([1 - prevalence, prevalence])
    likelihood_pos = np.array([1 - specificity, sensitivity])     # P(+ | healthy), P(+ | disease)
    return float(bayes_posterior(prior, likelihood_pos)[1])
    ### END SOLUTION
''',
        'specificity_as_false_positive_rate': '''
def bayes_posterior(prior: np.ndarray, likelihood: np.ndarray) -> np.ndarray:
    """Posterior over K hypotheses: prior * likelihood, renormalised to sum to 1.
    prior: (K,) sums to 1, likelihood: (K,) with entries p(data | h_k) -> (K,) sums to 1."""
    ### BEGIN SOLUTION
    joint = prior * likelihood                 # (K,) p(data, h_k)
    return joint / joint.sum()                 # divide by p(data)
    ### END SOLUTION


def diagnostic_posterior(prevalence: float, sensitivity: float, specificity: float) -> float:
    """P(disease | positive test) with P(disease) = prevalence, P(+ | disease) = sensitivity,
    P(- | healthy) = specificity. Hypotheses ordered (healthy, disease)."""
    ### BEGIN SOLUTION
    prior = np.array([1 - prevalence, prevalence])
    likelihood_pos = np.array([specificity, sensitivity])     # P(+ | healthy), P(+ | disease)
    return float(bayes_posterior(prior, likelihood_pos)[1])
    ### END SOLUTION
''',
    },
    'gaussian_mle': {
        'mle_variance_ddof1': '''
def gaussian_log_likelihood(x: np.ndarray, mu: float, sigma2: float) -> float:
    """sum_i log N(x_i | mu, sigma2) = -N/2 log(2 pi sigma2) - sum_i (x_i - mu)^2 / (2 sigma2).
    x: (N,), sigma2 > 0 is the variance -> float."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    return float(-0.5 * n * np.log(2 * np.pi * sigma2) - np.sum((x - mu) ** 2) / (2 * sigma2))
    ### END SOLUTION


def gaussian_mle(x: np.ndarray) -> tuple[float, float]:
    """Maximum-likelihood (mu_hat, sigma2_hat) = (mean, sum (x - mean)^2 / N). x: (N,) -> two floats."""
    ### BEGIN SOLUTION
    mu = float(np.mean(x))
    return mu, float(np.var(x, ddof=1))
    ### END SOLUTION
''',
        'log_likelihood_mean_not_sum': '''
def gaussian_log_likelihood(x: np.ndarray, mu: float, sigma2: float) -> float:
    """sum_i log N(x_i | mu, sigma2) = -N/2 log(2 pi sigma2) - sum_i (x_i - mu)^2 / (2 sigma2).
    x: (N,), sigma2 > 0 is the variance -> float."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    return float(np.mean(-0.5 * np.log(2 * np.pi * sigma2) - (x - mu) ** 2 / (2 * sigma2)))
    ### END SOLUTION


def gaussian_mle(x: np.ndarray) -> tuple[float, float]:
    """Maximum-likelihood (mu_hat, sigma2_hat) = (mean, sum (x - mean)^2 / N). x: (N,) -> two floats."""
    ### BEGIN SOLUTION
    mu = float(np.mean(x))
    return mu, float(np.mean((x - mu) ** 2))
    ### END SOLUTION
''',
        'log_likelihood_drops_2pi': '''
def gaussian_log_likelihood(x: np.ndarray, mu: float, sigma2: float) -> float:
    """sum_i log N(x_i | mu, sigma2) = -N/2 log(2 pi sigma2) - sum_i (x_i - mu)^2 / (2 sigma2).
    x: (N,), sigma2 > 0 is the variance -> float."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    return float(-0.5 * n * np.log(sigma2) - np.sum((x - mu) ** 2) / (2 * sigma2))
    ### END SOLUTION


def gaussian_mle(x: np.ndarray) -> tuple[float, float]:
    """Maximum-likelihood (mu_hat, sigma2_hat) = (mean, sum (x - mean)^2 / N). x: (N,) -> two floats."""
    ### BEGIN SOLUTION
    mu = float(np.mean(x))
    return mu, float(np.mean((x - mu) ** 2))
    ### END SOLUTION
''',
    },
    'count_mle': {
        'mean_of_ratios': '''
def bernoulli_mle(x: np.ndarray) -> float:
    """MLE of p for 0/1 outcomes. x: (N,) of 0/1 (or bool) -> fraction of ones."""
    ### BEGIN SOLUTION
    return float(np.mean(x))
    ### END SOLUTION


def poisson_rate_mle(counts: np.ndarray, exposure: np.ndarray) -> float:
    """MLE of the rate for counts_i ~ Poisson(rate * exposure_i). counts, exposure: (N,) -> float."""
    ### BEGIN SOLUTION
    return float(np.mean(counts / exposure))
    ### END SOLUTION
''',
        'bernoulli_count_not_fraction': '''
def bernoulli_mle(x: np.ndarray) -> float:
    """MLE of p for 0/1 outcomes. x: (N,) of 0/1 (or bool) -> fraction of ones."""
    ### BEGIN SOLUTION
    return float(np.sum(x))
    ### END SOLUTION


def poisson_rate_mle(counts: np.ndarray, exposure: np.ndarray) -> float:
    """MLE of the rate for counts_i ~ Poisson(rate * exposure_i). counts, exposure: (N,) -> float."""
    ### BEGIN SOLUTION
    return float(np.sum(counts) / np.sum(exposure))
    ### END SOLUTION
''',
        'ignores_exposure': '''
def bernoulli_mle(x: np.ndarray) -> float:
    """MLE of p for 0/1 outcomes. x: (N,) of 0/1 (or bool) -> fraction of ones."""
    ### BEGIN SOLUTION
    return float(np.mean(x))
    ### END SOLUTION


def poisson_rate_mle(counts: np.ndarray, exposure: np.ndarray) -> float:
    """MLE of the rate for counts_i ~ Poisson(rate * exposure_i). counts, exposure: (N,) -> float."""
    ### BEGIN SOLUTION
    return float(np.mean(counts))
    ### END SOLUTION
''',
    },
    'standardised_means': {
        'mean_over_axis0': '''
def standardised_means(draws: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    """z_r = (mean of row r - mu) / (sigma / sqrt(n)). draws: (n_trials, n) -> (n_trials,)."""
    ### BEGIN SOLUTION
    n = draws.shape[1]
    return (draws.mean(axis=0) - mu) / (sigma / np.sqrt(n))     # (n_trials,)
    ### END SOLUTION
''',
        'n_from_wrong_axis': '''
def standardised_means(draws: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    """z_r = (mean of row r - mu) / (sigma / sqrt(n)). draws: (n_trials, n) -> (n_trials,)."""
    ### BEGIN SOLUTION
    n = draws.shape[0]
    return (draws.mean(axis=1) - mu) / (sigma / np.sqrt(n))     # (n_trials,)
    ### END SOLUTION
''',
        'forgot_sqrt': '''
def standardised_means(draws: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    """z_r = (mean of row r - mu) / (sigma / sqrt(n)). draws: (n_trials, n) -> (n_trials,)."""
    ### BEGIN SOLUTION
    n = draws.shape[1]
    return (draws.mean(axis=1) - mu) / (sigma / n)     # (n_trials,)
    ### END SOLUTION
''',
    },
    't_confidence_interval': {
        'z_critical_value': '''
def t_confidence_interval(x: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    """Two-sided t-interval for the mean: mean -/+ t_{(1 + confidence)/2, N-1} * s / sqrt(N), s with ddof=1.
    x: (N,), N >= 2 -> (low, high)."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    mean, _, sem = sample_mean_var(x)
    t_crit = stats.norm.ppf((1 + confidence) / 2)     # e.g. q = 0.975 for 95 %
    return float(mean - t_crit * sem), float(mean + t_crit * sem)
    ### END SOLUTION
''',
        'one_sided_quantile': '''
def t_confidence_interval(x: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    """Two-sided t-interval for the mean: mean -/+ t_{(1 + confidence)/2, N-1} * s / sqrt(N), s with ddof=1.
    x: (N,), N >= 2 -> (low, high)."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    mean, _, sem = sample_mean_var(x)
    t_crit = stats.t.ppf(confidence, df=n - 1)     # e.g. q = 0.975 for 95 %
    return float(mean - t_crit * sem), float(mean + t_crit * sem)
    ### END SOLUTION
''',
        'ddof0_standard_error': '''
def t_confidence_interval(x: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    """Two-sided t-interval for the mean: mean -/+ t_{(1 + confidence)/2, N-1} * s / sqrt(N), s with ddof=1.
    x: (N,), N >= 2 -> (low, high)."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    mean, sem = float(np.mean(x)), float(np.std(x) / np.sqrt(n))
    t_crit = stats.t.ppf((1 + confidence) / 2, df=n - 1)     # e.g. q = 0.975 for 95 %
    return float(mean - t_crit * sem), float(mean + t_crit * sem)
    ### END SOLUTION
''',
        'df_n_not_n_minus_1': '''
def t_confidence_interval(x: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    """Two-sided t-interval for the mean: mean -/+ t_{(1 + confidence)/2, N-1} * s / sqrt(N), s with ddof=1.
    x: (N,), N >= 2 -> (low, high)."""
    ### BEGIN SOLUTION
    n = x.shape[0]
    mean, _, sem = sample_mean_var(x)
    t_crit = stats.t.ppf((1 + confidence) / 2, df=n)     # e.g. q = 0.975 for 95 %
    return float(mean - t_crit * sem), float(mean + t_crit * sem)
    ### END SOLUTION
''',
    },
    'welch_t_test': {
        'one_sided_p_value': '''
def welch_t_test(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Two-sided Welch t-test of H0: mean(a) == mean(b), unequal variances.
    a: (n_a,), b: (n_b,), each >= 2 -> (t statistic, Welch-Satterthwaite df, two-sided p-value)."""
    ### BEGIN SOLUTION
    n_a, n_b = a.shape[0], b.shape[0]
    va, vb = a.var(ddof=1) / n_a, b.var(ddof=1) / n_b           # squared standard errors
    t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (n_a - 1) + vb ** 2 / (n_b - 1))
    p = stats.t.sf(np.abs(t), df)
    return float(t), float(df), float(p)
    ### END SOLUTION
''',
        'one_minus_cdf_underflows': '''
def welch_t_test(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Two-sided Welch t-test of H0: mean(a) == mean(b), unequal variances.
    a: (n_a,), b: (n_b,), each >= 2 -> (t statistic, Welch-Satterthwaite df, two-sided p-value)."""
    ### BEGIN SOLUTION
    n_a, n_b = a.shape[0], b.shape[0]
    va, vb = a.var(ddof=1) / n_a, b.var(ddof=1) / n_b           # squared standard errors
    t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (n_a - 1) + vb ** 2 / (n_b - 1))
    p = 2 * (1 - stats.t.cdf(np.abs(t), df))
    return float(t), float(df), float(p)
    ### END SOLUTION
''',
        'pooled_df': '''
def welch_t_test(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Two-sided Welch t-test of H0: mean(a) == mean(b), unequal variances.
    a: (n_a,), b: (n_b,), each >= 2 -> (t statistic, Welch-Satterthwaite df, two-sided p-value)."""
    ### BEGIN SOLUTION
    n_a, n_b = a.shape[0], b.shape[0]
    va, vb = a.var(ddof=1) / n_a, b.var(ddof=1) / n_b           # squared standard errors
    t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    df = n_a + n_b - 2
    p = 2 * stats.t.sf(np.abs(t), df)
    return float(t), float(df), float(p)
    ### END SOLUTION
''',
        'ddof0_variances': '''
def welch_t_test(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Two-sided Welch t-test of H0: mean(a) == mean(b), unequal variances.
    a: (n_a,), b: (n_b,), each >= 2 -> (t statistic, Welch-Satterthwaite df, two-sided p-value)."""
    ### BEGIN SOLUTION
    n_a, n_b = a.shape[0], b.shape[0]
    va, vb = a.var() / n_a, b.var() / n_b           # squared standard errors
    t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (n_a - 1) + vb ** 2 / (n_b - 1))
    p = 2 * stats.t.sf(np.abs(t), df)
    return float(t), float(df), float(p)
    ### END SOLUTION
''',
        'normal_instead_of_t': '''
def welch_t_test(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Two-sided Welch t-test of H0: mean(a) == mean(b), unequal variances.
    a: (n_a,), b: (n_b,), each >= 2 -> (t statistic, Welch-Satterthwaite df, two-sided p-value)."""
    ### BEGIN SOLUTION
    n_a, n_b = a.shape[0], b.shape[0]
    va, vb = a.var(ddof=1) / n_a, b.var(ddof=1) / n_b           # squared standard errors
    t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (n_a - 1) + vb ** 2 / (n_b - 1))
    p = 2 * stats.norm.sf(np.abs(t))
    return float(t), float(df), float(p)
    ### END SOLUTION
''',
    },
    'two_proportion_z_test': {
        'unpooled_standard_error': '''
def two_proportion_z_test(successes_a: int, n_a: int, successes_b: int, n_b: int) -> tuple[float, float]:
    """Pooled two-proportion z-test of H0: p_a == p_b. -> (z, two-sided p-value)."""
    ### BEGIN SOLUTION
    p_a, p_b = successes_a / n_a, successes_b / n_b
    p_pool = (successes_a + successes_b) / (n_a + n_b)                  # the common rate under H0
    se = np.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    z = (p_a - p_b) / se
    return float(z), float(2 * stats.norm.sf(np.abs(z)))
    ### END SOLUTION
''',
        'one_sided_p_value': '''
def two_proportion_z_test(successes_a: int, n_a: int, successes_b: int, n_b: int) -> tuple[float, float]:
    """Pooled two-proportion z-test of H0: p_a == p_b. -> (z, two-sided p-value)."""
    ### BEGIN SOLUTION
    p_a, p_b = successes_a / n_a, successes_b / n_b
    p_pool = (successes_a + successes_b) / (n_a + n_b)                  # the common rate under H0
    se = np.sqrt(p_pool * (1 - p_pool) * (1 / n_a + 1 / n_b))
    z = (p_a - p_b) / se
    return float(z), float(stats.norm.sf(np.abs(z)))
    ### END SOLUTION
''',
        'one_minus_cdf_underflows': '''
def two_proportion_z_test(successes_a: int, n_a: int, successes_b: int, n_b: int) -> tuple[float, float]:
    """Pooled two-proportion z-test of H0: p_a == p_b. -> (z, two-sided p-value)."""
    ### BEGIN SOLUTION
    p_a, p_b = successes_a / n_a, successes_b / n_b
    p_pool = (successes_a + successes_b) / (n_a + n_b)                  # the common rate under H0
    se = np.sqrt(p_pool * (1 - p_pool) * (1 / n_a + 1 / n_b))
    z = (p_a - p_b) / se
    return float(z), float(2 * (1 - stats.norm.cdf(np.abs(z))))
    ### END SOLUTION
''',
    },
}
