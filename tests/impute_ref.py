#!/usr/bin/python3
"""Independent reference of washboard's missing-data options (docs/method.md section 1b).

usage: /usr/bin/python3 tests/impute_ref.py --content DIR [--impute svd|none] [--rank K]
           [--min-share S] [--reduced-score] [--min-coverage C] [--check REPORT.json]
       /usr/bin/python3 tests/impute_ref.py --content FULL --remove 0.1 --remove-seed 7
           --write-removed OUT
       /usr/bin/python3 tests/impute_ref.py --content REMOVED --recovery-report FULL
           [--min-recovery 0.95]
       /usr/bin/python3 tests/impute_ref.py --content DIR --self-test

It reads a native content directory with the loader of tests/uncertainty_ref.py (our own
reference of sections 1-5: orientation, cohorts, benchmarks) and computes, per cohort, what
`washboard analyze --format json --bootstrap 0 --impute svd ...` prints about imputation:
  capability.imputation {method, rank, min_share, n_eligible, n_imputed, iterations,
      converged, max_change, recover_rmse_z, recover_cells};
  capability.variance_explained, eigenvalues, matrix, loadings[] (of the completed block);
  models[]: capability_score, capability_rank, capability_score_basis,
      capability_benchmarks (reduced ones only);
  benchmarks[].models[]: every imputed cell as {model, value: null, imputed: true,
      imputed_value (the benchmark's own units and direction)}.
With --check it compares those with the report: numbers to 1e-6 (absolute or relative;
max_change to 1e-6 relative or 1e-10 absolute, since it is below 1e-6 when converged),
strings, booleans, counts and iteration numbers exactly; a key missing from the report is a
mismatch. It lists every mismatch (50 lines at most) and exits 1 on any.

--write-removed OUT copies the content to OUT with a share of its measured capability cells
removed at random: over all cohorts, the measured capability cells in cohort, model (by id),
benchmark (benchmarks.json) order; numpy.random.default_rng(SEED).choice(n, round(share n),
replace=False) picks the ones to drop. Both washboard and this file then read OUT.

--recovery-report FULL prints, per cohort, the Spearman correlation between the capabilities
scores of --content (with the options given, e.g. imputation) and the plain paper-mode scores
of FULL (tests/uncertainty_ref.py's method), over the models scored in both; exits 1 when one
is below --min-recovery.

--self-test: on content with no missing capability cell, imputation must be a no-op (no
imputed cell, and the scores, PC1 and matrix of tests/uncertainty_ref.py's plain method), and
the splitmix64 index draw must be the one of section 3.

The iteration is written literally from method.md 1b.3: the filled standardised matrix of the
eligible models, its column means m and population covariance C, numpy.linalg.eigh, the
eigenvectors of the K largest eigenvalues, every missing cell replaced by m_j + sum_t ((z_i -
m).V_t) V_tj from the current filled row; stop after the update whose largest change is
below 1e-6, at most 500 updates.

Where method.md 1b leaves a choice open, this file takes the one noted here (and at the code):
  - ceil(S k) is computed in double precision, as C's ceil(s * k) (for S with two decimals and
    k <= 24 the product is never just above an integer, so this is the exact ceiling);
  - with no missing cell among the eligible models nothing is iterated: iterations 0,
    converged true, max_change 0; mask-and-recover still runs (it needs no missing cell);
  - mask-and-recover: "its model keeps more than ceil(S k) measured cells and its column more
    than two" counts the cells still measured *before* this one is hidden (so the model keeps
    at least ceil(S k) and the column at least two), and counts the column over the eligible
    models; column order is the order of the capability benchmarks in benchmarks.json; the
    walk stops at max(1, floor(cells/10)) hidden cells or at the end of the list (then fewer
    are hidden; with none, recover_rmse_z is null); the hidden matrix's own mu and sigma are
    over its remaining measured cells of the eligible models; its iteration is not reported;
  - the completed capability columns are standardised over the eligible rows (measured and
    imputed values), the Spearman matrix and PC1 are over them, the score is given to every
    eligible model; the cohort has a score when at least 5 models are eligible;
  - reduced score: "the models with all of J" are the eligible models (complete after
    imputation, `--reduced-from completed`, the default) plus the models that measured all of
    J; their completed values give the z-scores and the matrix; `--reduced-from measured`
    takes only models that measured all of J, with measured values; PC1 on J is signed
    against the full PC1 restricted to J (dot >= 0), and by the largest-entry rule when the
    cohort has no full PC1; capability_rank ranks every scored model (complete, imputed and
    reduced) together, competition ranking, descending;
  - capability_score_basis: "complete" for a scored model that measured every capability
    benchmark, "imputed" for a scored eligible model with at least one imputed cell,
    "reduced", or null; capability_benchmarks (J, in benchmarks.json order) is checked only
    for reduced models (others may omit it or give null);
  - an imputed cell of a benchmark with a `target` has no value in the benchmark's units
    (-|x - t| cannot be undone): imputed_value null;
  - a capability column whose measured values (in eligible models) are all equal cannot be
    standardised: the cohort gets no imputation (reported as an error of the reference).

Coverage (method.md 1b, --min-coverage) is computed for the leaderboard entries (share of the
cohort's leaderboard areas where the model has a benchmark, and per area the share of its
benchmarks); the report's key names for it are not fixed yet, so it is compared only when the
report has leaderboard[].areas[].coverage / leaderboard[].area_coverage / leaderboard[].ranked.

Needs numpy and scipy (Debian: python3-numpy python3-scipy).
"""

