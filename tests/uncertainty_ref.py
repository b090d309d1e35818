#!/usr/bin/python3
"""Independent reference of washboard's method and bootstrap (docs/method.md sections 1-5).

usage: /usr/bin/python3 tests/uncertainty_ref.py --content DIR [--bootstrap N] [--seed S]
           [--unit model|family] [--ci-level L] [--ci-method percentile|bca]
           [--check REPORT.json] [--self-test]

It reads a native content directory (README "Content format") and prints {"cohorts": [...]}
with the key names of `washboard analyze --format json`. With --check REPORT.json it compares
every number it computes with that report (the output of `washboard analyze --format json`
run with the same options): numbers to 1e-9 (absolute or relative), strings, booleans and
lists of flips exactly, null against null. Every mismatch is listed (50 lines at most, then a
count); the exit code is 1 on any mismatch or on a key missing from the report.

It is written to be independent of the C code's weighted algorithms: each resample's weights
come from the splitmix64 stream of method.md section 3, then the *expanded* sample (every
model repeated w times) is analysed with the plain method (scipy's average ranks, Pearson
correlations of ranks, numpy's eigh, closed-form OLS, population SDs), and the fitted
parameters (z-score means and SDs, PC1, residual fits, residual and area SDs) are applied to
every model of the cohort. A model of weight 0 is absent from the expanded sample, so
"leave one out" is the same code with one weight 0.

--self-test checks that a resample of all weights 1 reproduces the point estimates exactly
(and that doubling every weight changes nothing), that the type-7 quantile agrees with
numpy's percentile, prints the figures of a few benchmarks and exits.

Where method.md leaves a choice open, this file takes the one noted at the code:
  - "SD 0" and "non-constant" are exact: the values are all equal (not a computed SD that
    happens to be 1e-17), for z-scores, correlations, residual fits and area SDs;
  - per-model `residual` and `expected` come from the OLS of z on the capabilities score
    (section 1.7's standardized slope and intercept) for every benchmark; the residual fit on
    the basis (section 2.2) gives `leaderboard_residual`, the scaled residual;
  - z-scores and area SDs need no minimum of distinct models (only SD > 0); the 5-distinct
    rule applies to the capabilities score and to every paired statistic and residual fit;
  - BCa's "share of values < the point estimate" counts values within 1e-9 (relative, or
    absolute below 1) of the point estimate as equal, not less;
  - the Fisher interval and `_valid` are given for the three Spearman correlations;
  - the PC1 cosines are over the resamples where PC1 is defined (no 90 % rule);
  - `loo_rank_move_model` is the first drop (cohort order) with the largest |move|, also
    when that move is 0; leaderboard `areas[].n` counts the benchmarks behind the model's
    decorrelated area score when it has one, else behind its raw one;
  - without a capabilities score in the cohort, the leave-one-capability-benchmark-out
    values are null and there are no flips.

Needs numpy and scipy (Debian: python3-numpy python3-scipy).
"""

import argparse
import json
import math
import os
import sys
import warnings

import numpy as np
from scipy import stats as ss

MIN_DISTINCT = 5
MIN_VALID_SHARE = 0.9
TOL = 1e-9
MAX_LINES = 50
EQ_TOL = 1e-9
VERDICTS = ["tracks-capabilities", "moderate", "distinct", "worsens-with-capabilities",
            "insufficient-data"]
INSUFFICIENT = 4
MASK64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
CORRELATIONS = ["capabilities_correlation", "compute_correlation", "reference_correlation"]
CI_STATS = ["capabilities_correlation", "pearson", "compute_correlation",
            "reference_correlation", "slope", "standardized_slope", "compute_slope"]
N_KEYS = {"capabilities_correlation": "n", "compute_correlation": "n_compute",
          "reference_correlation": "n_reference"}

warnings.filterwarnings("ignore", category=RuntimeWarning)
NAN = float("nan")


# ------------------------------------------------------------------------------ the stream

def splitmix_weights(seed, r, units, n_models):
    """The integer weights of resample r (method.md section 3)."""
    u = len(units)
    state = (seed ^ (GOLDEN * (r + 1))) & MASK64
    limit = (1 << 64) - ((1 << 64) % u)
    w = np.zeros(n_models, dtype=np.int64)
    for _ in range(u):
        while True:
            state = (state + GOLDEN) & MASK64
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
            z ^= z >> 31
            if z < limit:
                break
        w[units[z % u]] += 1
    return w


# --------------------------------------------------------------------------------- content

def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def score_value(v):
    if isinstance(v, dict):
        v = v.get("value")
    return float(v) if is_number(v) else None


def load(content):
    site = read_json(os.path.join(content, "site.json"))
    th = site.get("thresholds") or {}
    high = float(th.get("high", 0.6))
    low = float(th.get("low", 0.4))
    benches = read_json(os.path.join(content, "benchmarks.json"))["benchmarks"]
    for b in benches:
        b.setdefault("name", b["id"])
        if not isinstance(b.get("area"), str):
            b["area"] = "capabilities" if b["role"] == "capability" else "unclassified"
    models_dir = os.path.join(content, "models")
    defs = site.get("cohorts")
    if defs:
        cohorts = sorted(((c.get("order", i), c["id"]) for i, c in enumerate(defs)))
        cohorts = [c for _, c in cohorts]
    else:
        cohorts = sorted(d for d in os.listdir(models_dir)
                         if os.path.isdir(os.path.join(models_dir, d)))
    out = []
    for cid in cohorts:
        cdir = os.path.join(models_dir, cid)
        models = []
        if os.path.isdir(cdir):
            for fn in sorted(os.listdir(cdir)):
                if fn.endswith(".json"):
                    m = read_json(os.path.join(cdir, fn))
                    m["id"] = m.get("id") or fn[:-5]
                    models.append(m)
        models.sort(key=lambda m: m["id"])
        out.append(Cohort(cid, models, benches, high, low))
    return out


