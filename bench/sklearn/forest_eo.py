"""scikit-learn's random forest on rows a bench sends (JSON on stdin), evaluated as the paper's benchmark code does.

The paper's `Benchmark.original` trains one forest on every row and evaluates it on `df.sample(frac=0.3,
replace=True, random_state=b)` for b = 0..9, i.e. `np.random.RandomState(b).choice(n, round(0.3 n))`.
Input: {"x": [[...]], "y": [...], "s": [...], "params": {...}, "random_states": [...], "boots": 10, "frac": 0.3}.
Output: {"boots": [[row indices of bootstrap b]], "fits": [{"random_state", "all": {acc, eo, avgeo},
"boot": [{acc, eo, ovr, avgeo} per bootstrap]}], "version"}. Over every pair of groups:
- eo: the largest gap of P(Yhat = k | S, Y = y) over (y, k): with two classes max(|TPR gap|, |FPR gap|), the
  paper's "abseo";
- ovr: the largest one-vs-rest TPR or FPR gap per class c, P(Yhat = c | S, Y = c) and P(Yhat = c | S, Y != c),
  the paper's HSLS metric (`odd_diffs_multi`, "mo"); equal to eo with two classes;
- avgeo: two groups and two classes only, |mean of the TPR and FPR gaps| (AIF360's average odds difference).
(group, label) pairs absent from a bootstrap are skipped.
"""
import json
import sys

import numpy as np
from sklearn.ensemble import RandomForestClassifier

request = json.load(sys.stdin)
x = np.asarray(request["x"], dtype=np.float64)
y = np.asarray(request["y"], dtype=np.int64)
s = np.asarray(request["s"], dtype=np.int64)
n = len(y)
boots = [
    np.random.RandomState(b).choice(n, size=int(round(request.get("frac", 0.3) * n)), replace=True)
    for b in range(request.get("boots", 10))
]


n_groups = int(s.max()) + 1
n_classes = int(y.max()) + 1


def pair_gaps(rates):
    """Largest |rate(s1) - rate(s2)| over pairs of groups where both are defined (rates: one per group or nan)."""
    r = [v for v in rates if not np.isnan(v)]
    return max(r) - min(r) if len(r) > 1 else 0.0


def rate(mask_event, mask_pred):
    n = mask_event.sum()
    return float((mask_event & mask_pred).sum() / n) if n > 0 else float("nan")


def scores(yt, yp, st):
    eo = max(
        pair_gaps([rate((st == g) & (yt == label), yp == k) for g in range(n_groups)])
        for label in range(n_classes)
        for k in range(n_classes)
    )
    ovr = max(
        max(
            pair_gaps([rate((st == g) & (yt == c), yp == c) for g in range(n_groups)]),
            pair_gaps([rate((st == g) & (yt != c), yp == c) for g in range(n_groups)]),
        )
        for c in range(n_classes)
    )
    out = {"acc": float(np.mean(yp == yt)), "eo": float(eo), "ovr": float(ovr), "avgeo": None}
    if n_groups == 2 and n_classes == 2:
        gaps = [rate((st == 0) & (yt == label), yp == 1) - rate((st == 1) & (yt == label), yp == 1) for label in (1, 0)]
        out["avgeo"] = None if np.isnan(np.mean(gaps)) else float(abs(np.mean(gaps)))
    return out


fits = []
for rs in request["random_states"]:
    model = RandomForestClassifier(random_state=rs, **request["params"]).fit(x, y)
    p = model.predict(x)
    fits.append(
        {
            "random_state": rs,
            "all": scores(y, p, s),
            "boot": [scores(y[idx], p[idx], s[idx]) for idx in boots],
        }
    )
json.dump(
    {"boots": [b.tolist() for b in boots], "fits": fits, "version": __import__("sklearn").__version__},
    sys.stdout,
)