import argparse
import json
import math
import os
import shutil
import sys

import numpy as np
from scipy import stats as ss

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import uncertainty_ref as U  # noqa: E402  (loading, orientation, the plain method)

NAN = float("nan")
MASK64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
MAX_ITER = 500
TOL_CONV = 1e-6
TOL = 1e-6
MIN_MODELS = 5
MAX_LINES = 50


# ------------------------------------------------------------------------------ the stream

class Stream:
    """The random stream of method.md section 3: seed S, resample r."""

    def __init__(self, seed, r):
        self.state = (seed ^ (GOLDEN * (r + 1))) & MASK64

    def next(self):
        self.state = (self.state + GOLDEN) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def index(self, u):
        """A uniform index in [0, u): rejection below 2^64 - (2^64 mod u)."""
        limit = (1 << 64) - ((1 << 64) % u)
        while True:
            v = self.next()
            if v < limit:
                return v % u


def shuffle(n, stream):
    """Fisher-Yates from the last position down: position t swapped with index(t + 1)."""
    a = list(range(n))
    for t in range(n - 1, 0, -1):
        j = stream.index(t + 1)
        a[t], a[j] = a[j], a[t]
    return a


# ------------------------------------------------------------------------------ imputation

def need_cells(share, k):
    # literally ceil(S k) in double precision, as C's ceil(s * k) gives it
    return int(math.ceil(share * k))


def standardise(X, miss):
    """Column mean and population SD over the measured cells (miss False)."""
    k = X.shape[1]
    mu = np.full(k, NAN)
    sd = np.full(k, NAN)
    for j in range(k):
        v = X[~miss[:, j], j]
        if len(v):
            mu[j] = v.mean()
            sd[j] = v.std() if v.max() > v.min() else 0.0
    return mu, sd


def svd_iterate(Z, miss, rank):
    """method.md 1b.3 on the standardised matrix Z (missing cells ignored): returns the filled
    matrix, the number of updates, converged, and the last largest change."""
    F = np.where(miss, 0.0, Z)
    if not miss.any():
        return F, 0, True, 0.0
    n, k = F.shape
    K = min(rank, k)
    change = NAN
    for it in range(1, MAX_ITER + 1):
        m = F.mean(axis=0)
        D = F - m
        C = D.T @ D / n
        lam, vec = np.linalg.eigh(C)          # ascending
        V = vec[:, np.argsort(lam)[::-1][:K]]  # the eigenvectors of the K largest
        R = m + (D @ V) @ V.T
        change = float(np.max(np.abs(R[miss] - F[miss])))
        F[miss] = R[miss]
        if change < TOL_CONV:
            return F, it, True, change
    return F, MAX_ITER, False, change


