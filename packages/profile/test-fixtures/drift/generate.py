#!/usr/bin/python3
"""Drift test pairs and scipy's statistics for them, written as JSON beside this file.

The expected values come from numpy and scipy only (Debian's python3-scipy), never from Gyre:
    /usr/bin/python3 packages/profile/test-fixtures/drift/generate.py
"""

import json
import math
from pathlib import Path

import numpy as np
from scipy import spatial, special, stats

HERE = Path(__file__).parent
DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
FLOOR = 1e-4
rng = np.random.default_rng(20240611)


def present(values):
    return [v for v in values if v is not None and v != "" and not (isinstance(v, float) and math.isnan(v))]


def psi_of(r_counts, n, c_counts, m):
    r = np.maximum(np.asarray(r_counts, dtype=float) / n, FLOOR)
    c = np.maximum(np.asarray(c_counts, dtype=float) / m, FLOOR)
    return float(np.sum((c - r) * np.log(c / r)))


def numeric_expected(reference, current):
    r = np.array(present(reference), dtype=float)
    c = np.array(present(current), dtype=float)
    n, m = r.size, c.size
    d = float(stats.ks_2samp(r, c).statistic)
    pvalue = float(special.kolmogorov(np.sqrt(n * m / (n + m)) * d))
    w = float(stats.wasserstein_distance(r, c))
    std = float(np.std(r, ddof=0))
    edges = np.unique(np.quantile(r, DECILES))
    bins = len(edges) + 1
    r_counts = np.bincount(np.searchsorted(edges, r, side="left"), minlength=bins)
    c_counts = np.bincount(np.searchsorted(edges, c, side="left"), minlength=bins)
    expected = {
        "type": "numeric",
        "n": n,
        "m": m,
        "ks": {"statistic": d, "pvalue": pvalue},
        "wasserstein": w,
        "std": std,
        "wassersteinNorm": w / std,
        "edges": edges.tolist(),
        "psi": psi_of(r_counts, n, c_counts, m),
    }
    if n <= 1000:
        expected.update(method="ks", value=pvalue, threshold=0.05, drift=bool(pvalue < 0.05))
    else:
        v = w / std
        expected.update(method="wassersteinNorm", value=v, threshold=0.1, drift=bool(v > 0.1))
    return expected


def categorical_expected(reference, current):
    r = [str(v) for v in present(reference)]
    c = [str(v) for v in present(current)]
    categories = list(dict.fromkeys(r + c))
    r_counts = [r.count(k) for k in categories]
    c_counts = [c.count(k) for k in categories]
    js = float(spatial.distance.jensenshannon(r_counts, c_counts, base=2))
    return {
        "type": "categorical",
        "n": len(r),
        "m": len(c),
        "psi": psi_of(r_counts, len(r), c_counts, len(c)),
        "jensenShannon": js,
        "method": "jensenShannon",
        "value": js,
        "threshold": 0.1,
        "drift": bool(js > 0.1),
    }


def rounded(values):
    return [round(float(v), 6) for v in values]


def with_missing(values, share):
    out = list(values)
    for i in rng.choice(len(out), size=int(len(out) * share), replace=False):
        out[i] = None
    return out


def categories(labels, p, size):
    return [str(v) for v in rng.choice(labels, size=size, p=p)]


def bimodal(size, weight):
    pick = rng.random(size) < weight
    return np.where(pick, rng.normal(-2, 0.6, size), rng.normal(2, 0.6, size))


LABELS = ["basic", "plus", "pro", "team", "enterprise"]
NUMERIC = {
    "shifted-normal": (rng.normal(0, 1, 400), rng.normal(0.5, 1, 300)),
    "scale-change": (rng.normal(0, 1, 350), rng.normal(0, 1.8, 350)),
    "heavy-ties": (rng.poisson(3, 400), rng.poisson(3.6, 380)),
    "lognormal-tail": (rng.lognormal(0, 1, 400), rng.lognormal(0.1, 1.3, 400)),
    "bimodal": (bimodal(300, 0.5), bimodal(320, 0.8)),
    "missing-numeric": (with_missing(rng.normal(10, 2, 300), 0.2), with_missing(rng.normal(11, 2, 300), 0.3)),
    "tiny": (rng.normal(0, 1, 12), rng.normal(0.8, 1, 20)),
    "tiny-ties": (rng.integers(0, 4, 7), rng.integers(1, 5, 5)),
    "no-drift-numeric": (rng.normal(5, 3, 500), rng.normal(5, 3, 450)),
    "large": (rng.normal(0, 1, 3000), rng.normal(0.15, 1, 2500)),
}
CATEGORICAL = {
    "categorical-shift": (
        categories(LABELS, [0.4, 0.3, 0.15, 0.1, 0.05], 400),
        categories(LABELS, [0.2, 0.25, 0.25, 0.15, 0.15], 400),
    ),
    "categorical-new-and-gone": (
        categories(LABELS[:4], [0.4, 0.3, 0.2, 0.1], 300),
        categories(LABELS[1:], [0.3, 0.3, 0.2, 0.2], 250),
    ),
    "booleans": (
        [bool(v) for v in rng.random(300) < 0.3],
        [bool(v) for v in rng.random(300) < 0.55],
    ),
    "categorical-missing": (
        with_missing(categories(LABELS, [0.2] * 5, 300), 0.1) + [""] * 12,
        with_missing(categories(LABELS, [0.1, 0.1, 0.2, 0.3, 0.3], 300), 0.25) + [""] * 7,
    ),
    "tiny-categorical": (categories(LABELS[:3], [0.5, 0.3, 0.2], 9), categories(LABELS[:3], [0.2, 0.3, 0.5], 14)),
    "no-drift-categorical": (
        categories(LABELS, [0.4, 0.3, 0.15, 0.1, 0.05], 1500),
        categories(LABELS, [0.4, 0.3, 0.15, 0.1, 0.05], 1400),
    ),
}


def main():
    for old in HERE.glob("*.json"):
        old.unlink()
    grid = [0.0, 1e-3, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.819, 0.82, 0.821, 0.9, 1.0,
            1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 20.0]
    (HERE / "kolmogorov.grid.json").write_text(json.dumps(
        {"lambda": grid, "q": [float(special.kolmogorov(x)) for x in grid]}) + "\n")
    for name, (reference, current) in NUMERIC.items():
        reference = [None if v is None else round(float(v), 6) for v in reference]
        current = [None if v is None else round(float(v), 6) for v in current]
        pair = {"name": name, "reference": reference, "current": current,
                "expected": numeric_expected(reference, current)}
        (HERE / f"{name}.json").write_text(json.dumps(pair) + "\n")
    for name, (reference, current) in CATEGORICAL.items():
        pair = {"name": name, "reference": reference, "current": current,
                "expected": categorical_expected(reference, current)}
        (HERE / f"{name}.json").write_text(json.dumps(pair) + "\n")


if __name__ == "__main__":
    main()
