#!/usr/bin/python3
"""The washboard analysis (docs/method.md, sections 1 and 2) in Python + pandas.

A reference implementation and the baseline of `make bench`: it reads the same native
content directory as `washboard analyze` and prints a JSON report with the same key names
(the subset that the method computes; no site metadata).

usage: /usr/bin/python3 bench/analysis_pandas.py [--content DIR] [--check REPORT.json]

With --check, the numbers of REPORT.json (the output of `washboard analyze --format json`)
are compared with this implementation's to 1e-9 (relative or absolute); every mismatch is
listed and the exit code is 1. Needs only pandas and numpy (no scipy).
"""

import argparse
import json
import math
import os
import sys

import numpy as np
import pandas as pd

MIN_MODELS = 5
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
    for col in ("correlate_with", "area"):
        if col not in bench:
            bench[col] = None
    bench["area"] = [a if isinstance(a, str) else
                     ("capabilities" if r == "capability" else "unclassified")
                     for a, r in zip(bench["area"], bench["role"])]
    bench["correlate_with"] = bench["correlate_with"].where(bench["correlate_with"].notna(), None)
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


def verdict(r, high, low):
    if not np.isfinite(r):
        return 4
    if r >= high:
        return 0
    if r >= low:
        return 1
    if r > -low:
        return 2
    return 3


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

    # 1. orient: every benchmark, so correlate_with can read any of them
    sign = np.where(bench["higher_is_better"].astype(bool), 1.0, -1.0)
    oriented_all = raw * sign
    has_value = raw.notna().any()
    res_ids = [b for b in bench.index if bench.at[b, "role"] != "ignore" and has_value[b]]
    oriented = oriented_all[res_ids]

    # 2. z-scores, population SD; a constant column has no z
    mean = oriented.mean()
    sd = oriented.std(ddof=0)
    sd[oriented.nunique() <= 1] = 0.0
    z = (oriented - mean) / sd.where(sd > 0)

    # 3.-5. capability matrix, PC1, capabilities score
    cap = [b for b in res_ids if bench.at[b, "role"] == "capability"]
    complete = z[cap].dropna()
    score = pd.Series(np.nan, index=ids)
    matrix = eigenvalues = loadings = None
    ve = inter_mean = inter_sd = np.nan
    note = None
    if not cap:
        note = "this cohort has no capability benchmarks"
    elif len(complete) < MIN_MODELS:
        note = "only %d models have all %d capability benchmarks (at least %d are needed)" % (
            len(complete), len(cap), MIN_MODELS)
    else:
        matrix = complete.corr(method="spearman")
        np.fill_diagonal(matrix.values, 1.0)
        if not np.isfinite(matrix.to_numpy()).all():
            note = "a capability benchmark has no defined rank correlation (a constant column?)"
            matrix = None
    if matrix is not None:
        w, v = np.linalg.eigh(matrix.to_numpy())
        order = np.argsort(w)[::-1]
        eigenvalues, pc1 = w[order], v[:, order[0]].copy()
        if pc1[np.argmax(np.abs(pc1))] < 0:
            pc1 = -pc1
        loadings = pd.Series(pc1, index=cap)
        ve = eigenvalues[0] / eigenvalues.sum()
        off = matrix.to_numpy()[np.triu_indices(len(cap), 1)]
        inter_mean, inter_sd = (off.mean(), off.std(ddof=0)) if len(off) else (np.nan, np.nan)
        score = (complete @ loadings).reindex(ids)
    score_rank = score.rank(method="min", ascending=False)

    # 6.-7. per benchmark, pairwise deletion
    log_flop = np.log10(cmeta["training_flop"])
    stats = {}
    expected_z, residual = {}, {}  # benchmark -> Series over the models with a residual
    for b in res_ids:
        s = dict(n_values=int(oriented[b].notna().sum()), mean=mean[b],
                 sd=sd[b] if oriented[b].notna().any() else np.nan,
                 capabilities_correlation=np.nan, pearson=np.nan, slope=np.nan,
                 slope_stderr=np.nan, standardized_slope=np.nan, compute_correlation=np.nan,
                 compute_slope=np.nan)
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

    # 8. decorrelated leaderboard over the safety benchmarks, per area then overall
    safety = [b for b in res_ids if bench.at[b, "role"] == "safety"]
    area_of = bench.loc[safety, "area"]
    n_safety = sum(np.isfinite(stats[b]["standardized_slope"]) for b in safety)
    area_z = z[safety].T.groupby(area_of).mean().T
    area_res = residual[safety].T.groupby(area_of).mean().T
    area_nz = z[safety].notna().T.groupby(area_of).sum().T
    area_nr = residual[safety].notna().T.groupby(area_of).sum().T
    areas = list(area_z.columns)
    lb = pd.DataFrame({"safety_score": area_z.mean(axis=1),
                       "decorrelated_score": area_res.mean(axis=1),
                       "covered": residual[safety].notna().sum(axis=1)}, index=ids)
    lb["safety_rank"] = lb["safety_score"].rank(method="min", ascending=False)
    lb["decorrelated_rank"] = lb["decorrelated_score"].rank(method="min", ascending=False)
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
             "metric": info.get("metric"), "higher_is_better": bool(info["higher_is_better"]),
             "n_values": s["n_values"], "n": s["n"],
             "capabilities_correlation": num(s["capabilities_correlation"]),
             "n_compute": s["n_compute"], "compute_correlation": num(s["compute_correlation"])}
        if "correlate_with" in s:
            e["correlate_with"] = s["correlate_with"]
            e["n_reference"] = s["n_reference"]
            e["reference_correlation"] = num(s["reference_correlation"])
        for k in ("pearson", "slope", "slope_stderr", "standardized_slope", "compute_slope",
                  "mean", "sd"):
            e[k] = num(s[k])
        e["verdict"] = VERDICT_IDS[s["verdict"]]
        e["verdict_label"] = VERDICT_LABELS[s["verdict"]]
        e["verdict_basis"] = "reference" if "correlate_with" in s else "capabilities"
        expected = s["mean"] + s["sd"] * expected_z[b]
        if not info["higher_is_better"]:
            expected = -expected
        cols = pd.DataFrame({"value": raw[b], "z": z[b], "expected": expected,
                             "expected_z": expected_z[b], "residual": residual[b]})
        cols = cols[cols["value"].notna()].astype(object).where(cols.notna(), None)
        per_model = []
        for m, v, zz, ex, ez, r in cols.itertuples():
            pm = {"model": m, "value": v}
            se, n = data["extra"].get((cid, m, b), (None, None))
            if se is not None:
                pm["stderr"] = se
            if n is not None:
                pm["n"] = n
            pm.update(z=zz, expected=ex, expected_z=ez, residual=r)
            per_model.append(pm)
        e["models"] = per_model
        bench_out.append(e)

    leader_out = []
    for m, row in lb.iterrows():
        sr, dr = rank(row["safety_rank"]), rank(row["decorrelated_rank"])
        leader_out.append({
            "model": m, "name": cmeta.at[m, "name"], "capability_score": num(score[m]),
            "safety_score": num(row["safety_score"]), "safety_rank": sr,
            "decorrelated_score": num(row["decorrelated_score"]), "decorrelated_rank": dr,
            "rank_change": sr - dr if sr and dr else None,
            "coverage": num(row["covered"] / n_safety) if n_safety else None,
            "n_benchmarks": int(row["covered"]),
            "areas": [{"area": a, "safety_score": num(area_z.at[m, a]),
                       "decorrelated_score": num(area_res.at[m, a]),
                       "n": int(area_nr.at[m, a] or area_nz.at[m, a])} for a in areas]})

    areas_out = []
    for a in areas:
        members = [b for b in safety if area_of[b] == a]
        cc = [stats[b]["capabilities_correlation"] for b in members]
        cc = [r for r in cc if np.isfinite(r)]
        counts = pd.Series([stats[b]["verdict"] for b in members]).value_counts()
        areas_out.append({"id": a, "benchmarks": members, "n_benchmarks": len(members),
                          "mean_capabilities_correlation": num(np.mean(cc)) if cc else None,
                          "verdicts": {VERDICT_IDS[v]: int(counts.get(v, 0))
                                       for v in range(len(VERDICT_IDS))}})

    return {
        "id": cid, "title": title, "n_models": len(ids),
        "n_models_scored": int(score.notna().sum()),
        "n_models_with_flop": int(cmeta["training_flop"].notna().sum()),
        "n_benchmarks": len(res_ids),
        "capability": {
            "benchmarks": cap, "n_models": len(complete), "variance_explained": num(ve),
            "eigenvalues": [float(x) for x in eigenvalues] if eigenvalues is not None else [],
            "loadings": [{"benchmark": b, "name": bench.at[b, "name"], "loading": float(loadings[b])}
                         for b in cap] if loadings is not None else [],
            "matrix": matrix.to_numpy().tolist() if matrix is not None else [],
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
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=TOL, abs_tol=TOL)


# The figures the brief names, then further ones compared as well.
BENCH_KEYS = ["capabilities_correlation", "compute_correlation", "reference_correlation",
              "slope", "standardized_slope",
              "n", "n_compute", "n_reference", "pearson", "slope_stderr", "compute_slope",
              "mean", "sd", "verdict"]
LEADER_KEYS = ["decorrelated_score",
               "capability_score", "safety_score", "safety_rank", "decorrelated_rank",
               "n_benchmarks", "coverage"]


def check(ours, theirs):
    """Mismatches between our report and the C report, as lines."""
    bad = []

    def cmp(where, a, b):
        if not close(a, b):
            bad.append("%s: C %r, pandas %r" % (where, b, a))

    counted = {"variance_explained": 0, "benchmark figures": 0, "leaderboard scores": 0}
    tc = {c["id"]: c for c in theirs.get("cohorts", [])}
    oc = {c["id"]: c for c in ours["cohorts"]}
    if set(tc) != set(oc):
        bad.append("cohorts: C %s, pandas %s" % (sorted(tc), sorted(oc)))
    for cid in [c for c in oc if c in tc]:
        o, t = oc[cid], tc[cid]
        cmp("%s.capability.variance_explained" % cid, o["capability"]["variance_explained"],
            t["capability"]["variance_explained"])
        counted["variance_explained"] += 1
        cmp("%s.capability.n_models" % cid, o["capability"]["n_models"],
            t["capability"]["n_models"])
        for i, (a, b) in enumerate(zip(o["capability"]["eigenvalues"],
                                       t["capability"].get("eigenvalues") or [])):
            cmp("%s.capability.eigenvalues[%d]" % (cid, i), a, b)
        tl = {e["benchmark"]: e["loading"] for e in t["capability"].get("loadings") or []}
        for e in o["capability"]["loadings"]:
            cmp("%s.capability.loading[%s]" % (cid, e["benchmark"]), e["loading"],
                tl.get(e["benchmark"]))
        tm = {m["id"]: m for m in t.get("models", [])}
        for m in o["models"]:
            cmp("%s.models[%s].capability_score" % (cid, m["id"]), m["capability_score"],
                tm.get(m["id"], {}).get("capability_score"))

        tb = {b["id"]: b for b in t.get("benchmarks", [])}
        ob = {b["id"]: b for b in o["benchmarks"]}
        if set(tb) != set(ob):
            bad.append("%s.benchmarks: only in C %s, only in pandas %s" % (
                cid, sorted(set(tb) - set(ob)), sorted(set(ob) - set(tb))))
        if [b["id"] for b in o["benchmarks"]] != [b["id"] for b in t.get("benchmarks", [])]:
            bad.append("%s.benchmarks: order differs" % cid)
        for bid in [b for b in ob if b in tb]:
            for k in BENCH_KEYS:
                if k in ob[bid] or k in tb[bid]:
                    cmp("%s.benchmarks[%s].%s" % (cid, bid, k), ob[bid].get(k), tb[bid].get(k))
                    counted["benchmark figures"] += 1

        tlb = {e["model"]: e for e in t.get("leaderboard", [])}
        if [e["model"] for e in o["leaderboard"]] != [e["model"] for e in t.get("leaderboard", [])]:
            bad.append("%s.leaderboard: order differs" % cid)
        for e in o["leaderboard"]:
            te = tlb.get(e["model"])
            if te is None:
                bad.append("%s.leaderboard: %s missing in C" % (cid, e["model"]))
                continue
            for k in LEADER_KEYS:
                cmp("%s.leaderboard[%s].%s" % (cid, e["model"], k), e.get(k), te.get(k))
            counted["leaderboard scores"] += 1
            ta = {a["area"]: a for a in te.get("areas", [])}
            for a in e["areas"]:
                for k in ("safety_score", "decorrelated_score", "n"):
                    cmp("%s.leaderboard[%s].areas[%s].%s" % (cid, e["model"], a["area"], k),
                        a[k], ta.get(a["area"], {}).get(k))
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