def impute_block(X, miss, rank):
    """Standardise X (oriented, eligible rows) over its measured cells, iterate, and return
    the completed block in oriented units with the iteration's figures and mu, sd."""
    mu, sd = standardise(X, miss)
    if not np.all(sd > 0):
        raise ValueError("a capability column is constant (or empty) over the eligible models")
    Z = (X - mu) / sd
    F, it, conv, change = svd_iterate(Z, miss, rank)
    # measured cells stay exactly as measured (mu + sd (x - mu) / sd may differ in the last
    # bit, and would break ties in the Spearman ranks)
    return np.where(miss, mu + sd * F, X), it, conv, change, mu, sd


def mask_and_recover(X, miss, rank, need):
    """method.md 1b.5: (recover_rmse_z or None, recover_cells, hidden cells)."""
    n, k = X.shape
    cells = [(i, j) for i in range(n) for j in range(k) if not miss[i, j]]
    order = shuffle(len(cells), Stream(1, 0))
    kept_model = (~miss).sum(axis=1)
    kept_col = (~miss).sum(axis=0)
    target = max(1, len(cells) // 10)
    hidden = []
    for t in order:
        if len(hidden) >= target:
            break
        i, j = cells[t]
        # "keeps more than": counted before this cell is hidden
        if kept_model[i] > need and kept_col[j] > 2:
            hidden.append((i, j))
            kept_model[i] -= 1
            kept_col[j] -= 1
    if not hidden:
        return None, 0, hidden
    _, sd_full = standardise(X, miss)
    miss2 = miss.copy()
    for i, j in hidden:
        miss2[i, j] = True
    Xc, _, _, _, _, _ = impute_block(np.where(miss2, NAN, X), miss2, rank)
    err = [(Xc[i, j] - X[i, j]) / sd_full[j] for i, j in hidden]
    return float(math.sqrt(sum(e * e for e in err) / len(err))), len(hidden), hidden


# --------------------------------------------------------------------------- the score

def pc1_of(block, sign_ref=None):
    """z-scores (population), Spearman matrix (average ranks), PC1 of block (rows x cols).
    None when a column is constant or fewer than 5 rows."""
    if block.shape[0] < MIN_MODELS or block.shape[1] == 0:
        return None
    if not np.all(block.max(axis=0) > block.min(axis=0)):
        return None
    mean = block.mean(axis=0)
    sd = block.std(axis=0)
    Z = (block - mean) / sd
    rk = ss.rankdata(block, axis=0)
    mat = np.atleast_2d(np.corrcoef(rk, rowvar=False))
    np.fill_diagonal(mat, 1.0)
    lam, vec = np.linalg.eigh(mat)
    order = np.argsort(lam)[::-1]
    lam = lam[order]
    pc1 = vec[:, order[0]].copy()
    if sign_ref is None:
        if pc1[np.argmax(np.abs(pc1))] < 0:
            pc1 = -pc1
    elif float(pc1 @ sign_ref) < 0:
        pc1 = -pc1
    return {"mean": mean, "sd": sd, "Z": Z, "matrix": mat, "lam": lam, "pc1": pc1,
            "ve": float(lam[0] / lam.sum()), "s": Z @ pc1}


def unorient(b, x):
    if U.is_number(b.get("target")):
        return None
    if b.get("higher_is_better") is False:
        return -x
    return x


def analyze_cohort(c, opts):
    cap = c.cap
    k = len(cap)
    M = c.M
    X = c.X[:, cap] if k else np.zeros((M, 0))
    have = np.isfinite(X)
    nhave = have.sum(axis=1)
    complete = nhave == k if k else np.zeros(M, bool)
    out = {"id": c.id, "capability": {}, "models": [], "benchmarks": []}
    imputed_cells = {}                         # (model index, column) -> oriented value
    Xc = np.where(have, X, NAN)                 # completed oriented values (eligible rows)
    imp = None
    if opts.impute == "svd" and k:
        need = need_cells(opts.min_share, k)
        elig = (nhave >= need) | complete
        E = np.flatnonzero(elig)
        XE = X[E]
        missE = ~have[E]
        imp = {"method": "svd", "rank": opts.rank, "min_share": opts.min_share,
               "n_eligible": int(len(E)), "n_imputed": int(missE.sum())}
        if len(E):
            block, it, conv, change, _, _ = impute_block(XE, missE, opts.rank)
            rmse, ncells, _ = mask_and_recover(XE, missE, opts.rank, need)
        else:
            block, it, conv, change, rmse, ncells = XE, 0, True, 0.0, None, 0
        imp.update(iterations=int(it), converged=bool(conv), max_change=float(change),
                   recover_rmse_z=rmse, recover_cells=int(ncells), used=bool(conv))
        out["capability"]["imputation"] = imp
        if conv:  # method.md 1b.3: an imputation that has not converged is not used
            for r, i in enumerate(E):
                for j in range(k):
                    if missE[r, j]:
                        imputed_cells[(int(i), j)] = float(block[r, j])
                Xc[i] = block[r]
        else:
            elig = complete.copy()
    else:
        elig = complete.copy()
    E = np.flatnonzero(elig)

    s = np.full(M, NAN)
    basis = [None] * M
    J_of = {}
    full = pc1_of(Xc[E]) if k else None
    cb = out["capability"]
    if full is not None:
        s[E] = full["s"]
        for i in E:
            basis[i] = "complete" if complete[i] else "imputed"
        cb["variance_explained"] = full["ve"]
        cb["eigenvalues"] = [float(x) for x in full["lam"]]
        cb["matrix"] = full["matrix"].tolist()
        cb["loadings"] = [{"benchmark": c.bid[j], "loading": float(full["pc1"][jj])}
                          for jj, j in enumerate(cap)]
    else:
        cb["variance_explained"] = None
        cb["eigenvalues"] = []
        cb["loadings"] = []

    # method.md 1b: reduced scores are signed against the full PC1, so a cohort without one
    # has none
    if opts.reduced_score and k and full is not None:
        for i in range(M):
            if np.isfinite(s[i]) or nhave[i] < 2:
                continue
            J = [jj for jj in range(k) if have[i, jj]]
            if opts.reduced_from == "completed":
                rows = [r for r in range(M) if elig[r] or have[r, J].all()]
                vals = np.array([[Xc[r, jj] if elig[r] else X[r, jj] for jj in J]
                                 for r in rows])
            else:
                rows = [r for r in range(M) if have[r, J].all()]
                vals = X[np.ix_(rows, J)]
            ref = full["pc1"][J] if full is not None else None
            red = pc1_of(vals, sign_ref=ref)
            if red is None:
                continue
            s[i] = float(red["s"][rows.index(i)])
            basis[i] = "reduced"
            J_of[i] = [c.bid[cap[jj]] for jj in J]

    rank = U.rank_desc(s)
    for i in range(M):
        e = {"id": c.ids[i], "capability_score": U.num(s[i]),
             "capability_rank": U.rnk(rank[i]), "capability_score_basis": basis[i]}
        if basis[i] == "reduced":
            e["capability_benchmarks"] = J_of[i]
        out["models"].append(e)

    for jj, j in enumerate(cap):
        b = c.benches[j]
        cells = [{"model": c.ids[i], "value": None, "imputed": True,
                  "imputed_value": unorient(b, v)}
                 for (i, col), v in sorted(imputed_cells.items()) if col == jj]
        out["benchmarks"].append({"id": c.bid[j], "imputed": cells})

    # coverage (method.md 1b): share of the leaderboard areas where the model has a
    # benchmark, and per area the share of the area's benchmarks it has
    lb = []
    for i in range(M):
        areas = []
        covered = 0
        for a in c.areas:
            cols = [c.lb[q] for q in c.area_cols[a]]
            n_have = int(np.sum(np.isfinite(c.X[i, cols])))
            covered += n_have > 0
            areas.append({"area": a, "coverage": n_have / len(cols)})
        share = covered / len(c.areas) if c.areas else None
        lb.append({"model": c.ids[i], "area_coverage": share,
                   "ranked": share is None or opts.min_coverage <= 0
                   or share >= opts.min_coverage,
                   "areas": areas})
    out["leaderboard"] = lb
    out["_s"] = s
    return out


def analyze(content, opts):
    cohorts = U.load(content)
    return [analyze_cohort(c, opts) for c in cohorts], cohorts


# ----------------------------------------------------------------------------------- check

def same(a, b, abs_tol=TOL, rel_tol=TOL):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=abs_tol)
    return a == b


