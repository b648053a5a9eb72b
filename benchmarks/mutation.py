"""Mutation benchmark: how many small planted bugs in the core modules do the tests catch?

A mutant is the module with one small change (a `+` turned into `-`, `<` into `<=`, a constant
moved by one, two arguments swapped, a statement deleted, an early return...). The relevant test
files run against it (`pytest -x -q`, with a time limit); the mutant is *killed* when they fail
and *survives* when they pass. The share killed, per module, measures how much of the code the
tests really pin down. Surviving mutants are listed so that each can be judged: a missing test,
or an equivalent mutant (same behavior, e.g. `<` vs `<=` on values that are never equal);
the equivalent ones are recorded with the reason in `benchmarks/mutation_equivalent.md`.

Mutants are run in private copies of the package (one per worker, under a temporary directory),
never in the working tree, so other work in the checkout is not disturbed.

    .venv/bin/python benchmarks/mutation.py                      # every core module, 2 workers
    .venv/bin/python benchmarks/mutation.py linear/ridge nn/model --jobs 1
    .venv/bin/python benchmarks/mutation.py --list               # the mutants, without running
    .venv/bin/python benchmarks/mutation.py --sample 40          # 40 per module: an estimate

It is a benchmark, not a test: `make test` does not run it (about 31 minutes on 2 cores).
"""

import argparse
import ast
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# module (under helpers/) -> the test files that exercise it
CORE = {
    "linear/losses": ["test_losses", "test_ridge", "test_proximal"],
    "linear/ridge": ["test_ridge", "test_curvature", "test_ridge_path"],
    "linear/lasso": ["test_lasso", "test_lasso_path", "test_geometry"],
    "linear/proximal": ["test_proximal"],
    "selection/ridge_path": ["test_ridge_path"],
    "selection/lasso_path": ["test_lasso_path", "test_lasso"],
    "selection/cv": ["test_cv", "test_nested_cv"],
    "gradcheck": ["test_gradcheck", "test_gradcheck_sweep"],
    "nn/activations": ["test_activations", "test_nn_layers"],
    "nn/layers": ["test_nn_layers", "test_nn_model"],
    "nn/model": ["test_nn_model", "test_nn_training"],
    "nn/optimizers": ["test_nn_optimizers"],
    "nn/training": ["test_nn_training"],
}
TIMEOUT = 60  # seconds per mutant run; a mutant that hangs (an endless loop) counts as killed