def orient_value(b, x):
    if x is None:
        return NAN
    if is_number(b.get("target")):
        return -abs(x - float(b["target"]))
    if b.get("higher_is_better") is False:
        return -x
    return x


# ------------------------------------------------------------------------------ statistics

def rank_desc(v):
    """Competition ranks, descending ("1224"), NaN where v is NaN."""
    out = np.full(len(v), NAN)
    ok = np.isfinite(v)
    vals = v[ok]
    out[ok] = [1 + int(np.sum(vals > x)) for x in vals]
    return out


def round12(r):
    x = r * 1e12
    return math.copysign(math.floor(abs(x) + 0.5), x) / 1e12


def verdict_code(r, high, low):
    if r is None or not math.isfinite(r):
        return INSUFFICIENT
    r = round12(r)
    if r >= high:
        return 0
    if r >= low:
        return 1
    if r > -low:
        return 2
    return 3


def nonconstant(a):
    """Per column of a (R x B): True where the finite values exist and are not all equal."""
    if a.shape[0] == 0:
        return np.zeros(a.shape[1:], bool)
    with np.errstate(invalid="ignore"):
        return np.nanmax(a, axis=0) > np.nanmin(a, axis=0)


def col_pearson(x, y):
    """Column-wise Pearson of two R x B arrays with NaN in the same places."""
    mx = np.nanmean(x, axis=0)
    my = np.nanmean(y, axis=0)
    dx, dy = x - mx, y - my
    sxy = np.nansum(dx * dy, axis=0)
    sxx = np.nansum(dx * dx, axis=0)
    syy = np.nansum(dy * dy, axis=0)
    return sxy / np.sqrt(sxx * syy)


def col_ols(x, y):
    """Column-wise OLS of y on x (NaN in the same places): slope, intercept, stderr, n."""
    n = np.sum(np.isfinite(x), axis=0)
    mx = np.nanmean(x, axis=0)
    my = np.nanmean(y, axis=0)
    dx = x - mx
    sxx = np.nansum(dx * dx, axis=0)
    slope = np.nansum(dx * (y - my), axis=0) / sxx
    icpt = my - slope * mx
    res = y - (icpt + slope * x)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt(np.nansum(res * res, axis=0) / (n - 2) / sxx)
    se = np.where(n >= 3, se, NAN)
    return slope, icpt, se, n


def pair_stats(xe, ye, xm, ym, inres, ranks=True):
    """Pairwise statistics of the columns of xe against ye (expanded rows, R x B; ye may be
    R x 1) and their model-level counterparts xm, ym (M x B) for the distinct-model count.
    Returns dict: n (rows), distinct, ok (>= 5 distinct, both non-constant), rho, r, and the
    masked arrays."""
    ye = np.broadcast_to(ye, xe.shape)
    mask = np.isfinite(xe) & np.isfinite(ye)
    x = np.where(mask, xe, NAN)
    y = np.where(mask, ye, NAN)
    distinct = np.sum(np.isfinite(xm) & np.isfinite(np.broadcast_to(ym, xm.shape))
                      & inres[:, None], axis=0)
    ok = (distinct >= MIN_DISTINCT) & nonconstant(x) & nonconstant(y)
    out = {"n": mask.sum(axis=0), "distinct": distinct, "ok": ok, "x": x, "y": y}
    if ranks:
        rx = ss.rankdata(x, axis=0, nan_policy="omit") if x.size else x
        ry = ss.rankdata(y, axis=0, nan_policy="omit") if y.size else y
        out["rho"] = np.where(ok, col_pearson(rx, ry), NAN)
    out["r"] = np.where(ok, col_pearson(x, y), NAN)
    return out


def type7(sorted_vals, p):
    """Linear interpolation between order statistics at position p (m - 1)."""
    m = len(sorted_vals)
    pos = p * (m - 1)
    lo = int(math.floor(pos))
    if lo >= m - 1:
        return float(sorted_vals[m - 1])
    if lo < 0:
        return float(sorted_vals[0])
    frac = pos - lo
    return float(sorted_vals[lo] + frac * (sorted_vals[lo + 1] - sorted_vals[lo]))


# ---------------------------------------------------------------------------------- cohort

