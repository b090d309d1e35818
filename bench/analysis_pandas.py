#!/usr/bin/python3
"""The washboard analysis (docs/method.md, sections 1 and 2) in Python + pandas.

A reference implementation and the baseline of `make bench`: it reads the same native
content directory as `washboard analyze` and prints a JSON report with the same key names
(the subset that the method computes; no site metadata, no bootstrap).

usage: /usr/bin/python3 bench/analysis_pandas.py [--content DIR] [--check REPORT.json]

With --check, every figure this implementation computes is compared with REPORT.json (the
output of `washboard analyze --format json`, with or without --bootstrap: keys this script
does not compute, such as the intervals, are ignored) to 1e-9 (relative or absolute): cohort
counts, the capability block, each model's score and rank, every benchmark statistic with
n_mode, near_constant and residual_basis, every per-model z, expected, residual and
leaderboard_residual, the leaderboard with its areas, and the areas' SDs and verdict counts.
Every mismatch is listed and the exit code is 1. Needs only pandas and numpy (no scipy).
"""

import argparse
import json
import math
import os
import sys

import numpy as np
import pandas as pd

MIN_MODELS = 5
MIN_COVERAGE = 0.5  # the default --min-coverage (docs/method.md 1b)
TOL = 1e-9
VERDICT_IDS = ["tracks-capabilities", "moderate", "distinct", "worsens-with-capabilities",
               "insufficient-data"]
VERDICT_LABELS = ["tracks capabilities", "moderate", "distinct from capabilities",
                  "worsens with capabilities", "insufficient data"]


# ---------------------------------------------------------------------------------- content

def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def score_value(v):
    """A score is a number, null, or {"value": x, "stderr": s, "n": k}: (value, stderr, n)."""
    if isinstance(v, dict):
        return v.get("value"), v.get("stderr"), v.get("n")
    return v, None, None


def load_content(content):
    site = read_json(os.path.join(content, "site.json"))
    th = site.get("thresholds") or {}
    high = float(th["high"]) if th.get("high") is not None else 0.6
    low = float(th["low"]) if th.get("low") is not None else 0.4

    bench = pd.DataFrame(read_json(os.path.join(content, "benchmarks.json"))["benchmarks"])
    for col in ("correlate_with", "area", "target", "aggregate_of", "higher_is_better"):
        if col not in bench:
            bench[col] = None
    bench["area"] = [a if isinstance(a, str) else
                     ("capabilities" if r == "capability" else "unclassified")
                     for a, r in zip(bench["area"], bench["role"])]
    bench["correlate_with"] = bench["correlate_with"].where(bench["correlate_with"].notna(), None)
    # "target": the best value (oriented as -|x - t|); "higher_is_better" is then absent
    bench["target"] = pd.Series([float(t) if isinstance(t, (int, float))
                                 and not isinstance(t, bool) and math.isfinite(t) else None
                                 for t in bench["target"]], index=bench.index, dtype=object)
    bench["higher_is_better"] = [h is True for h in bench["higher_is_better"]]
    # "aggregate_of": the parts of a column that aggregates others (kept off the leaderboard)
    bench["aggregate_of"] = [list(a) if isinstance(a, list) and a else None
                             for a in bench["aggregate_of"]]
    bench = bench.set_index("id", drop=False)

    models_dir = os.path.join(content, "models")
    defs = site.get("cohorts")
    if defs:
        cohorts = [(c.get("order", i), c["id"], c.get("title", c["id"]))
                   for i, c in enumerate(defs)]
    else:
        dirs = sorted(d for d in os.listdir(models_dir)
                      if os.path.isdir(os.path.join(models_dir, d)))
        cohorts = [(i, d, d) for i, d in enumerate(dirs)]
    cohorts.sort(key=lambda t: (t[0], t[1]))

    rows, values, extra = [], {}, {}
    for _, cid, _ in cohorts:
        cdir = os.path.join(models_dir, cid)
        if not os.path.isdir(cdir):
            continue
        for fn in sorted(os.listdir(cdir)):
            if not fn.endswith(".json"):
                continue
            m = read_json(os.path.join(cdir, fn))
            mid = m.get("id") or fn[:-5]
            flop = m.get("training_flop")
            key = (cid, mid)
            rows.append({"cohort": cid, "id": mid,
                         "name": m.get("name") or m.get("source_id") or mid,
                         "training_flop": float(flop) if isinstance(flop, (int, float))
                         and not isinstance(flop, bool) and flop > 0 else np.nan})
            vals = {}
            for b, v in (m.get("scores") or {}).items():
                if b not in bench.index:
                    continue
                x, se, n = score_value(v)
                if x is None:
                    continue
                vals[b] = float(x)
                extra[(cid, mid, b)] = (se, n)
            values[key] = vals
    meta = pd.DataFrame(rows, columns=["cohort", "id", "name", "training_flop"])
    meta = meta.sort_values(["cohort", "id"], kind="mergesort")
    meta = meta.set_index(["cohort", "id"], drop=False)
    scores = pd.DataFrame.from_dict(values, orient="index", dtype=float)
    scores = scores.reindex(index=meta.index, columns=bench.index)
    return {"site": site, "high": high, "low": low, "bench": bench, "cohorts": cohorts,
            "meta": meta, "scores": scores, "extra": extra}


