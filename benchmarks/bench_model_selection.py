"""Benchmark: choosing lam with `helpers` vs scikit-learn, in one run on the same data.

Run from the repository root:

    .venv/bin/python benchmarks/bench_model_selection.py

1. Leave-one-out: `loo_cv_ridge` (one SVD, every lam at once) vs `RidgeCV(alphas=lams)`.
2. 5-fold CV: `cross_val_curve` (one SVD per fold) vs `GridSearchCV(Ridge(), cv=<the same
   folds>, scoring="neg_mean_squared_error")`, which refits Ridge for every (fold, lam) pair;
   once on X as it is, once with standardization fitted inside each training fold
   (vs a StandardScaler + Ridge pipeline).

Each pair must choose the same lam and give the same curve (largest relative gap below
MAX_CURVE_GAP); the script stops with an error otherwise. Every timing, ours and
scikit-learn's alike, is the best of REPEATS calls (wall clock, one process, one BLAS thread).
Targets (issue 5): at least 2x faster than RidgeCV, at least 30x faster than the grid search;
each line ends with PASS or FAIL against its target.
"""

import os

# One BLAS thread: the comparison is between algorithms, not thread pools (set before numpy loads).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.linear_model import Ridge, RidgeCV  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from helpers import cross_val_curve, kfold_indices, loo_cv_ridge  # noqa: E402

M, N, N_LAMS, N_FOLDS = 2000, 200, 100, 5
REPEATS = 3            # best of 3 for every timing
MAX_CURVE_GAP = 1e-6   # largest relative difference allowed between the two error curves
TARGET_LOO, TARGET_KFOLD = 2.0, 30.0


def best_time(fn, repeats):
    """The smallest wall-clock time of `repeats` calls, and the last result."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def make_problem(rng):
    X = rng.standard_normal((M, N)) * np.linspace(0.5, 2.0, N) + 1.0
    y = X @ rng.standard_normal(N) + 3.0 + 10.0 * rng.standard_normal(M)
    return X, y


def compare(name, ours, theirs, lam_ours, lam_theirs, curve_ours, curve_theirs, target):
    """Stop unless both choose the same lam and give the same curve; print times and verdict."""
    if lam_ours != lam_theirs:
        raise SystemExit(f"{name}: different choices, {lam_ours:.6g} vs {lam_theirs:.6g}")
    gap = float(np.max(np.abs(curve_ours - curve_theirs) / np.abs(curve_theirs)))
    if not gap < MAX_CURVE_GAP:
        raise SystemExit(f"{name}: the error curves differ, max relative gap {gap:.1e} "
                         f"(allowed {MAX_CURVE_GAP:.0e})")
    ratio = theirs / ours
    verdict = "PASS" if ratio >= target else "FAIL"
    print(f"{name:<50} helpers {ours * 1e3:8.1f} ms   scikit-learn {theirs * 1e3:8.1f} ms   "
          f"speed-up {ratio:6.1f}x (target >= {target:g}x: {verdict})   same lam = "
          f"{lam_ours:.4g}, max rel. curve gap {gap:.1e}")
    return verdict == "PASS"


def main():
    rng = np.random.default_rng(0)
    X, y = make_problem(rng)
    lams = np.logspace(-1, 4, N_LAMS)
    folds = kfold_indices(M, N_FOLDS, rng)
    cv = [(np.setdiff1d(np.arange(M), f), f) for f in folds]
    print(f"m = {M}, n = {N}, {N_LAMS} values of lam, {N_FOLDS} folds, best of {REPEATS} "
          f"for every timing\n")

    t_ours, loo = best_time(lambda: loo_cv_ridge(X, y, lams), REPEATS)
    t_sk, ref = best_time(lambda: RidgeCV(alphas=lams, store_cv_results=True).fit(X, y), REPEATS)
    passed = [compare("LOO: loo_cv_ridge vs RidgeCV", t_ours, t_sk, lams[np.argmin(loo)],
                      ref.alpha_, loo, ref.cv_results_.mean(axis=0), TARGET_LOO)]
    for standardize in (False, True):
        passed.append(kfold_vs_grid_search(X, y, lams, folds, cv, standardize))
    print(f"\n{sum(passed)} of {len(passed)} speed targets met")


def kfold_vs_grid_search(X, y, lams, folds, cv, standardize):
    estimator = make_pipeline(StandardScaler(), Ridge()) if standardize else Ridge()
    key = "ridge__alpha" if standardize else "alpha"
    t_ours, curve = best_time(lambda: cross_val_curve(
        X, y, lams, folds=folds, standardize=standardize), REPEATS)
    t_sk, search = best_time(lambda: GridSearchCV(
        estimator, {key: lams}, cv=cv, scoring="neg_mean_squared_error").fit(X, y), REPEATS)
    label = "5-fold: cross_val_curve vs GridSearchCV" + (" (+scaler)" if standardize else "")
    return compare(label, t_ours, t_sk, curve.lam_min, search.best_params_[key], curve.mean,
                   -search.cv_results_["mean_test_score"], TARGET_KFOLD)


if __name__ == "__main__":
    main()