class Cohort:
    def __init__(self, cid, models, benches, high, low):
        self.id, self.high, self.low = cid, high, low
        self.models = models
        self.ids = [m["id"] for m in models]
        self.names = [m.get("name") or m.get("source_id") or m["id"] for m in models]
        M = self.M = len(models)
        flop = [m.get("training_flop") for m in models]
        self.logflop = np.array([math.log10(f) if is_number(f) and f > 0 else NAN
                                 for f in flop])
        byid = {b["id"]: b for b in benches}
        raw_all = {b["id"]: [score_value((m.get("scores") or {}).get(b["id"])) for m in models]
                   for b in benches}
        self.benches = [b for b in benches if b["role"] != "ignore"
                        and any(v is not None for v in raw_all[b["id"]])]
        B = self.B = len(self.benches)
        self.bid = [b["id"] for b in self.benches]
        self.raw = np.array([[NAN if v is None else v for v in raw_all[b]] for b in self.bid]
                            ).T.reshape(M, B)
        self.X = np.array([[orient_value(b, v) for v in raw_all[b["id"]]]
                           for b in self.benches]).T.reshape(M, B)
        self.REF = np.full((M, B), NAN)
        self.has_ref = np.zeros(B, bool)
        for j, b in enumerate(self.benches):
            ref = b.get("correlate_with")
            if ref:
                self.has_ref[j] = True
                if ref in byid:
                    self.REF[:, j] = [orient_value(byid[ref], v) for v in raw_all[ref]]
        self.cap = [j for j, b in enumerate(self.benches) if b["role"] == "capability"]
        self.lb = [j for j, b in enumerate(self.benches)
                   if b["role"] == "safety" and not b.get("aggregate_of")]
        self.areas = sorted({self.benches[j]["area"] for j in self.lb})
        self.area_cols = {a: [k for k, j in enumerate(self.lb) if self.benches[j]["area"] == a]
                          for a in self.areas}
        fam = {}
        units = []
        for i, m in enumerate(models):
            f = m.get("family")
            if isinstance(f, str) and f:
                if f not in fam:
                    fam[f] = len(units)
                    units.append([])
                units[fam[f]].append(i)
            else:
                units.append([i])
        self.family_units = [np.array(u) for u in units]
        self.model_units = [np.array([i]) for i in range(M)]

    # ---------------------------------------------------------------------------- the fit
    def fit(self, w, cap=None, pc1_ref=None, detail=False, only_capability=False):
        """The method on the sample where model i counts w[i] times; parameters applied to
        every model. pc1_ref None: the full-sample sign rule (largest entry positive)."""
        X, M, B = self.X, self.M, self.B
        w = np.asarray(w, dtype=np.int64)
        idx = np.repeat(np.arange(M), w)
        inres = w > 0
        cap = self.cap if cap is None else cap
        fin = np.isfinite(X)
        complete = fin[:, cap].all(axis=1) if cap else np.zeros(M, bool)
        has_score = bool(cap) and int(np.sum(complete & inres)) >= MIN_DISTINCT
        Xe = X[idx]
        # z-score parameters
        Xz = Xe.copy()
        if has_score:
            ce = complete[idx]
            for j in cap:
                Xz[~ce, j] = NAN
        mean = np.nanmean(Xz, axis=0) if len(idx) else np.full(B, NAN)
        sd = np.nanstd(Xz, axis=0) if len(idx) else np.full(B, NAN)
        sd = np.where(nonconstant(Xz), sd, NAN)
        Z = (X - mean) / sd
        res = {"mean": mean, "sd": sd, "Z": Z}
        # capabilities score
        s = np.full(M, NAN)
        pc1 = lam = None
        ve = NAN
        if has_score:
            C = Xe[complete[idx]][:, cap]
            if np.all(np.isfinite(sd[cap])):
                rk = ss.rankdata(C, axis=0)
                mat = np.atleast_2d(np.corrcoef(rk, rowvar=False))
                np.fill_diagonal(mat, 1.0)
                lam, vec = np.linalg.eigh(mat)
                order = np.argsort(lam)[::-1]
                lam = lam[order]
                pc1 = vec[:, order[0]].copy()
                if pc1_ref is None:
                    if pc1[np.argmax(np.abs(pc1))] < 0:
                        pc1 = -pc1
                elif float(pc1 @ pc1_ref) < 0:
                    pc1 = -pc1
                ve = lam[0] / lam.sum()
                s = np.where(complete, np.nan_to_num(Z[:, cap]) @ pc1, NAN)
                res["matrix"] = mat
        res.update(s=s, pc1=pc1, lam=lam, ve=ve, cap_rank=rank_desc(s),
                   n_complete=int(np.sum(complete)))
        se = s[idx][:, None]
        cs = pair_stats(Xe, se, X, s[:, None], inres)
        cc = cs["rho"]
        res["capabilities_correlation"] = cc
        if only_capability:
            return res
        res["pearson"] = cs["r"]
        res["n"] = cs["n"]
        slope, _, slope_se, _ = col_ols(cs["y"], cs["x"])
        res["slope"] = np.where(np.isfinite(cc), slope, NAN)
        res["slope_stderr"] = np.where(np.isfinite(cc), slope_se, NAN)
        Ze = Z[idx]
        zs = pair_stats(Ze, se, Z, s[:, None], inres, ranks=False)
        zslope, zicpt, _, _ = col_ols(zs["y"], zs["x"])
        zslope = np.where(np.isfinite(cc), zslope, NAN)
        zicpt = np.where(np.isfinite(cc), zicpt, NAN)
        res["standardized_slope"] = zslope
        lf = self.logflop
        fs = pair_stats(Xe, lf[idx][:, None], X, lf[:, None], inres)
        res["compute_correlation"] = fs["rho"]
        res["n_compute"] = fs["n"]
        cslope, _, _, _ = col_ols(fs["y"], fs["x"])
        res["compute_slope"] = np.where(np.isfinite(fs["rho"]), cslope, NAN)
        rs = pair_stats(Xe, self.REF[idx], X, self.REF, inres)
        res["reference_correlation"] = np.where(self.has_ref, rs["rho"], NAN)
        res["n_reference"] = rs["n"]
        gov = np.where(self.has_ref, res["reference_correlation"], cc)
        res["governing"] = gov
        res["verdict"] = np.array([verdict_code(r, self.high, self.low) for r in gov])

        # leaderboard: residual fits on the basis
        L = self.lb
        basis = np.where(self.has_ref[L][None, :], self.REF[:, L], s[:, None])
        ZL = Z[:, L]
        bs = pair_stats(ZL[idx], basis[idx], ZL, basis, inres, ranks=False)
        beta, alpha, _, _ = col_ols(bs["y"], bs["x"])
        beta = np.where(bs["ok"], beta, NAN)
        alpha = np.where(bs["ok"], alpha, NAN)
        resid = ZL - (alpha + beta * basis)
        re = np.where(np.isfinite(bs["x"]), resid[idx], NAN)
        rsd = np.nanstd(re, axis=0) if len(idx) else np.full(len(L), NAN)
        rsd = np.where(bs["ok"] & (rsd > 0), rsd, NAN)
        scaled = resid / rsd
        has_s = np.isfinite(s)
        raw_area, dec_area = {}, {}
        area_sd = {}
        for a in self.areas:
            cols = self.area_cols[a]
            ra = np.nanmean(ZL[:, cols], axis=1)
            da = np.nanmean(scaled[:, cols], axis=1)
            da[~has_s] = NAN
            sds = []
            for v in (ra, da):
                ve_ = v[idx]
                ve_ = ve_[np.isfinite(ve_)]
                sd_ = float(np.std(ve_)) if len(ve_) and ve_.max() > ve_.min() else NAN
                sds.append(sd_)
            raw_area[a] = ra / sds[0]
            dec_area[a] = da / sds[1]
            area_sd[a] = sds
        if self.areas:
            safety = np.nanmean(np.array([raw_area[a] for a in self.areas]), axis=0)
            dec = np.nanmean(np.array([dec_area[a] for a in self.areas]), axis=0)
        else:
            safety = np.full(M, NAN)
            dec = np.full(M, NAN)
        res.update(safety_score=safety, decorrelated_score=dec,
                   safety_rank=rank_desc(safety), decorrelated_rank=rank_desc(dec))
        if detail:
            res.update(zslope=zslope, zicpt=zicpt, alpha=alpha, beta=beta, basis=basis,
                       resid=resid, scaled=scaled, raw_area=raw_area, dec_area=dec_area,
                       area_sd=area_sd)
        return res