# ------------------------------------------------------------------------------- statistics

def constant(a):
    return len(a) == 0 or bool(np.all(a == a[0]))


def pearson(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    if len(x) < 2 or constant(x) or constant(y):
        return np.nan
    return float(np.corrcoef(x, y)[0, 1])


def spearman(x, y):
    """Spearman (average ranks) of two aligned Series without missing values."""
    if len(x) < 2 or constant(x.to_numpy()) or constant(y.to_numpy()):
        return np.nan
    return pearson(x.rank(method="average").to_numpy(), y.rank(method="average").to_numpy())


def ols(x, y):
    """OLS of y on x: (slope, intercept, stderr of slope) or None when undefined."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = len(x)
    if n < 2 or constant(x):
        return None
    mx, my = x.mean(), y.mean()
    dx = x - mx
    sxx = float(dx @ dx)
    slope = float(dx @ (y - my)) / sxx
    intercept = my - slope * mx
    if n >= 3:
        resid = y - (intercept + slope * x)
        se = math.sqrt(float(resid @ resid) / (n - 2) / sxx)
    else:
        se = np.nan
    return (slope, intercept, se) if math.isfinite(slope) else None


def pairs(x, y):
    """Pairwise deletion: the two (aligned) Series restricted to the rows where both are finite."""
    keep = np.isfinite(x.to_numpy()) & np.isfinite(y.to_numpy())
    return x[keep], y[keep]


def round12(r):
    """r rounded to 12 decimal places, half away from zero, as C's round(r * 1e12) / 1e12."""
    x = r * 1e12
    return math.copysign(math.floor(abs(x) + 0.5), x) / 1e12


def verdict(r, high, low):
    """docs/method.md 1.8: the band of r after rounding to 12 decimals."""
    if not np.isfinite(r):
        return 4
    r = round12(r)
    if r >= high:
        return 0
    if r >= low:
        return 1
    if r > -low:
        return 2
    return 3


def pop_sd(a):
    """Population SD of a finite 1-D array (NaN when empty, exactly 0 when constant)."""
    a = np.asarray(a, float)
    if len(a) == 0:
        return np.nan
    if constant(a):
        return 0.0
    return float(np.sqrt(np.mean((a - a.mean()) ** 2)))


def standardise(col, rows=None):
    """(mean, sd, z) of a Series over the rows marked by rows (all when None); every value
    gets a z; a column with SD 0 (or no values) has none."""
    vals = col[rows] if rows is not None else col
    vals = vals[vals.notna()].to_numpy(float)
    mean = float(vals.mean()) if len(vals) else np.nan
    sd = pop_sd(vals)
    if len(vals) and sd > 0:
        return mean, sd, (col - mean) / sd
    return mean, sd, pd.Series(np.nan, index=col.index)


def mode_count(col):
    """Models sharing the commonest (oriented) value (docs/method.md 1.9)."""
    v = col.dropna()
    return int(v.value_counts().max()) if len(v) else 0


def competition_rank(s):
    """Competition ranks ("1224"), descending; NaN stays NaN."""
    return s.rank(method="min", ascending=False)


# ---------------------------------------------------------------------------------- analysis

def analyze_cohort(data, cid, title):
    bench, meta = data["bench"], data["meta"]
    high, low = data["high"], data["low"]
    if cid not in meta.index.get_level_values(0):
        cmeta = meta.iloc[0:0].droplevel(0)
        raw = data["scores"].iloc[0:0].droplevel(0)
    else:
        cmeta = meta.loc[cid]
        raw = data["scores"].loc[cid]
    ids = list(cmeta.index)

    # 1.1 orient: every benchmark, so correlate_with can read any of them
    oriented_all = pd.DataFrame(index=raw.index, columns=raw.columns, dtype=float)
    for b in bench.index:
        t = bench.at[b, "target"]
        if t is not None:
            oriented_all[b] = -(raw[b] - t).abs()
        else:
            oriented_all[b] = raw[b] if bench.at[b, "higher_is_better"] else -raw[b]
    has_value = raw.notna().any()
    res_ids = [b for b in bench.index if bench.at[b, "role"] != "ignore" and has_value[b]]
    oriented = oriented_all[res_ids]

    # 1.2 complete models: every capability benchmark (on the values, before any z-score)
    cap = [b for b in res_ids if bench.at[b, "role"] == "capability"]
    if cap:
        is_complete = oriented[cap].notna().all(axis=1)
    else:
        is_complete = pd.Series(False, index=ids)
    n_complete = int(is_complete.sum())
    matrix = eigenvalues = loadings = None
    ve = inter_mean = inter_sd = np.nan
    note = None
    if not cap:
        note = "this cohort has no capability benchmarks"
    elif n_complete < MIN_MODELS:
        note = "only %d models have all %d capability benchmarks (at least %d are needed)" % (
            n_complete, len(cap), MIN_MODELS)
    else:
        # 1.4 Spearman over the complete models (rank-invariant, so on the values; a column
        # constant over them has no z and no defined correlation)
        comp = oriented.loc[is_complete, cap]
        matrix = comp.corr(method="spearman")
        for b in cap:
            if constant(comp[b].to_numpy()):
                matrix.loc[b, :] = matrix.loc[:, b] = np.nan
        np.fill_diagonal(matrix.values, 1.0)
        if not np.isfinite(matrix.to_numpy()).all():
            # the report keeps the matrix (undefined entries null), but there is no score
            note = "a capability benchmark has no defined rank correlation (a constant column?)"
    has_score = matrix is not None and note is None

    # 1.3 z-scores, population SD: a capability benchmark over the complete models when the
    # cohort has a capabilities score, else (and every other benchmark) over the models that
    # have it
    mean, sd = pd.Series(np.nan, index=res_ids), pd.Series(np.nan, index=res_ids)
    z = pd.DataFrame(np.nan, index=ids, columns=res_ids)
    for b in res_ids:
        rows = is_complete if (b in cap and has_score) else None
        mean[b], sd[b], z[b] = standardise(oriented[b], rows)

    # 1.5-1.6 PC1 and the capabilities score
    score = pd.Series(np.nan, index=ids)
    if has_score:
        w, v = np.linalg.eigh(matrix.to_numpy())
        order = np.argsort(w)[::-1]
        eigenvalues, pc1 = w[order], v[:, order[0]].copy()
        if pc1[np.argmax(np.abs(pc1))] < 0:
            pc1 = -pc1
        loadings = pd.Series(pc1, index=cap)
        ve = eigenvalues[0] / eigenvalues.sum()
        off = matrix.to_numpy()[np.triu_indices(len(cap), 1)]
        inter_mean, inter_sd = (off.mean(), pop_sd(off)) if len(off) else (np.nan, np.nan)
        score = (z.loc[is_complete, cap] @ loadings).reindex(ids)
    score_rank = competition_rank(score)

    # 1.7-1.9 per benchmark, pairwise deletion
    log_flop = np.log10(cmeta["training_flop"])
    stats = {}
    expected_z, residual = {}, {}  # benchmark -> Series over the models with a residual
    for b in res_ids:
        s = dict(n_values=int(oriented[b].notna().sum()), mean=mean[b], sd=sd[b],
                 capabilities_correlation=np.nan, pearson=np.nan, slope=np.nan,
                 slope_stderr=np.nan, standardized_slope=np.nan, compute_correlation=np.nan,
                 compute_slope=np.nan)
        s["n_mode"] = mode_count(oriented[b])
        s["near_constant"] = s["n_mode"] >= MIN_MODELS and 2 * s["n_mode"] >= s["n_values"]
        x, y = pairs(score, oriented[b])
        s["n"] = len(x)
        if len(x) >= MIN_MODELS:
            s["capabilities_correlation"] = spearman(x, y)
            s["pearson"] = pearson(x, y)
            fit = ols(x, y) if np.isfinite(s["capabilities_correlation"]) else None
            if fit:
                s["slope"], _, s["slope_stderr"] = fit
            xz, yz = pairs(score, z[b])
            fit = ols(xz, yz) if np.isfinite(s["capabilities_correlation"]) else None
            if fit:
                s["standardized_slope"], icpt, _ = fit
                ez = icpt + fit[0] * xz
                expected_z[b] = ez
                residual[b] = yz - ez
        x, y = pairs(log_flop, oriented[b])
        s["n_compute"] = len(x)
        if len(x) >= MIN_MODELS:
            s["compute_correlation"] = spearman(x, y)
            fit = ols(x, y) if np.isfinite(s["compute_correlation"]) else None
            if fit:
                s["compute_slope"] = fit[0]
        ref = bench.at[b, "correlate_with"]
        if ref:
            x, y = pairs(oriented_all[ref], oriented[b])
            s["correlate_with"] = ref
            s["n_reference"] = len(x)
            s["reference_correlation"] = spearman(x, y) if len(x) >= MIN_MODELS else np.nan
            governing = s["reference_correlation"]
        else:
            governing = s["capabilities_correlation"]
        s["verdict"] = verdict(governing, high, low)
        stats[b] = s
    expected_z = pd.DataFrame(expected_z, index=ids, columns=res_ids, dtype=float)
    residual = pd.DataFrame(residual, index=ids, columns=res_ids, dtype=float)

    # 2. the decorrelated leaderboard: safety benchmarks that are not aggregates of others
    safety = [b for b in res_ids if bench.at[b, "role"] == "safety"]
    board = [b for b in safety if bench.at[b, "aggregate_of"] is None]
    basis = {b: ("reference" if bench.at[b, "correlate_with"] else "capabilities")
             for b in board}
    # 2.1-2.3 residuals against the basis, scaled by their SD over the fitted models
    lb_raw = pd.DataFrame(np.nan, index=ids, columns=board)
    for b in board:
        if basis[b] == "capabilities":
            lb_raw[b] = residual[b]
        elif np.isfinite(stats[b]["reference_correlation"]):
            x, y = pairs(oriented_all[bench.at[b, "correlate_with"]], z[b])
            fit = ols(x, y) if len(x) >= MIN_MODELS else None
            if fit:
                lb_raw.loc[x.index, b] = y - (fit[1] + fit[0] * x)
    lb_sd = pd.Series({b: pop_sd(lb_raw[b].dropna().to_numpy()) for b in board}, dtype=float)
    lb_res = pd.DataFrame(np.nan, index=ids, columns=board)
    for b in board:
        if lb_sd[b] > 0:
            lb_res[b] = lb_raw[b] / lb_sd[b]

    # 2.4 area scores: the mean z and the mean scaled residual over the area's leaderboard
    # benchmarks the model has, each divided by its population SD across the models
    areas = sorted(set(bench.loc[safety, "area"]))
    scored = score.notna()
    lb_res_scored = lb_res.where(scored, axis=0) if board else lb_res
    area_safety = pd.DataFrame(np.nan, index=ids, columns=areas)
    area_decor = pd.DataFrame(np.nan, index=ids, columns=areas)
    area_n = pd.DataFrame(0, index=ids, columns=areas)
    area_sd = {}
    for a in areas:
        members = [b for b in board if bench.at[b, "area"] == a]
        zn = z[members].notna().sum(axis=1)
        rn = lb_res_scored[members].notna().sum(axis=1)
        sm = z[members].sum(axis=1, min_count=1) / zn.where(zn > 0)
        dm = lb_res_scored[members].sum(axis=1, min_count=1) / rn.where(rn > 0)
        ssd, dsd = pop_sd(sm.dropna().to_numpy()), pop_sd(dm.dropna().to_numpy())
        area_sd[a] = (ssd, dsd)
        area_safety[a] = sm / ssd if ssd > 0 else np.nan
        area_decor[a] = dm / dsd if dsd > 0 else np.nan
        area_n[a] = rn.where(rn > 0, zn)

    # 2.5 scores, competition ranks, rank change, coverage (benchmarks the model has)
    lb = pd.DataFrame({"safety_score": area_safety.mean(axis=1),
                       "decorrelated_score": area_decor.mean(axis=1),
                       "covered": raw[board].notna().sum(axis=1)}, index=ids)
    # method.md 1b: only models with benchmarks in at least MIN_COVERAGE of the areas rank
    lb_areas = [a for a in areas if any(bench.at[b, "area"] == a for b in board)]
    covered_areas = sum((raw[[b for b in board if bench.at[b, "area"] == a]].notna()
                         .sum(axis=1) > 0).astype(int) for a in lb_areas) if lb_areas else 0
    lb["ranked"] = (covered_areas / len(lb_areas) >= MIN_COVERAGE - 1e-12) if lb_areas \
        else MIN_COVERAGE <= 0
    lb["safety_rank"] = competition_rank(lb["safety_score"].where(lb["ranked"]))
    lb["decorrelated_rank"] = competition_rank(lb["decorrelated_score"].where(lb["ranked"]))
    lb["raw_rank_scored"] = competition_rank(
        lb["safety_score"].where(lb["decorrelated_score"].notna() & lb["ranked"]))
    lb["id"] = ids
    lb = lb.sort_values(["decorrelated_rank", "safety_rank", "id"], na_position="last",
                        kind="mergesort")

    # ------------------------------------------------------------------ the report block
    def num(x):
        return float(x) if x is not None and np.isfinite(x) else None

    def rank(x):
        return int(x) if np.isfinite(x) else None

    models_out = []
    for m in ids:
        e = {"id": m, "name": cmeta.at[m, "name"]}
        if np.isfinite(cmeta.at[m, "training_flop"]):
            e["training_flop"] = float(cmeta.at[m, "training_flop"])
            e["log10_training_flop"] = float(log_flop[m])
        e["capability_score"] = num(score[m])
        e["capability_rank"] = rank(score_rank[m])
        models_out.append(e)

    def bench_key(b):
        r = stats[b]["capabilities_correlation"]
        return (0, -r, b) if np.isfinite(r) else (1, 0.0, b)

    bench_out = []
    for b in sorted(res_ids, key=bench_key):
        s, info = stats[b], bench.loc[b]
        e = {"id": b, "name": info["name"], "role": info["role"], "area": info["area"],
             "metric": info.get("metric"), "higher_is_better": bool(info["higher_is_better"])}
        if info["target"] is not None:
            e["target"] = info["target"]
        if info["aggregate_of"] is not None:
            e["aggregate_of"] = info["aggregate_of"]
        e.update({"n_values": s["n_values"], "n": s["n"],
                  "capabilities_correlation": num(s["capabilities_correlation"]),
                  "n_compute": s["n_compute"],
                  "compute_correlation": num(s["compute_correlation"])})
        if "correlate_with" in s:
            e["correlate_with"] = s["correlate_with"]
            e["n_reference"] = s["n_reference"]
            e["reference_correlation"] = num(s["reference_correlation"])
        for k in ("pearson", "slope", "slope_stderr", "standardized_slope", "compute_slope",
                  "mean", "sd"):
            e[k] = num(s[k])
        e["n_mode"] = s["n_mode"]
        e["near_constant"] = bool(s["near_constant"])
        e["residual_basis"] = basis.get(b)
        e["verdict"] = VERDICT_IDS[s["verdict"]]
        e["verdict_label"] = VERDICT_LABELS[s["verdict"]]
        e["verdict_basis"] = "reference" if "correlate_with" in s else "capabilities"
        if info["target"] is None:  # -|x - t| cannot be turned back into x
            expected = s["mean"] + s["sd"] * expected_z[b]
            if not info["higher_is_better"]:
                expected = -expected
        else:
            expected = pd.Series(np.nan, index=ids)
        cols = pd.DataFrame({"value": raw[b], "z": z[b], "expected": expected,
                             "expected_z": expected_z[b], "residual": residual[b],
                             "leaderboard_residual": lb_res[b] if b in basis else np.nan})
        cols = cols[cols["value"].notna()].astype(object).where(cols.notna(), None)
        per_model = []
        for m, v, zz, ex, ez, r, lr in cols.itertuples():
            pm = {"model": m, "value": v}
            se, n = data["extra"].get((cid, m, b), (None, None))
            if se is not None:
                pm["stderr"] = se
            if n is not None:
                pm["n"] = n
            pm.update(z=zz, expected=ex, expected_z=ez, residual=r)
            if b in basis:
                pm["leaderboard_residual"] = lr
            per_model.append(pm)
        e["models"] = per_model
        bench_out.append(e)

    leader_out = []
    for m, row in lb.iterrows():
        sr, dr = rank(row["safety_rank"]), rank(row["decorrelated_rank"])
        rs = rank(row["raw_rank_scored"])
        leader_out.append({
            "model": m, "name": cmeta.at[m, "name"], "capability_score": num(score[m]),
            "safety_score": num(row["safety_score"]), "safety_rank": sr,
            "decorrelated_score": num(row["decorrelated_score"]), "decorrelated_rank": dr,
            "rank_change": rs - dr if rs and dr else None,
            "coverage": num(row["covered"] / len(board)) if board else None,
            "n_benchmarks": int(row["covered"]),
            "areas": [{"area": a, "safety_score": num(area_safety.at[m, a]),
                       "decorrelated_score": num(area_decor.at[m, a]),
                       "n": int(area_n.at[m, a])} for a in areas]})

    areas_out = []
    for a in areas:
        members = [b for b in safety if bench.at[b, "area"] == a]
        cc = [stats[b]["capabilities_correlation"] for b in members]
        cc = [r for r in cc if np.isfinite(r)]
        counts = pd.Series([stats[b]["verdict"] for b in members], dtype=int).value_counts()
        areas_out.append({"id": a, "benchmarks": members, "n_benchmarks": len(members),
                          "mean_capabilities_correlation": num(np.mean(cc)) if cc else None,
                          "safety_sd": num(area_sd[a][0]),
                          "decorrelated_sd": num(area_sd[a][1]),
                          "verdicts": {VERDICT_IDS[v]: int(counts.get(v, 0))
                                       for v in range(len(VERDICT_IDS))}})

    return {
        "id": cid, "title": title, "n_models": len(ids),
        "n_models_scored": int(score.notna().sum()),
        "n_models_with_flop": int(cmeta["training_flop"].notna().sum()),
        "n_benchmarks": len(res_ids),
        "capability": {
            "benchmarks": cap, "n_models": n_complete, "variance_explained": num(ve),
            "eigenvalues": [float(x) for x in eigenvalues] if eigenvalues is not None else [],
            "loadings": [{"benchmark": b, "name": bench.at[b, "name"], "loading": float(loadings[b])}
                         for b in cap] if loadings is not None else [],
            "matrix": [[num(x) for x in row] for row in matrix.to_numpy()]
                      if matrix is not None else [],
            "intercorrelation_mean": num(inter_mean), "intercorrelation_sd": num(inter_sd),
            "note": note},
        "models": models_out, "benchmarks": bench_out, "leaderboard": leader_out,
        "areas": areas_out}


def analyze(content):
    data = load_content(content)
    return {"generator": {"name": "analysis_pandas.py", "pandas": pd.__version__,
                          "numpy": np.__version__},
            "method": {"mode": "paper", "threshold_high": data["high"],
                       "threshold_low": data["low"], "min_models": MIN_MODELS,
                       "correlation": "spearman", "sd": "population"},
            "cohorts": [analyze_cohort(data, cid, title) for _, cid, title in data["cohorts"]]}


# ------------------------------------------------------------------------------------ check

def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (str, list, dict)) or isinstance(b, (str, list, dict)):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=TOL, abs_tol=TOL)


