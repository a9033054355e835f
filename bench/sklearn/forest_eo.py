"""scikit-learn's random forest on rows a bench sends (JSON on stdin), evaluated as the paper's benchmark code does.

The paper's `Benchmark.original` trains one forest on every row and evaluates it on `df.sample(frac=0.3,
replace=True, random_state=b)` for b = 0..9, i.e. `np.random.RandomState(b).choice(n, round(0.3 n))`.
Input: {"x": [[...]], "y": [...], "s": [...], "params": {...}, "random_states": [...], "boots": 10, "frac": 0.3}.
Output: {"boots": [[row indices of bootstrap b]], "fits": [{"random_state", "all": {acc, eo, avgeo},
"boot": [{acc, eo, avgeo} per bootstrap]}], "version"}. eo = max(|TPR gap|, |FPR gap|) (the paper's "abseo"),
avgeo = |mean of the TPR and FPR gaps| (AIF360's average odds difference).
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


def scores(yt, yp, st):
    gaps = []
    for label in (1, 0):
        rates = [yp[(st == g) & (yt == label)].mean() for g in (0, 1)]
        gaps.append(rates[0] - rates[1])
    return {
        "acc": float(np.mean(yp == yt)),
        "eo": float(max(abs(g) for g in gaps)),
        "avgeo": float(abs(np.mean(gaps))),
    }


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