# ------------------------------------------------------------------------------- intervals

class Intervals:
    def __init__(self, n, level, method):
        self.N, self.L, self.method = n, level, method
        self.p_lo, self.p_hi = (1 - level) / 2, (1 + level) / 2
        self.zq = (ss.norm.ppf(self.p_lo), ss.norm.ppf(self.p_hi))

    def __call__(self, vals, point, loo, rank=False):
        d = np.sort(vals[np.isfinite(vals)])
        m = len(d)
        if m == 0 or 10 * m < 9 * self.N:
            return None, None
        if self.method == "percentile":
            lo, hi = type7(d, self.p_lo), type7(d, self.p_hi)
        else:
            if point is None or not math.isfinite(point):
                return None, None
            # "< the point estimate" in exact arithmetic: a resample that is the full sample
            # again (all weights 1) gives the point estimate up to rounding, and which side
            # of it the last bit falls on must not decide z0. Values within 1e-9 (relative,
            # or absolute below 1) of the point estimate count as equal, not less.
            share = float(np.sum(d < point - EQ_TOL * max(1.0, abs(point)))) / m
            if share <= 0 or share >= 1:
                return None, None
            z0 = ss.norm.ppf(share)
            t = np.asarray(loo, float)
            t = t[np.isfinite(t)]
            a = 0.0
            if len(t):
                diff = t.mean() - t
                den = float(np.sum(diff ** 2))
                if den > 0:
                    a = float(np.sum(diff ** 3)) / (6 * den ** 1.5)
            ends = []
            for zq in self.zq:
                q = ss.norm.cdf(z0 + (z0 + zq) / (1 - a * (z0 + zq)))
                ends.append(type7(d, q))
            lo, hi = ends
        if rank:
            lo, hi = math.floor(lo), math.ceil(hi)
        return lo, hi


def fisher(rho, n, level):
    if rho is None or not math.isfinite(rho) or n is None or n <= 3:
        return None, None
    if abs(rho) >= 1:
        return rho, rho
    z = ss.norm.ppf((1 + level) / 2)
    h = z * math.sqrt((1 + rho * rho / 2) / (n - 3))
    a = math.atanh(rho)
    return math.tanh(a - h), math.tanh(a + h)