# Every key this implementation computes is compared; keys it does not compute (site
# metadata, and everything `--bootstrap N` adds: *_ci_*, *_fisher_*, *_valid, verdict_*
# confidence, loo_*, pc1_*, method.bootstrap) are ignored, so the report may carry them.
COHORT_KEYS = ["title", "n_models", "n_models_scored", "n_models_with_flop", "n_benchmarks"]
CAPABILITY_KEYS = ["benchmarks", "n_models", "variance_explained", "intercorrelation_mean",
                   "intercorrelation_sd"]
MODEL_KEYS = ["name", "training_flop", "log10_training_flop", "capability_score",
              "capability_rank"]
BENCH_KEYS = ["capabilities_correlation", "compute_correlation", "reference_correlation",
              "slope", "standardized_slope",
              "n", "n_values", "n_compute", "n_reference", "correlate_with", "pearson",
              "slope_stderr", "compute_slope", "mean", "sd", "n_mode", "near_constant",
              "residual_basis", "aggregate_of", "target", "role", "area", "verdict",
              "verdict_label", "verdict_basis"]
SCORE_KEYS = ["value", "stderr", "n", "z", "expected", "residual", "leaderboard_residual"]
LEADER_KEYS = ["decorrelated_score",
               "capability_score", "safety_score", "safety_rank", "decorrelated_rank",
               "rank_change", "n_benchmarks", "coverage"]