def exact(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if a is None or b is None:
        return a is None and b is None
    return a == b


def fmt(v):
    return json.dumps(v, ensure_ascii=False)


def check(ours, report, opts):
    bad = []
    notes = []
    tcoh = {c.get("id"): c for c in report.get("cohorts", []) if isinstance(c, dict)}
    for o in ours:
        cid = o["id"]
        w = "cohorts[%s]" % cid
        t = tcoh.get(cid)
        if t is None:
            bad.append("%s: missing in the report" % w)
            continue
        tc = t.get("capability")
        if not isinstance(tc, dict):
            bad.append("%s.capability: missing in the report" % w)
            tc = {}
        oc = o["capability"]
        if "imputation" in oc:
            ti = tc.get("imputation")
            if not isinstance(ti, dict):
                bad.append("%s.capability.imputation: missing in the report" % w)
            else:
                for key, v in oc["imputation"].items():
                    ww = "%s.capability.imputation.%s" % (w, key)
                    if key not in ti:
                        bad.append("%s: missing in the report" % ww)
                    elif key in ("rank", "min_share", "recover_rmse_z"):
                        if not same(v, ti[key]):
                            bad.append("%s: report %s, reference %s" % (ww, fmt(ti[key]), fmt(v)))
                    elif key == "max_change":
                        if not same(v, ti[key], abs_tol=1e-10):
                            bad.append("%s: report %s, reference %s" % (ww, fmt(ti[key]), fmt(v)))
                    elif not exact(v, ti[key]):
                        bad.append("%s: report %s, reference %s" % (ww, fmt(ti[key]), fmt(v)))
        elif isinstance(tc.get("imputation"), dict):
            bad.append("%s.capability.imputation: in the report without --impute svd" % w)
        for key in ("variance_explained",):
            ww = "%s.capability.%s" % (w, key)
            if key not in tc:
                bad.append("%s: missing in the report" % ww)
            elif not same(oc[key], tc[key]):
                bad.append("%s: report %s, reference %s" % (ww, fmt(tc[key]), fmt(oc[key])))
        for key in ("eigenvalues",):
            ww = "%s.capability.%s" % (w, key)
            tv = tc.get(key)
            if not isinstance(tv, list) or len(tv) != len(oc[key]) or \
                    not all(same(a, b) for a, b in zip(oc[key], tv)):
                bad.append("%s: report %s, reference %s" % (ww, fmt(tv), fmt(oc[key])))
        if "matrix" in oc:
            tv = tc.get("matrix")
            okm = isinstance(tv, list) and len(tv) == len(oc["matrix"]) and all(
                isinstance(r, list) and len(r) == len(q) and all(same(a, b) for a, b in zip(q, r))
                for q, r in zip(oc["matrix"], tv))
            if not okm:
                bad.append("%s.capability.matrix: differs (report %s)" % (
                    w, "missing" if tv is None else "%d rows" % len(tv)))
        tl = {e.get("benchmark"): e for e in tc.get("loadings") or [] if isinstance(e, dict)}
        if len(tl) != len(oc["loadings"]):
            bad.append("%s.capability.loadings: %d in the report, %d in the reference" % (
                w, len(tl), len(oc["loadings"])))
        for e in oc["loadings"]:
            ww = "%s.capability.loadings[%s].loading" % (w, e["benchmark"])
            te = tl.get(e["benchmark"])
            if te is None or "loading" not in te:
                bad.append("%s: missing in the report" % ww)
            elif not same(e["loading"], te["loading"]):
                bad.append("%s: report %s, reference %s" % (ww, fmt(te["loading"]), fmt(e["loading"])))

        tm = {m.get("id"): m for m in t.get("models", []) if isinstance(m, dict)}
        for m in o["models"]:
            ww = "%s.models[%s]" % (w, m["id"])
            tmm = tm.get(m["id"])
            if tmm is None:
                bad.append("%s: missing in the report" % ww)
                continue
            for key in ("capability_score", "capability_rank", "capability_score_basis"):
                if key not in tmm:
                    bad.append("%s.%s: missing in the report" % (ww, key))
                    continue
                ok_ = same(m[key], tmm[key]) if key == "capability_score" else exact(m[key], tmm[key])
                if not ok_:
                    bad.append("%s.%s: report %s, reference %s" % (ww, key, fmt(tmm[key]), fmt(m[key])))
            if "capability_benchmarks" in m:
                if tmm.get("capability_benchmarks") != m["capability_benchmarks"]:
                    bad.append("%s.capability_benchmarks: report %s, reference %s" % (
                        ww, fmt(tmm.get("capability_benchmarks", "(missing)")),
                        fmt(m["capability_benchmarks"])))
            elif tmm.get("capability_benchmarks") is not None:
                bad.append("%s.capability_benchmarks: report %s for a %s model" % (
                    ww, fmt(tmm["capability_benchmarks"]), m["capability_score_basis"]))

        tb = {b.get("id"): b for b in t.get("benchmarks", []) if isinstance(b, dict)}
        for b in o["benchmarks"]:
            ww = "%s.benchmarks[%s]" % (w, b["id"])
            tbb = tb.get(b["id"])
            if tbb is None:
                bad.append("%s: missing in the report" % ww)
                continue
            entries = [e for e in tbb.get("models", []) if isinstance(e, dict)]
            timp = {e.get("model"): e for e in entries if e.get("imputed") is True}
            want = {e["model"]: e for e in b["imputed"]}
            for mid, e in want.items():
                w3 = "%s.models[%s]" % (ww, mid)
                te = timp.get(mid)
                if te is None:
                    bad.append("%s: imputed cell missing in the report" % w3)
                    continue
                if "value" not in te or te["value"] is not None:
                    bad.append("%s.value: report %s, reference null" % (
                        w3, fmt(te.get("value", "(missing)"))))
                if "imputed_value" not in te:
                    bad.append("%s.imputed_value: missing in the report" % w3)
                elif not same(e["imputed_value"], te["imputed_value"]):
                    bad.append("%s.imputed_value: report %s, reference %s" % (
                        w3, fmt(te["imputed_value"]), fmt(e["imputed_value"])))
            extra = sorted(set(timp) - set(want))
            if extra:
                bad.append("%s: imputed cells only in the report: %s" % (ww, ", ".join(extra)))
            measured = [e.get("model") for e in entries if e.get("imputed") is not True
                        and e.get("model") in want]
            if measured:
                bad.append("%s: shown as measured, imputed in the reference: %s" % (
                    ww, ", ".join(measured)))

        # coverage: only where the report has the keys (their names are not fixed yet)
        tlb = {e.get("model"): e for e in t.get("leaderboard", []) if isinstance(e, dict)}
        seen = set()
        for e in o["leaderboard"]:
            te = tlb.get(e["model"])
            if te is None:
                continue
            for key in ("area_coverage", "ranked"):
                if key in te:
                    seen.add(key)
                    if not same(e[key], te[key]):
                        bad.append("%s.leaderboard[%s].%s: report %s, reference %s" % (
                            w, e["model"], key, fmt(te[key]), fmt(e[key])))
            ta = {a.get("area"): a for a in te.get("areas", []) if isinstance(a, dict)}
            for a in e["areas"]:
                if a["area"] in ta and "coverage" in ta[a["area"]]:
                    seen.add("areas[].coverage")
                    if not same(a["coverage"], ta[a["area"]]["coverage"]):
                        bad.append("%s.leaderboard[%s].areas[%s].coverage: report %s, "
                                   "reference %s" % (w, e["model"], a["area"],
                                                     fmt(ta[a["area"]]["coverage"]),
                                                     fmt(a["coverage"])))
        missing = {"area_coverage", "ranked", "areas[].coverage"} - seen
        if missing and o["leaderboard"]:
            notes.append("%s: coverage not checked (the report has no leaderboard[].%s)" % (
                w, ", ".join(sorted(missing))))
    return bad, notes


# ----------------------------------------------------------------------------- utilities

def write_removed(content, out, share, seed):
    """Copy content to out with round(share n) of its n measured capability cells removed."""
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(content, out)
    cohorts = U.load(content)
    cells = []
    for c in cohorts:
        for i in range(c.M):
            for j in c.cap:
                if np.isfinite(c.X[i, j]):
                    cells.append((c.id, c.ids[i], c.bid[j]))
    rng = np.random.default_rng(seed)
    n_drop = int(round(share * len(cells)))
    drop = sorted(rng.choice(len(cells), n_drop, replace=False).tolist())
    by_model = {}
    for t in drop:
        cid, mid, bid = cells[t]
        by_model.setdefault((cid, mid), []).append(bid)
    mdir = os.path.join(out, "models")
    for (cid, mid), bids in by_model.items():
        path = None
        cdir = os.path.join(mdir, cid)
        for fn in sorted(os.listdir(cdir)):
            if fn.endswith(".json"):
                m = U.read_json(os.path.join(cdir, fn))
                if (m.get("id") or fn[:-5]) == mid:
                    path = os.path.join(cdir, fn)
                    break
        with open(path, encoding="utf-8") as f:
            m = json.load(f)
        for bid in bids:
            del m["scores"][bid]
        with open(path, "w", encoding="utf-8") as f:
            json.dump(m, f, indent=2, ensure_ascii=False)
            f.write("\n")
    print("removed %d of %d measured capability cells (share %g, seed %d) into %s" % (
        n_drop, len(cells), share, seed, out))
    return 0


def plain_scores(content):
    """The paper-mode capabilities scores of tests/uncertainty_ref.py, per cohort."""
    out = {}
    for c in U.load(content):
        P = c.fit(np.ones(c.M, dtype=np.int64), only_capability=True)
        out[c.id] = dict(zip(c.ids, P["s"]))
    return out


def recovery_report(content, full, opts):
    ours, cohorts = analyze(content, opts)
    ref = plain_scores(full)
    ok = True
    for o, c in zip(ours, cohorts):
        s = o["_s"]
        fs = ref.get(c.id, {})
        pairs = [(s[i], fs[mid]) for i, mid in enumerate(c.ids)
                 if np.isfinite(s[i]) and mid in fs and np.isfinite(fs[mid])]
        imp = o["capability"].get("imputation", {})
        if len(pairs) < 3:
            print("%s: %d models scored in both: no correlation" % (c.id, len(pairs)))
            ok = False
            continue
        a, b = np.array(pairs).T
        rho = float(ss.spearmanr(a, b).statistic)
        n_full = sum(1 for v in fs.values() if np.isfinite(v))
        print("%s: Spearman(imputed-data score, full-data score) = %.4f over %d models "
              "(%d scored on the full data; %d imputed cells, %d iterations, converged %s, "
              "recover_rmse_z %s over %s cells)" % (
                  c.id, rho, len(pairs), n_full, imp.get("n_imputed", 0),
                  imp.get("iterations", 0), imp.get("converged"),
                  "%.4f" % imp["recover_rmse_z"] if imp.get("recover_rmse_z") is not None
                  else None, imp.get("recover_cells")))
        if rho < opts.min_recovery:
            ok = False
    print("recovery: %s (at least %g wanted)" % ("ok" if ok else "BELOW", opts.min_recovery))
    return 0 if ok else 1


def self_test(content, opts):
    ok = True
    # the index draw against a straightforward transcription of section 3's weights
    for u in (1, 2, 3, 7, 27, 1000):
        st = Stream(1, 0)
        draws = [st.index(u) for _ in range(u)]
        w = U.splitmix_weights(1, 0, [np.array([i]) for i in range(u)], u)
        if not np.array_equal(np.bincount(draws, minlength=u), w):
            print("index draw (U = %d) differs from uncertainty_ref's weights" % u)
            ok = False
    ours, cohorts = analyze(content, opts)
    for o, c in zip(ours, cohorts):
        X = c.X[:, c.cap]
        if not np.isfinite(X).all():
            print("%s: has missing capability cells: the no-op test needs complete content"
                  % c.id)
            ok = False
            continue
        P = c.fit(np.ones(c.M, dtype=np.int64), detail=True)
        imp = o["capability"]["imputation"]
        if imp["n_imputed"] != 0 or imp["iterations"] != 0 or not imp["converged"]:
            print("%s: imputation is not a no-op: %s" % (c.id, imp))
            ok = False
        if not np.allclose(o["_s"], P["s"], rtol=1e-12, atol=1e-12, equal_nan=True):
            print("%s: scores differ from the plain method by %g" % (
                c.id, float(np.nanmax(np.abs(o["_s"] - P["s"])))))
            ok = False
        if P["pc1"] is not None:
            pc1 = np.array([e["loading"] for e in o["capability"]["loadings"]])
            if not np.allclose(pc1, P["pc1"], atol=1e-12) or \
                    not math.isclose(o["capability"]["variance_explained"], P["ve"],
                                     abs_tol=1e-12) or \
                    not np.allclose(o["capability"]["matrix"], P["matrix"], atol=1e-12):
                print("%s: PC1, variance explained or matrix differ from the plain method"
                      % c.id)
                ok = False
        if any(b["imputed"] for b in o["benchmarks"]):
            print("%s: imputed cells in complete content" % c.id)
            ok = False
        print("%s: %d models, no-op (0 imputed, %d iterations); scores = plain method "
              "(max |diff| %.1e); mask-and-recover rmse_z %s over %d cells" % (
                  c.id, c.M, imp["iterations"], float(np.nanmax(np.abs(o["_s"] - P["s"]))),
                  "%.4f" % imp["recover_rmse_z"] if imp["recover_rmse_z"] is not None else None,
                  imp["recover_cells"]))
    print("self-test: %s" % ("ok" if ok else "FAILED"))
    return 0 if ok else 1


def public(o):
    o = dict(o)
    o.pop("_s", None)
    return o


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--content", default="content")
    ap.add_argument("--impute", choices=["svd", "none"], default="svd")
    ap.add_argument("--rank", type=int, default=1)
    ap.add_argument("--min-share", type=float, default=0.5)
    ap.add_argument("--reduced-score", action="store_true")
    ap.add_argument("--reduced-from", choices=["completed", "measured"], default="measured",
                    help="which models 'have all of J' (see the docstring)")
    ap.add_argument("--min-coverage", type=float, default=0.5)
    ap.add_argument("--check", metavar="REPORT.json")
    ap.add_argument("--max-lines", type=int, default=MAX_LINES)
    ap.add_argument("--remove", type=float, metavar="SHARE")
    ap.add_argument("--remove-seed", type=int, default=7)
    ap.add_argument("--write-removed", metavar="OUT")
    ap.add_argument("--recovery-report", metavar="FULL_DIR")
    ap.add_argument("--min-recovery", type=float, default=0.95)
    ap.add_argument("--self-test", action="store_true")
    opts = ap.parse_args()
    if opts.rank < 1:
        ap.error("--rank must be at least 1")
    if opts.write_removed:
        return write_removed(opts.content, opts.write_removed, opts.remove or 0.0,
                             opts.remove_seed)
    if opts.self_test:
        return self_test(opts.content, opts)
    if opts.recovery_report:
        return recovery_report(opts.content, opts.recovery_report, opts)
    ours, _ = analyze(opts.content, opts)
    if opts.check:
        try:
            report = U.read_json(opts.check)
        except (OSError, ValueError) as e:
            print("cannot read %s: %s" % (opts.check, e))
            return 1
        bad, notes = check(ours, report, opts)
        for n in notes:
            print("note: " + n)
        if bad:
            for line in U.order_lines(bad)[:opts.max_lines]:
                print(line)
            if len(bad) > opts.max_lines:
                print("... and %d more" % (len(bad) - opts.max_lines))
            kinds = {}
            for line in bad:
                kd = U.kind(line)
                kinds[kd] = kinds.get(kd, 0) + 1
            print("kinds: " + "; ".join("%s %d" % kv for kv in kinds.items()))
            print("%d mismatch(es) against %s" % (len(bad), opts.check))
            return 1
        print("reference and report agree (impute %s, rank %d, min-share %g%s)" % (
            opts.impute, opts.rank, opts.min_share,
            ", reduced score" if opts.reduced_score else ""))
        return 0
    sys.stdout.write(json.dumps({"cohorts": [public(o) for o in ours]}, indent=1,
                                ensure_ascii=False, allow_nan=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
