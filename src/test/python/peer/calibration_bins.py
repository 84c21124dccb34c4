"""The ECE of the peer goldens: equal-width (lo, hi] confidence bins, written out in numpy.

Shared by make_goldens.py (kNN vote) and soft_vote_golden.py (temperature-scaled vote); pdml's
eval.metrics.ExpectedCalibrationError is the independent implementation they check.
"""

import numpy as np


def ece(prob, correct, bins=15):
    """sum_b n_b / N * |accuracy_b - mean confidence_b| over bins (lo, hi], the first [0, hi]."""
    edges = np.arange(bins + 1) / bins
    b = np.clip(np.ceil(prob * bins).astype(int) - 1, 0, bins - 1)
    b = np.where((b > 0) & (prob <= edges[b]), b - 1, b)
    b = np.where((b < bins - 1) & (prob > edges[b + 1]), b + 1, b)
    total = 0.0
    for j in range(bins):
        m = b == j
        if m.any():
            total += m.sum() / len(prob) * abs(correct[m].mean() - prob[m].mean())
    return float(total)