LEADER_AREA_KEYS = ["safety_score", "decorrelated_score", "n"]
AREA_KEYS = ["benchmarks", "n_benchmarks", "mean_capabilities_correlation", "safety_sd",
             "decorrelated_sd", "verdicts"]


def check(ours, theirs):
    """Mismatches between our report and the C report, as lines."""
    bad = []
    counted = {"variance_explained": 0, "cohort figures": 0, "capability figures": 0, "model figures": 0,
               "benchmark figures": 0, "per-model benchmark figures": 0,
               "leaderboard scores": 0, "leaderboard area figures": 0, "area figures": 0}

    def cmp(where, a, b, what):
        counted[what] += 1
        if not close(a, b):
            bad.append("%s: C %r, pandas %r" % (where, b, a))

    def cmp_keys(where, o, t, keys, what, always=False):
        """Compare keys present in either (or every key, when always: a missing key is null)."""
        for k in keys:
            if always or k in o or k in t:
                if k not in t and k in o and o[k] is not None:
                    bad.append("%s.%s: missing in C, pandas %r" % (where, k, o[k]))
                    counted[what] += 1
                elif k not in o and k in t and t[k] is not None:
                    bad.append("%s.%s: C %r, missing in pandas" % (where, k, t[k]))
                    counted[what] += 1
                else:
                    cmp("%s.%s" % (where, k), o.get(k), t.get(k), what)

    def by(items, key):
        return {x[key]: x for x in items or []}

    tc, oc = by(theirs.get("cohorts"), "id"), by(ours["cohorts"], "id")
    if list(tc) != list(oc):
        bad.append("cohorts: C %s, pandas %s" % (list(tc), list(oc)))
    for cid in [c for c in oc if c in tc]:
        o, t = oc[cid], tc[cid]
        cmp_keys(cid, o, t, COHORT_KEYS, "cohort figures", always=True)
        oca, tca = o["capability"], t.get("capability") or {}
        cmp("%s.capability.variance_explained" % cid, oca["variance_explained"],
            tca.get("variance_explained"), "variance_explained")
        cmp_keys(cid + ".capability", oca, tca, CAPABILITY_KEYS[:2] + CAPABILITY_KEYS[3:],
                 "capability figures", always=True)
        if (tca.get("note") is None) != (oca["note"] is None):
            bad.append("%s.capability.note: C %r, pandas %r" % (cid, tca.get("note"), oca["note"]))
        te = tca.get("eigenvalues") or []
        if len(te) != len(oca["eigenvalues"]):
            bad.append("%s.capability.eigenvalues: C has %d, pandas %d" % (
                cid, len(te), len(oca["eigenvalues"])))
        for i, (a, b) in enumerate(zip(oca["eigenvalues"], te)):
            cmp("%s.capability.eigenvalues[%d]" % (cid, i), a, b, "capability figures")
        tl = {e["benchmark"]: e["loading"] for e in tca.get("loadings") or []}
        if set(tl) != {e["benchmark"] for e in oca["loadings"]}:
            bad.append("%s.capability.loadings: C %s, pandas %s" % (
                cid, sorted(tl), sorted(e["benchmark"] for e in oca["loadings"])))
        for e in oca["loadings"]:
            cmp("%s.capability.loading[%s]" % (cid, e["benchmark"]), e["loading"],
                tl.get(e["benchmark"]), "capability figures")
        tmx = tca.get("matrix") or []
        if len(tmx) != len(oca["matrix"]):
            bad.append("%s.capability.matrix: C %d rows, pandas %d" % (
                cid, len(tmx), len(oca["matrix"])))
        for i, (ra, rb) in enumerate(zip(oca["matrix"], tmx)):
            for j, (a, b) in enumerate(zip(ra, rb)):
                cmp("%s.capability.matrix[%d][%d]" % (cid, i, j), a, b, "capability figures")

        tm = by(t.get("models"), "id")
        if [m["id"] for m in o["models"]] != [m["id"] for m in t.get("models") or []]:
            bad.append("%s.models: the models or their order differ" % cid)
        for m in o["models"]:
            if m["id"] in tm:
                cmp_keys("%s.models[%s]" % (cid, m["id"]), m, tm[m["id"]], MODEL_KEYS,
                         "model figures")

        tb, ob = by(t.get("benchmarks"), "id"), by(o["benchmarks"], "id")
        if set(tb) != set(ob):
            bad.append("%s.benchmarks: only in C %s, only in pandas %s" % (
                cid, sorted(set(tb) - set(ob)), sorted(set(ob) - set(tb))))
        if [b for b in ob if b in tb] != [b for b in tb if b in ob]:
            bad.append("%s.benchmarks: order differs" % cid)
        for bid in [b for b in ob if b in tb]:
            where = "%s.benchmarks[%s]" % (cid, bid)
            cmp_keys(where, ob[bid], tb[bid], BENCH_KEYS, "benchmark figures", always=True)
            tpm, opm = by(tb[bid].get("models"), "model"), by(ob[bid]["models"], "model")
            if list(tpm) != list(opm):
                bad.append("%s.models: C has %d, pandas %d (or the order differs)" % (
                    where, len(tpm), len(opm)))
            for mid in [m for m in opm if m in tpm]:
                cmp_keys("%s.models[%s]" % (where, mid), opm[mid], tpm[mid], SCORE_KEYS,
                         "per-model benchmark figures")

        tlb = by(t.get("leaderboard"), "model")
        if [e["model"] for e in o["leaderboard"]] != [e["model"] for e in t.get("leaderboard") or []]:
            bad.append("%s.leaderboard: order differs" % cid)
        for e in o["leaderboard"]:
            te = tlb.get(e["model"])
            if te is None:
                bad.append("%s.leaderboard: %s missing in C" % (cid, e["model"]))
                continue
            where = "%s.leaderboard[%s]" % (cid, e["model"])
            cmp_keys(where, e, te, LEADER_KEYS, "leaderboard scores", always=True)
            ta = by(te.get("areas"), "area")
            if list(ta) != [a["area"] for a in e["areas"]]:
                bad.append("%s.areas: C %s, pandas %s" % (where, list(ta),
                                                          [a["area"] for a in e["areas"]]))
            for a in e["areas"]:
                cmp_keys("%s.areas[%s]" % (where, a["area"]), a, ta.get(a["area"], {}),
                         LEADER_AREA_KEYS, "leaderboard area figures", always=True)

        ta, oa = by(t.get("areas"), "id"), by(o["areas"], "id")
        if list(ta) != list(oa):
            bad.append("%s.areas: C %s, pandas %s" % (cid, list(ta), list(oa)))
        for a in [a for a in oa if a in ta]:
            cmp_keys("%s.areas[%s]" % (cid, a), oa[a], ta[a], AREA_KEYS, "area figures",
                     always=True)
    return bad, counted


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--content", default="content", help="content directory (default: content)")
    ap.add_argument("--check", metavar="REPORT.json",
                    help="compare with the JSON report of `washboard analyze --format json`")
    args = ap.parse_args()
    report = analyze(args.content)
    if args.check:
        theirs = read_json(args.check)
        bad, counted = check(report, theirs)
        what = ", ".join("%d %s" % (n, k) for k, n in counted.items())
        if bad:
            print("cross-check: %d mismatch(es) against %s (compared %s; tolerance %g):"
                  % (len(bad), args.check, what, TOL))
            for line in bad:
                print("  " + line)
            return 1
        print("cross-check: OK, C and pandas agree to %g (compared %s)" % (TOL, what))
        return 0
    sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