def num(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def rnk(x):
    return int(x) if x is not None and math.isfinite(x) else None


# -------------------------------------------------------------------------------- analysis

def analyze_cohort(c, opts):
    M = c.M
    ones = np.ones(M, dtype=np.int64)
    P = c.fit(ones, detail=True)
    out = {"id": c.id}
    cap_block = {"n_models": P["n_complete"] if c.cap else 0,
                 "variance_explained": num(P["ve"]),
                 "eigenvalues": [float(x) for x in P["lam"]] if P["lam"] is not None else []}
    if P["pc1"] is not None:
        cap_block["loadings"] = [{"benchmark": c.bid[j], "loading": float(P["pc1"][k])}
                                 for k, j in enumerate(c.cap)]
        cap_block["matrix"] = P["matrix"].tolist()
    out["capability"] = cap_block
    out["n_models"] = M
    out["n_models_scored"] = int(np.sum(np.isfinite(P["s"])))
    out["n_models_with_flop"] = int(np.sum(np.isfinite(c.logflop)))
    models = []
    for i in range(M):
        models.append({"id": c.ids[i], "capability_score": num(P["s"][i]),
                       "capability_rank": rnk(P["cap_rank"][i])})
    out["models"] = models

    lbpos = {j: k for k, j in enumerate(c.lb)}
    benches = []
    for j, b in enumerate(c.benches):
        e = {"id": b["id"]}
        for k in ("capabilities_correlation", "pearson", "slope", "slope_stderr",
                  "standardized_slope", "compute_correlation", "compute_slope"):
            e[k] = num(P[k][j])
        e["n"] = int(P["n"][j])
        e["n_values"] = int(np.sum(np.isfinite(c.X[:, j])))
        # the z-score parameters (a constant column: its SD 0 and no z-scores)
        e["mean"] = num(P["mean"][j])
        e["sd"] = num(P["sd"][j]) if np.isfinite(P["sd"][j]) else \
            (0.0 if np.isfinite(P["mean"][j]) else None)
        e["n_compute"] = int(P["n_compute"][j])
        if c.has_ref[j]:
            e["reference_correlation"] = num(P["reference_correlation"][j])
            e["n_reference"] = int(P["n_reference"][j])
        e["verdict"] = VERDICTS[P["verdict"][j]]
        x = c.X[:, j]
        vals = x[np.isfinite(x)]
        _, counts = np.unique(vals, return_counts=True)
        n_mode = int(counts.max()) if len(counts) else 0
        e["n_mode"] = n_mode
        e["near_constant"] = bool(n_mode >= 5 and 2 * n_mode >= len(vals))
        if j in lbpos:
            e["residual_basis"] = "reference" if c.has_ref[j] else "capabilities"
        else:
            e["residual_basis"] = None
        if b.get("aggregate_of"):
            e["aggregate_of"] = list(b["aggregate_of"])
        # per model
        # `expected` and `residual` read against the capabilities score for every benchmark
        # (method.md 2.2); the leaderboard's residual on the basis is `leaderboard_residual`
        scaled = P["scaled"][:, lbpos[j]] if j in lbpos else None
        ez = P["zicpt"][j] + P["zslope"][j] * P["s"]
        resid = P["Z"][:, j] - ez
        target = is_number(b.get("target"))
        expected = P["mean"][j] + P["sd"][j] * ez
        if b.get("higher_is_better") is False and not target:
            expected = -expected
        pm = []
        for i in range(M):
            if not np.isfinite(c.raw[i, j]):
                continue
            z = P["Z"][i, j]
            ok = np.isfinite(resid[i])
            d = {"model": c.ids[i], "z": num(z),
                 "expected": num(expected[i]) if ok and not target else None,
                 "residual": num(resid[i]) if ok else None}
            if scaled is not None:
                d["leaderboard_residual"] = num(scaled[i])
            pm.append(d)
        e["models"] = pm
        benches.append(e)
    out["benchmarks"] = benches

    # leaderboard
    nlb = len(c.lb)
    has_dec = np.isfinite(P["decorrelated_score"])
    raw_among = rank_desc(np.where(has_dec, P["safety_score"], NAN))
    lb = []
    for i in range(M):
        sr, dr = rnk(P["safety_rank"][i]), rnk(P["decorrelated_rank"][i])
        rr = rnk(raw_among[i])
        have = int(np.sum(np.isfinite(c.X[i, c.lb]))) if nlb else 0
        e = {"model": c.ids[i], "capability_score": num(P["s"][i]),
             "safety_score": num(P["safety_score"][i]), "safety_rank": sr,
             "decorrelated_score": num(P["decorrelated_score"][i]), "decorrelated_rank": dr,
             "rank_change": rr - dr if rr is not None and dr is not None else None,
             "coverage": have / nlb if nlb else None}
        e["n_benchmarks"] = have
        areas = []
        for a in c.areas:
            # n (method.md does not define it): the benchmarks behind the model's
            # decorrelated area score (its scaled residuals) when it has one, else those
            # behind its raw area score (its z-scores)
            cols = c.area_cols[a]
            if np.isfinite(P["dec_area"][a][i]):
                na = int(np.sum(np.isfinite(P["scaled"][i, cols])))
            else:
                na = int(np.sum(np.isfinite(P["Z"][i, [c.lb[k] for k in cols]])))
            areas.append({"area": a, "safety_score": num(P["raw_area"][a][i]),
                          "decorrelated_score": num(P["dec_area"][a][i]), "n": na})
        e["areas"] = areas
        lb.append(e)
    out["leaderboard"] = lb
    out["areas"] = [{"id": a, "safety_sd": num(P["area_sd"][a][0]),
                     "decorrelated_sd": num(P["area_sd"][a][1])} for a in c.areas]
    if opts.bootstrap > 0:
        uncertainty(c, opts, P, out)
    return out, P


STAT_KEYS = CI_STATS + ["governing", "verdict", "s", "cap_rank", "safety_score",
                        "safety_rank", "decorrelated_score", "decorrelated_rank"]


def collect(fits):
    """Stack the statistics of several fits: key -> array (n_fits, ...)."""
    out = {k: np.array([f[k] for f in fits], dtype=float) for k in STAT_KEYS}
    out["ve"] = np.array([f["ve"] for f in fits], dtype=float)
    return out


def uncertainty(c, opts, P, out):
    M, N, L = c.M, opts.bootstrap, opts.ci_level
    units = c.family_units if opts.unit == "family" else c.model_units
    pc1 = P["pc1"]
    boot = []
    cosines = []
    for r in range(N):
        w = splitmix_weights(opts.seed, r, units, M)
        f = c.fit(w, pc1_ref=pc1)
        if f["pc1"] is not None:
            cosines.append(abs(float(f["pc1"] @ pc1)))
        boot.append(f)
    B = collect(boot)
    # leave one model out (also the BCa jackknife in model mode)
    loo_model = [c.fit(np.where(np.arange(M) == i, 0, 1), pc1_ref=pc1) for i in range(M)]
    LM = collect(loo_model)
    if opts.unit == "family":
        fits = []
        for u in units:
            w = np.ones(M, dtype=np.int64)
            w[u] = 0
            fits.append(c.fit(w, pc1_ref=pc1))
        LU = collect(fits)
    else:
        LU = LM
    ci = Intervals(N, L, opts.ci_method)

    # capability block
    cb = out["capability"]
    lo, hi = ci(B["ve"], P["ve"], LU["ve"])
    cb["variance_explained_ci_low"], cb["variance_explained_ci_high"] = num(lo), num(hi)
    lam = P["lam"]
    ratio = lam[0] / lam[1] if lam is not None and len(lam) >= 2 and lam[1] > 0 else None
    cb["eigenvalue_ratio"] = num(ratio)
    if cosines:
        cs = np.sort(np.array(cosines))
        cb["pc1_cosine_median"] = type7(cs, 0.5)
        cb["pc1_cosine_p05"] = type7(cs, 0.05)
    else:
        cb["pc1_cosine_median"] = cb["pc1_cosine_p05"] = None
    warn = (ratio is not None and ratio < 2) or (
        cb["pc1_cosine_p05"] is not None and cb["pc1_cosine_p05"] < 0.9)
    cb["pc1_warning"] = "warning" if warn else None

    for i, e in enumerate(out["models"]):
        lo, hi = ci(B["s"][:, i], P["s"][i], LU["s"][:, i])
        e["capability_score_ci_low"], e["capability_score_ci_high"] = num(lo), num(hi)
        lo, hi = ci(B["cap_rank"][:, i], P["cap_rank"][i], LU["cap_rank"][:, i], rank=True)
        e["capability_rank_ci_low"], e["capability_rank_ci_high"] = rnk(lo), rnk(hi)

    # leave one capability benchmark out
    loo_cap = []
    # without a capabilities score in the cohort there is nothing to rebuild (method.md
    # signs each rebuilt PC1 against the full one): every drop is undefined
    for jj, j in enumerate(c.cap if pc1 is not None else []):
        sub = [k for k in c.cap if k != j]
        ref = np.delete(pc1, jj) if pc1 is not None else None
        loo_cap.append(c.fit(np.ones(M, dtype=np.int64), cap=sub, pc1_ref=ref,
                             only_capability=True))

    for j, e in enumerate(out["benchmarks"]):
        gov_key = "reference_correlation" if c.has_ref[j] else "capabilities_correlation"
        cis = {}
        for k in CI_STATS:
            if k == "reference_correlation" and not c.has_ref[j]:
                continue
            lo, hi = ci(B[k][:, j], P[k][j], LU[k][:, j])
            cis[k] = (lo, hi)
            e[k + "_ci_low"], e[k + "_ci_high"] = num(lo), num(hi)
            if k in CORRELATIONS:
                e[k + "_valid"] = float(np.sum(np.isfinite(B[k][:, j]))) / N
                flo, fhi = fisher(num(P[k][j]), e[N_KEYS[k]], L)
                e[k + "_fisher_low"], e[k + "_fisher_high"] = num(flo), num(fhi)
        pub = int(P["verdict"][j])
        if pub == INSUFFICIENT:
            e["verdict_confidence"] = None
            e["verdict_confidence_label"] = None
        else:
            share = float(np.sum(B["verdict"][:, j] == pub)) / N
            lo, hi = cis[gov_key]
            inside = lo is not None and hi is not None and \
                verdict_code(lo, c.high, c.low) == pub and verdict_code(hi, c.high, c.low) == pub
            label = ("firm" if share >= 0.95 and inside else "likely" if share >= 0.80 else
                     "uncertain" if share >= 0.50 else "unstable")
            e["verdict_confidence"] = share
            e["verdict_confidence_label"] = label
        g = LM["governing"][:, j]
        gf = g[np.isfinite(g)]
        e["loo_model_low"] = num(gf.min()) if len(gf) else None
        e["loo_model_high"] = num(gf.max()) if len(gf) else None
        e["loo_model_flips"] = [{"model": c.ids[i], "name": c.names[i],
                                 "verdict": VERDICTS[int(LM["verdict"][i, j])]}
                                for i in range(M) if int(LM["verdict"][i, j]) != pub]
        if not c.has_ref[j]:
            vals = np.array([f["capabilities_correlation"][j] for f in loo_cap], float)
            if pc1 is None:
                vals = np.full(len(c.cap), NAN)
            vf = vals[np.isfinite(vals)]
            e["loo_capability_low"] = num(vf.min()) if len(vf) else None
            e["loo_capability_high"] = num(vf.max()) if len(vf) else None
            flips = []
            for jj, k in enumerate(c.cap):
                v = verdict_code(vals[jj], c.high, c.low)
                if v != pub:
                    flips.append({"benchmark": c.bid[k], "name": c.benches[k]["name"],
                                  "verdict": VERDICTS[v]})
            e["loo_capability_flips"] = flips

    for i, e in enumerate(out["leaderboard"]):
        for k, is_rank in (("safety_score", False), ("safety_rank", True),
                           ("decorrelated_score", False), ("decorrelated_rank", True)):
            lo, hi = ci(B[k][:, i], P[k][i], LU[k][:, i], rank=is_rank)
            conv = rnk if is_rank else num
            e[k + "_ci_low"], e[k + "_ci_high"] = conv(lo), conv(hi)
        pub = P["decorrelated_rank"][i]
        move, who = None, None
        if math.isfinite(pub):
            for d in range(M):
                rr = LM["decorrelated_rank"][d, i]
                if not math.isfinite(rr):
                    continue
                mv = int(rr - pub)
                # the first drop (cohort order) with the largest |move|, even when it is 0
                if move is None or abs(mv) > abs(move):
                    move, who = mv, c.ids[d]
        e["loo_rank_move"] = move
        e["loo_rank_move_model"] = who
    out["_cosines"] = len(cosines)


def analyze(content, opts):
    cohorts = [c for c in load(content) if opts.cohort in (None, c.id)]
    res = {"cohorts": []}
    if opts.bootstrap > 0:
        res["method"] = {"bootstrap": {"resamples": opts.bootstrap, "seed": opts.seed,
                                       "unit": opts.unit, "ci_level": opts.ci_level,
                                       "ci_method": opts.ci_method,
                                       "min_valid_share": MIN_VALID_SHARE,
                                       "min_distinct": MIN_DISTINCT}}
    fits = {}
    for c in cohorts:
        o, P = analyze_cohort(c, opts)
        o.pop("_cosines", None)
        res["cohorts"].append(o)
        fits[c.id] = (c, P)
    return res, fits


# ----------------------------------------------------------------------------------- check

ID_KEYS = ("id", "model", "area", "benchmark")
SKIP = {"verdict_sentence"}
NULLNESS_ONLY = {"pc1_warning"}
EXACT_LISTS = {"loo_model_flips", "loo_capability_flips", "aggregate_of"}


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=TOL, abs_tol=TOL)
    return a == b