# Surviving mutants judged equivalent (the same behavior, or a difference in speed or at round-off
# level only), each with its reason in benchmarks/mutation_equivalent.md. A mutant is named by its
# module, the text of its line (stripped, so that it survives edits elsewhere in the file) and the
# mutation. The score is reported both ways: killed / all, and killed / (all - equivalent), the
# usual mutation score. Only surviving mutants are looked up here: a killed one always counts.
EQUIVALENT = [
    ("linear/losses", "return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)",
     "swap the first two arguments"),
    ("linear/lasso", "new = np.sign(z) * max(abs(z) - l1, 0.0)", "swap the first two arguments"),
    ("linear/lasso", "biggest_change = 0.0", "0.0 -> 0.0 - 1"),
    ("linear/lasso", "biggest_change = max(biggest_change, abs(new - old))",
     "swap the first two arguments"),
    ("linear/lasso", "if biggest_change <= tol * max(1.0, np.max(np.abs(w))):", "LtE -> Lt"),
    ("linear/lasso", "if biggest_change <= tol * max(1.0, np.max(np.abs(w))):",
     "swap the first two arguments"),
    ("linear/ridge", "return np.where(s > rank_cutoff(s, shape), s, 0.0)", "Gt -> GtE"),
    ("linear/ridge", "return np.where(s > rank_cutoff(s, shape), s, 0.0)",
     "swap the first two arguments"),
    ("linear/ridge", "keep = s > rank_cutoff(s, X.shape)", "swap the first two arguments"),
    ("linear/ridge", "if not np.isfinite(loss) or loss > losses[0] * (1 + 1e-9) + 1e-12:",
     "Gt -> GtE"),
    ("linear/ridge", "if not converged and len(losses) > 1 and losses[-1] > losses[-2]",
     "Gt -> GtE"),
    ("linear/ridge", "if not converged and len(losses) > 1 and losses[-1] > losses[-2]",
     "1 -> 1 + 1", 35),
    ("linear/ridge", "if not converged and len(losses) > 1 and losses[-1] > losses[-2]",
     "1 -> 1 - 1", 35),
    ("linear/ridge", 'relation = "exceeds" if lr > bound else "is close to"', "Gt -> GtE"),
    ("selection/ridge_path", "keep = s > rank_cutoff(s, X.shape)", "swap the first two arguments"),
    ("selection/cv", "GRAM_ABOVE = 64", "64 -> 64 - 1"),
    ("selection/cv", "GRAM_ABOVE = 64", "64 -> 64 + 1"),
    ("selection/cv", "s = _kept(np.sqrt(np.maximum(s2, 0.0))", "swap the first two arguments"),
    ("selection/cv", "coef = np.where(s > 0, z / (s**2 + lams[:, None]), 0.0)", "0 -> 0 - 1"),
    ("selection/cv", "coef = np.where(s > 0, z / (s**2 + lams[:, None]), 0.0)", "0.0 -> 0.0 + 1"),
    ("selection/cv", "if Xc.shape[0] >= Xc.shape[1]:", "GtE -> Gt"),
    ("selection/cv", "coef = np.where(s > 0, z / (s**2 + lams[:, None]), 0.0)", "Gt -> GtE"),
    ("selection/cv", "coef = np.where(s > 0, z / (s**2 + lams[:, None]), 0.0)", "0.0 -> 0.0 - 1"),
    ("selection/cv", "if min(Xc.shape) < GRAM_ABOVE:", "delete the If statement"),
    ("selection/cv", "if min(Xc.shape) < GRAM_ABOVE:", "Lt -> LtE"),
    ("selection/cv", "return y_mean + (Xc_new @ Vt.T) @ coef.T", "delete the Return statement"),
    ("selection/cv", "s = _kept(s, Xc.shape)", "delete the Assign statement"),
    ("selection/ridge_path", "slack0 = np.maximum(1.0 - 1.0 / m - np.sum(U**2, axis=1), 0.0)",
     "swap the first two arguments"),
    ("selection/ridge_path", "slack0 = np.maximum(1.0 - 1.0 / m - np.sum(U**2, axis=1), 0.0)",
     "0.0 -> 0.0 - 1"),
    ("nn/model", 'scheme = as_choice(scheme, "scheme", tuple(INIT_SCHEMES))',
     "delete the Assign statement"),
    ("nn/model", "return H[:, 0]", "0 -> 0 - 1"),
    ("nn/model", "return 0.0", "delete the Return statement"),
    ("gradcheck", "scale = max(np.linalg.norm(a), np.linalg.norm(b), floor)",
     "swap the first two arguments"),
    ("gradcheck", "flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)", "1 -> 1 + 1"),
    ("nn/activations", '"relu": (lambda z: np.maximum(z, 0.0)', "swap the first two arguments"),
    ("nn/layers", "self._H = None", "delete the Assign statement"),
    ("nn/layers", "self._Z = None", "delete the Assign statement"),
    ("nn/layers", "self._mask = None", "delete the Assign statement", 0),
    ("nn/layers", "self._mask = (as_rng(rng).random(H.shape) < self.keep) / self.keep",
     "Lt -> LtE"),
    ("nn/model", "if lam == 0.0:", "delete the If statement"),
    ("nn/model", "if lam == 0.0:", "0.0 -> 0.0 - 1"),
    ("nn/optimizers", "if self.momentum == 0.0:", "delete the If statement"),
    ("nn/optimizers", "if self.momentum == 0.0:", "0.0 -> 0.0 - 1"),
    ("nn/optimizers", "if self.momentum == 0.0:", "0.0 -> 0.0 + 1"),
    ("nn/optimizers", "return self.lr * grad", "delete the Return statement"),
    ("nn/training", "DIVERGENCE_FACTOR = 1e4", "10000.0 -> 10000.0 + 1"),
    ("nn/training", "DIVERGENCE_FACTOR = 1e4", "10000.0 -> 10000.0 - 1"),
    ("nn/training", "if train_mse > DIVERGENCE_FACTOR * start_mse:", "Gt -> GtE"),
    ("nn/training", "start_mse = max(_evaluate(model, X, y, None, None, None)[0]",
     "swap the first two arguments"),
    ("nn/training", "start_mse = max(_evaluate(model, X, y, None, None, None)[0]",
     "1e-12 -> 1e-12 - 1"),
    ("nn/training", "X, y, _, _ = model._check_Xy(X, y, 0.0, None)", "0.0 -> 0.0 + 1"),
    ("nn/training", "return self.train_mse.shape[0]", "0 -> 0 - 1"),
]

