#!/usr/bin/python3
"""Model performance test cases and the expected statistics for them, written as JSON beside this file.

The expected values come from numpy and scikit-learn only (Debian's python3-sklearn), never from Gyre:
    /usr/bin/python3 packages/profile/test-fixtures/performance/generate.py

Classification metrics are sklearn's; CBPE (NannyML's confidence-based performance estimation) is
written here in numpy straight from its definition. A metric that is undefined for a case (sklearn
raises, or would divide 0 by 0) is written as null.
"""

import json
import math
from pathlib import Path

import numpy as np
from sklearn import metrics

HERE = Path(__file__).parent
EPS = 1e-15
rng = np.random.default_rng(20240612)


def ratio(numerator, denominator):
    return None if denominator == 0 else float(numerator / denominator)


def classification_expected(labels, scores):
    y = np.asarray(labels, dtype=int)
    p = np.asarray(scores, dtype=float)
    predicted = (p >= 0.5).astype(int)
    tp = int(np.sum((predicted == 1) & (y == 1)))
    fp = int(np.sum((predicted == 1) & (y == 0)))
    fn = int(np.sum((predicted == 0) & (y == 1)))
    one_class = len(np.unique(y)) < 2
    expected = {
        "n": int(y.size),
        "accuracy": float(metrics.accuracy_score(y, predicted)),
        "rocAuc": None if one_class else float(metrics.roc_auc_score(y, p)),
        "logLoss": float(metrics.log_loss(y, p, eps=EPS, labels=[0, 1])),
        # sklearn writes 0 where a ratio is 0/0; those cases are null here (checked below).
        "precision": float(metrics.precision_score(y, predicted, zero_division=0)),
        "recall": float(metrics.recall_score(y, predicted, zero_division=0)),
        "f1": float(metrics.f1_score(y, predicted, zero_division=0)),
        "counts": {"tp": tp, "fp": fp, "tn": int(y.size) - tp - fp - fn, "fn": fn},
    }
    if tp + fp == 0:
        expected["precision"] = None
    if tp + fn == 0:
        expected["recall"] = None
    if 2 * tp + fp + fn == 0:
        expected["f1"] = None
    expected["cbpe"] = cbpe_expected(p)
    return expected


def cbpe_roc_auc(p):
    """Expected confusion matrices at every distinct score t: TP(t) = sum of p_i >= t, FP(t) = sum of 1 - p_i >= t."""
    positives, negatives = p.sum(), (1 - p).sum()
    if positives == 0 or negatives == 0:
        return None
    thresholds, group = np.unique(p, return_inverse=True)
    tp_at = np.bincount(group, weights=p, minlength=thresholds.size)[::-1].cumsum()
    fp_at = np.bincount(group, weights=1 - p, minlength=thresholds.size)[::-1].cumsum()
    tpr = np.r_[0.0, tp_at / positives]
    fpr = np.r_[0.0, fp_at / negatives]
    return float(np.trapz(tpr, fpr))


def cbpe_expected(p):
    if p.size == 0:
        return {"accuracy": None, "rocAuc": None, "precision": None, "recall": None, "f1": None}
    positive = p >= 0.5
    tp = p[positive].sum()
    fp = (1 - p[positive]).sum()
    fn = p[~positive].sum()
    return {
        "accuracy": float(np.mean(np.where(positive, p, 1 - p))),
        "rocAuc": cbpe_roc_auc(p),
        "precision": ratio(tp, tp + fp),
        "recall": ratio(tp, tp + fn),
        "f1": ratio(2 * tp, 2 * tp + fp + fn),
    }


def regression_expected(labels, scores):
    y = np.asarray(labels, dtype=float)
    f = np.asarray(scores, dtype=float)
    return {
        "n": int(y.size),
        "rmse": float(math.sqrt(metrics.mean_squared_error(y, f))),
        "mae": float(metrics.mean_absolute_error(y, f)),
    }


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def logit(p):
    return np.log(p / (1 - p))


