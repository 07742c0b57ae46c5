"""The scipy path of the drift benchmark: pandas read_csv of both files, then per feature the
statistics of docs/drift.md as scipy and numpy compute them. Prints one JSON line:
{"seconds", "readSeconds", "peakRssMb", "features": {name: {...}}}. Run with Debian's python3."""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy import special, stats
from scipy.spatial import distance

FLOOR = 1e-4


def psi(r, c):
    r = np.maximum(r, FLOOR)
    c = np.maximum(c, FLOOR)
    return float(np.sum((c - r) * np.log(c / r)))


def numeric(r, c):
    n, m = len(r), len(c)
    d = stats.ks_2samp(r, c).statistic
    w = stats.wasserstein_distance(r, c)
    edges = np.unique(np.quantile(r, np.arange(1, 10) / 10))
    bins = lambda x: np.bincount(np.searchsorted(edges, x, side="left"), minlength=len(edges) + 1)
    return {
        "type": "numeric",
        "ks": {"statistic": float(d), "pvalue": float(special.kolmogorov(np.sqrt(n * m / (n + m)) * d))},
        "wasserstein": float(w),
        "wassersteinNorm": float(w / np.std(r)),
        "psi": psi(bins(r) / n, bins(c) / m),
    }


def categorical(r, c):
    counts = pd.concat([r.value_counts(), c.value_counts()], axis=1).fillna(0).to_numpy().T
    p, q = counts
    return {
        "type": "categorical",
        "psi": psi(p / p.sum(), q / q.sum()),
        "jensenShannon": float(distance.jensenshannon(p, q, base=2)),
    }


def main(reference, current):
    started = time.perf_counter()
    r = pd.read_csv(reference)
    c = pd.read_csv(current)
    read = time.perf_counter() - started
    features = {}
    for name in r.columns:
        a, b = r[name].dropna(), c[name].dropna()
        both_numeric = pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b)
        features[name] = (
            numeric(a.to_numpy(float), b.to_numpy(float))
            if both_numeric
            else categorical(a.astype(str), b.astype(str))
        )
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "seconds": seconds,
        "readSeconds": read,
        "cpuSeconds": usage.ru_utime + usage.ru_stime,
        "peakRssMb": usage.ru_maxrss / 1024,
        "features": features,
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