def compare(ours, theirs, where, bad):
    if isinstance(ours, dict):
        if not isinstance(theirs, dict):
            bad.append("%s: expected an object, report has %r" % (where, theirs))
            return
        for k, v in ours.items():
            if k in SKIP:
                continue
            w = "%s.%s" % (where, k)
            if k not in theirs:
                bad.append("%s: missing in the report" % w)
                continue
            t = theirs[k]
            if k in NULLNESS_ONLY:
                if (v is None) != (t is None):
                    bad.append("%s: report %r, reference %r" % (w, t, v))
            elif k in EXACT_LISTS:
                if v != t:
                    bad.append("%s: report %s, reference %s" % (
                        w, json.dumps(t, ensure_ascii=False), json.dumps(v, ensure_ascii=False)))
            else:
                compare(v, t, w, bad)
    elif isinstance(ours, list):
        if not isinstance(theirs, list):
            bad.append("%s: expected a list, report has %r" % (where, theirs))
            return
        key = None
        if ours and isinstance(ours[0], dict):
            key = next((k for k in ID_KEYS if k in ours[0]), None)
        if key:
            tmap = {t.get(key): t for t in theirs if isinstance(t, dict)}
            for o in ours:
                w = "%s[%s]" % (where, o[key])
                if o[key] not in tmap:
                    bad.append("%s: missing in the report" % w)
                else:
                    compare(o, tmap[o[key]], w, bad)
            extra = [t.get(key) for t in theirs if isinstance(t, dict)
                     and t.get(key) not in {o[key] for o in ours}]
            if extra:
                bad.append("%s: only in the report: %s" % (where, extra))
        else:
            if len(ours) != len(theirs):
                bad.append("%s: length %d in the report, %d in the reference" % (
                    where, len(theirs), len(ours)))
            for i, (o, t) in enumerate(zip(ours, theirs)):
                compare(o, t, "%s[%d]" % (where, i), bad)
    else:
        if not same(ours, theirs):
            bad.append("%s: report %r, reference %r" % (where, theirs, ours))