def calibrated(size):
    """Scores that are the true probability of class 1: labels are drawn from them."""
    p = np.round(rng.beta(1.2, 1.2, size), 6)
    return (rng.random(size) < p).astype(int), p


def overconfident(size):
    """Labels drawn from p, but the model reports sigmoid(3·logit(p)): too sure both ways."""
    p = rng.beta(2, 2, size)
    return (rng.random(size) < p).astype(int), np.round(sigmoid(3 * logit(p)), 6)


def shifted(size):
    """The model reports p, while the world's rate of class 1 is p²: calibrated once, not any more."""
    p = rng.beta(2, 2, size)
    return (rng.random(size) < p**2).astype(int), np.round(p, 6)


def separable(size):
    """Class 1 scores above 0.5 and class 0 below, some at exactly 0 and 1 (clipped in log-loss)."""
    y = (rng.random(size) < 0.4).astype(int)
    p = np.where(y == 1, rng.uniform(0.6, 1.0, size), rng.uniform(0.0, 0.4, size))
    p[:5] = np.where(y[:5] == 1, 1.0, 0.0)
    return y, np.round(p, 6)


def inverted(size):
    y, p = separable(size)
    return y, np.round(1 - p, 6)


def classification_cases():
    labels, scores = calibrated(600)
    yield "well-calibrated", labels, scores
    yield "miscalibrated-overconfident", *overconfident(600)
    yield "miscalibrated-shifted", *shifted(600)
    labels, scores = calibrated(400)
    yield "ties", labels, np.round(scores, 1)
    yield "constant-scores", (rng.random(50) < 0.3).astype(int), np.full(50, 0.5)
    labels, scores = calibrated(80)
    yield "one-class-positive", np.ones(80, dtype=int), scores
    yield "one-class-negative", np.zeros(80, dtype=int), scores
    yield "no-predicted-positive", (rng.random(60) < 0.3).astype(int), np.round(rng.uniform(0, 0.49, 60), 6)
    yield "certain-scores", (rng.random(40) < 0.5).astype(int), np.ones(40)
    yield "tiny", np.array([1, 0, 1, 1, 0, 0, 1]), np.array([0.9, 0.2, 0.5, 0.4, 0.5, 0.05, 0.77])
    yield "single-row", np.array([1]), np.array([0.3])
    yield "large", *calibrated(20000)
    yield "perfect", *separable(300)
    yield "inverted", *inverted(300)


def regression_cases():
    truth = rng.normal(50, 10, 1000)
    yield "regression-normal-errors", truth, truth + rng.normal(0, 2, 1000)
    truth = rng.normal(50, 10, 500)
    predicted = truth + rng.normal(0, 1, 500)
    predicted[:5] += np.array([400, -350, 1000, -800, 250])
    yield "regression-outliers", truth, predicted
    yield "regression-tiny", np.array([3.0, -0.5, 2.0]), np.array([2.5, 0.0, 2.0])
    yield "regression-exact", np.array([1.5, 2.5, -3.0, 4.0]), np.array([1.5, 2.5, -3.0, 4.0])
    truth = rng.lognormal(3, 1, 20000)
    yield "regression-large", truth, truth * rng.normal(1, 0.1, 20000)


def main():
    for old in HERE.glob("*.json"):
        old.unlink()
    for name, labels, scores in classification_cases():
        labels = [int(v) for v in labels]
        scores = [float(v) for v in scores]
        case = {"name": name, "kind": "classification", "labels": labels, "scores": scores,
                "expected": classification_expected(labels, scores)}
        (HERE / f"{name}.json").write_text(json.dumps(case) + "\n")
    for name, labels, scores in regression_cases():
        labels = [round(float(v), 6) for v in labels]
        scores = [round(float(v), 6) for v in scores]
        case = {"name": name, "kind": "regression", "labels": labels, "scores": scores,
                "expected": regression_expected(labels, scores)}
        (HERE / f"{name}.json").write_text(json.dumps(case) + "\n")


if __name__ == "__main__":
    main()