SWAP_BINOP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
              ast.FloorDiv: ast.Div, ast.Pow: ast.Mult, ast.MatMult: ast.Mult}
SWAP_CMP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
            ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
            ast.In: ast.NotIn, ast.NotIn: ast.In}
SWAP_BOOL = {ast.And: ast.Or, ast.Or: ast.And}


# ----- finding mutation sites ---------------------------------------------------------------
def _skipped_lines(tree):
    """Lines of docstrings, `raise` statements, f-strings and `__all__`: text, not behavior."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__"
                                                for t in node.targets):
            lines.update(range(node.lineno, node.end_lineno + 1))
        if isinstance(node, (ast.Raise, ast.JoinedStr)):
            lines.update(range(node.lineno, node.end_lineno + 1))
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                lines.update(range(first.lineno, first.end_lineno + 1))
    return lines


def _sites(tree):
    """Every (node index in ast.walk order, kind, description) that can be mutated."""
    skip = _skipped_lines(tree)
    sites = []
    for i, node in enumerate(ast.walk(tree)):
        line = getattr(node, "lineno", None)
        if line is None or line in skip:
            continue
        if isinstance(node, ast.BinOp) and type(node.op) in SWAP_BINOP:
            sites.append((i, "binop", f"{type(node.op).__name__} -> "
                                      f"{SWAP_BINOP[type(node.op)].__name__}"))
        elif isinstance(node, ast.AugAssign) and type(node.op) in SWAP_BINOP:
            sites.append((i, "augop", f"{type(node.op).__name__}= -> "
                                      f"{SWAP_BINOP[type(node.op)].__name__}="))
        elif isinstance(node, ast.Compare) and type(node.ops[0]) in SWAP_CMP:
            sites.append((i, "cmp", f"{type(node.ops[0]).__name__} -> "
                                    f"{SWAP_CMP[type(node.ops[0])].__name__}"))
        elif isinstance(node, ast.BoolOp):
            sites.append((i, "boolop", f"{type(node.op).__name__} -> "
                                       f"{SWAP_BOOL[type(node.op)].__name__}"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not)):
            sites.append((i, "unary", f"drop {type(node.op).__name__}"))
        elif (isinstance(node, ast.Constant) and type(node.value) in (int, float)
              and not isinstance(node.value, bool)):
            sites.append((i, "const+", f"{node.value!r} -> {node.value!r} + 1"))
            sites.append((i, "const-", f"{node.value!r} -> {node.value!r} - 1"))
        elif isinstance(node, ast.Call) and len(node.args) >= 2 \
                and not any(isinstance(a, ast.Starred) for a in node.args[:2]):
            sites.append((i, "swapargs", "swap the first two arguments"))
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Expr, ast.Return, ast.If,
                               ast.For)) and not _is_docstring(node):
            sites.append((i, "delete", f"delete the {type(node).__name__} statement"))
        if isinstance(node, ast.FunctionDef) and len(node.body) > 1 \
                and not node.name.startswith("__"):
            sites.append((i, "return", f"return None at the top of {node.name}()"))
    return sites


def _is_docstring(node):
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def _mutate(tree, index, kind):
    """A deep copy of tree with the site (index, kind) mutated."""
    tree = copy.deepcopy(tree)
    node = list(ast.walk(tree))[index]
    if kind in ("binop", "augop"):
        node.op = SWAP_BINOP[type(node.op)]()
    elif kind == "cmp":
        node.ops[0] = SWAP_CMP[type(node.ops[0])]()
    elif kind == "boolop":
        node.op = SWAP_BOOL[type(node.op)]()
    elif kind == "unary":
        _replace(tree, node, node.operand)
    elif kind in ("const+", "const-"):
        node.value = node.value + (1 if kind == "const+" else -1)
    elif kind == "swapargs":
        node.args[0], node.args[1] = node.args[1], node.args[0]
    elif kind == "delete":
        _replace(tree, node, ast.Pass())
    elif kind == "return":
        node.body.insert(_after_docstring(node), ast.Return(value=None))
    return ast.fix_missing_locations(tree)


def _after_docstring(fn):
    return 1 if fn.body and _is_docstring(fn.body[0]) else 0


def _replace(tree, old, new):
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list) and any(v is old for v in value):
                value[[v is old for v in value].index(True)] = new
                return


# ----- running ------------------------------------------------------------------------------
def _workspace():
    """A private copy of what the tests need: the package, the tests, the pytest settings."""
    where = Path(tempfile.mkdtemp(prefix="mutation-"))
    shutil.copytree(ROOT / "helpers", where / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", where / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", where / "pyproject.toml")
    return where


PRELOAD = ("numpy", "scipy.linalg", "matplotlib", "matplotlib.pyplot", "sklearn.linear_model",
           "sklearn.model_selection", "sklearn.metrics", "sklearn.pipeline",
           "sklearn.preprocessing", "sklearn.utils.class_weight", "pytest", "ipywidgets")


def _worker(where, module, tests, indices):
    """One worker: import the heavy libraries once, then fork a fresh child per mutant.

    The child imports `helpers` from the workspace (the parent never does), runs pytest and
    exits with its status; forking skips the seconds that importing numpy, scikit-learn and
    matplotlib would cost every mutant. Prints one line "index outcome" per mutant.
    """
    os.chdir(where)
    sys.path.insert(0, where)
    sys.dont_write_bytecode = True
    os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MPLBACKEND="Agg")
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    source_path = Path(where) / "helpers" / f"{module}.py"
    tree = ast.parse(source_path.read_text())
    sites = {i: (index, kind) for i, (index, kind, _) in enumerate(_sites(tree))}
    files = [f"tests/{t}.py" for t in tests]
    for i in indices:
        mutant = tree if i < 0 else _mutate(tree, *sites[i])
        source_path.write_text(ast.unparse(mutant))
        print(i, _fork_pytest(files), flush=True)
    source_path.write_text(ast.unparse(tree))


def _fork_pytest(files):
    pid = os.fork()
    if pid == 0:                                   # child
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        import pytest

        try:
            code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", *files])
        except BaseException:
            code = 1
        os._exit(int(code))
    deadline = time.monotonic() + TIMEOUT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return "passed" if os.waitstatus_to_exitcode(status) == 0 else "failed"
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.02)


def _chosen(sites, sample):
    """All sites, or `sample` of them evenly spread over the module (a quicker estimate)."""
    if sample is None or sample >= len(sites):
        return list(range(len(sites)))
    step = len(sites) / sample
    return sorted({int(k * step) for k in range(sample)})


def run_module(module, tests, jobs, sample=None):
    source_path = Path("helpers") / f"{module}.py"
    tree = ast.parse((ROOT / source_path).read_text())
    all_sites = _sites(tree)
    chosen = _chosen(all_sites, sample)
    spaces = [_workspace() for _ in range(jobs)]
    try:
        # the unparsed, unmutated module (index -1) must pass, or the figures mean nothing
        chunks = [[-1] + chosen[k::jobs] for k in range(jobs)]
        procs = [subprocess.Popen([sys.executable, __file__, "--worker", str(where), module,
                                   ",".join(tests), ",".join(map(str, chunk))],
                                  stdout=subprocess.PIPE, text=True)
                 for where, chunk in zip(spaces, chunks)]
        outcome = {}
        for proc in procs:
            for line in proc.stdout:                 # one line per mutant, as it finishes
                i, result = line.split()
                outcome.setdefault(int(i), []).append(result)
                print(f"  {module}: {len(outcome) - 1}/{len(chosen)} run", end="\r",
                      file=sys.stderr, flush=True)
            proc.wait()
    finally:
        for where in spaces:
            shutil.rmtree(where, ignore_errors=True)
    if any(r != "passed" for r in outcome.get(-1, ["missing"])):
        raise SystemExit(f"{module}: the tests fail on the unmutated module; fix that first")
    return tree, [(all_sites[i], outcome.get(i, ["missing"])[0]) for i in chosen]


def _is_equivalent(module, source, line, col, what):
    """Whether the mutant (module, line number, column, mutation) is on the EQUIVALENT list.

    An entry (module, line text, mutation) covers every such mutant on the line; an entry with
    a fourth item, the column, covers only the mutant at that column (for a line with two sites
    of the same kind, only one of which is equivalent)."""
    text = source[line - 1].strip() if isinstance(line, int) and line <= len(source) else ""
    indent = len(source[line - 1]) - len(source[line - 1].lstrip()) if text else 0
    return any(entry[0] == module and text.startswith(entry[1]) and entry[2] == what
               and (len(entry) == 3 or entry[3] == col - indent) for entry in EQUIVALENT)


def _line_of(tree, index):
    node = list(ast.walk(tree))[index]
    return getattr(node, "lineno", "?"), getattr(node, "col_offset", 0)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        where, module, tests, indices = argv[1:5]
        _worker(where, module, tests.split(","), [int(i) for i in indices.split(",")])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(CORE),
                        help="core modules, e.g. linear/ridge (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=None,
                        help="run only this many mutants per module, evenly spread (an estimate)")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in CORE]
    if unknown:
        parser.error(f"unknown module(s) {unknown}; choose from {list(CORE)}")
    summary = []
    for module in args.modules:
        if args.list:
            tree = ast.parse((ROOT / "helpers" / f"{module}.py").read_text())
            sites = _sites(tree)
            for i in _chosen(sites, args.sample):
                index, _kind, what = sites[i]
                line, col = _line_of(tree, index)
                print(f"{module}:{line}:{col}: {what}")
            continue
        start = time.perf_counter()
        tree, results = run_module(module, CORE[module], args.jobs, args.sample)
        killed = sum(outcome != "passed" for _, outcome in results)
        seconds = time.perf_counter() - start
        source = (ROOT / "helpers" / f"{module}.py").read_text().splitlines()
        equivalent = 0
        for (index, _kind, what), outcome in results:
            if outcome == "passed":
                line, col = _line_of(tree, index)
                judged = _is_equivalent(module, source, line, col, what)
                equivalent += judged
                print(f"  survived  helpers/{module}.py:{line}:{col}: {what}"
                      f"{'  (judged equivalent)' if judged else ''}", flush=True)
        summary.append((module, killed, len(results), equivalent, seconds))
        print(f"\n{module}: {killed}/{len(results)} killed "
              f"({100 * killed / max(len(results), 1):.1f} %), {equivalent} survivor(s) judged "
              f"equivalent, in {seconds:.0f} s", flush=True)
    if summary:
        print("\nmodule                  killed   total  equiv.   share  score (excl. equivalent)")
        for module, killed, total, equivalent, _seconds in summary:
            share = 100 * killed / max(total, 1)
            score = 100 * killed / max(total - equivalent, 1)
            print(f"{module:22s} {killed:7d} {total:7d} {equivalent:7d} {share:6.1f} %"
                  f" {score:6.1f} %")


if __name__ == "__main__":
    main()