BOOTSTRAP_SUFFIXES = ("_ci_low", "_ci_high", "_valid", "_fisher_low", "_fisher_high")
BOOTSTRAP_KEYS = {"bootstrap", "eigenvalue_ratio", "pc1_cosine_median", "pc1_cosine_p05",
                  "pc1_warning", "verdict_confidence", "verdict_confidence_label",
                  "verdict_sentence", "loo_model_low", "loo_model_high", "loo_model_flips",
                  "loo_capability_low", "loo_capability_high", "loo_capability_flips",
                  "loo_rank_move", "loo_rank_move_model"}


def bootstrap_keys(report):
    """Keys of section 5's bootstrap list found in a report made with --bootstrap 0."""
    found = {}

    def walk(o, path):
        if isinstance(o, dict):
            for k, v in o.items():
                w = "%s.%s" % (path, k)
                if k in BOOTSTRAP_KEYS or k.endswith(BOOTSTRAP_SUFFIXES):
                    found.setdefault(k, w)
                walk(v, w)
        elif isinstance(o, list):
            for v in o:
                walk(v, path + "[]")
    walk(report, "")
    return ["%s: present with --bootstrap 0" % w.lstrip(".") for w in found.values()]


def kind(line):
    """The key path of a mismatch line without the ids: cohorts[].benchmarks[].slope_ci_low."""
    path = line.split(": ", 1)[0]
    out, depth = [], 0
    for ch in path:
        if ch == "[":
            depth += 1
            out.append("[]")
        elif ch == "]":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def order_lines(bad):
    """Mismatch lines, the first three of every kind first (so that one kind of mismatch
    repeated a thousand times does not hide the others), then the rest in report order."""
    seen, first, rest = {}, [], []
    for line in bad:
        k = kind(line)
        seen[k] = seen.get(k, 0) + 1
        (first if seen[k] <= 3 else rest).append(line)
    return first + rest


# ------------------------------------------------------------------------------- self-test

def self_test(content, opts):
    cohorts = load(content)
    ok = True
    for c in cohorts:
        P = c.fit(np.ones(c.M, dtype=np.int64))
        if P["pc1"] is None:
            print("%s: no capabilities score" % c.id)
            continue
        R = c.fit(np.ones(c.M, dtype=np.int64), pc1_ref=P["pc1"], detail=True)
        for k in STAT_KEYS + ["ve"]:
            a, b = np.asarray(P[k], float), np.asarray(R[k], float)
            if not np.array_equal(a, b, equal_nan=True):
                print("%s: all-ones refit differs in %s" % (c.id, k))
                ok = False
        # the expanded sample equals explicit duplication: weights 2 everywhere = same stats
        D = c.fit(np.full(c.M, 2, dtype=np.int64), pc1_ref=P["pc1"])
        for k in ("ve", "capabilities_correlation", "decorrelated_score"):
            a, b = np.asarray(P[k], float), np.asarray(D[k], float)
            if not np.allclose(a, b, rtol=1e-12, atol=1e-12, equal_nan=True):
                print("%s: doubling every weight changes %s" % (c.id, k))
                ok = False
        print("%s: %d models, %d complete, PC1 variance explained %.4f" % (
            c.id, c.M, P["n_complete"], P["ve"]))
        for bid in ("mt_bench", "ethics_all", "truthfulqa_mc1", "sycophancy", "wmdp"):
            if bid in c.bid:
                j = c.bid.index(bid)
                print("  %-16s capabilities correlation %.4f" % (
                    bid, P["capabilities_correlation"][j]))
    rng = np.random.default_rng(1)
    for m in (1, 2, 7, 180, 199, 1000):
        v = np.sort(rng.normal(size=m))
        for p in (0.025, 0.05, 0.5, 0.95, 0.975, 0.025000000000000022):
            a, b = type7(v, p), float(np.percentile(v, 100 * p, method="linear"))
            if not math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12):
                print("type7(%d, %g) %r, numpy %r" % (m, p, a, b))
                ok = False
    print("self-test: %s" % ("ok" if ok else "FAILED"))
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--content", default="content")
    ap.add_argument("--bootstrap", type=int, default=0)
    ap.add_argument("--seed", type=int, default=20240731)
    ap.add_argument("--unit", choices=["model", "family"], default="model")
    ap.add_argument("--ci-level", type=float, default=0.95)
    ap.add_argument("--ci-method", choices=["percentile", "bca"], default="percentile")
    ap.add_argument("--cohort", help="only this cohort")
    ap.add_argument("--check", metavar="REPORT.json")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--max-lines", type=int, default=MAX_LINES,
                    help="mismatch lines to print (default %d)" % MAX_LINES)
    opts = ap.parse_args()
    opts.seed &= MASK64
    if opts.self_test:
        return self_test(opts.content, opts)
    report, _ = analyze(opts.content, opts)
    if opts.check:
        try:
            theirs = read_json(opts.check)
        except (OSError, ValueError) as e:
            print("cannot read %s: %s" % (opts.check, e))
            return 1
        bad = []
        if opts.bootstrap > 0:
            compare(report["method"], theirs.get("method", {}), "method", bad)
        compare(report["cohorts"], theirs.get("cohorts", []), "cohorts", bad)
        if opts.bootstrap == 0:
            bad.extend(bootstrap_keys(theirs))
        if bad:
            for line in order_lines(bad)[:opts.max_lines]:
                print(line)
            if len(bad) > opts.max_lines:
                print("... and %d more" % (len(bad) - opts.max_lines))
            kinds = {}
            for line in bad:
                k = kind(line)
                kinds[k] = kinds.get(k, 0) + 1
            print("kinds: " + "; ".join("%s %d" % kv for kv in kinds.items()))
            print("%d mismatch(es) against %s" % (len(bad), opts.check))
            return 1
        print("reference and report agree (bootstrap %d, seed %d, unit %s, level %g, %s)" % (
            opts.bootstrap, opts.seed, opts.unit, opts.ci_level, opts.ci_method))
        return 0
    sys.stdout.write(json.dumps(report, indent=1, ensure_ascii=False, allow_nan=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
