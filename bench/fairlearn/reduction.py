"""fairlearn's ExponentiatedGradient or GridSearch with scikit-learn's random forest (or logistic regression) as
oracle, on rows a bench sends as JSON on stdin. Ours, not fairlearn's: it needs a fairlearn checkout on PYTHONPATH
(`PYTHONPATH=/path/to/fairlearn python3 bench/fairlearn/reduction.py`) and Debian's numpy, pandas, scikit-learn.

Input: {"x": [[...]], "y": [...], "s": [...], "predict_x": [[...]], "constraint": "EqualizedOdds",
"eps": [...], "estimator": "forest" | "logit", "params": {...}, "random_state": 0,
"method": "eg" | "grid", "grid_size": 10}.
Output: {"version", "fits": [{"eps", "pmf": [P(Yhat = 1) per row of predict_x], "n_oracle_calls",
"n_predictors", "best_gap", "seconds"}]}.
"""
import json
import sys
import time

import numpy as np
import fairlearn
from fairlearn.reductions import (
    DemographicParity,
    EqualizedOdds,
    ErrorRateParity,
    ExponentiatedGradient,
    FalsePositiveRateParity,
    GridSearch,
    TruePositiveRateParity,
)
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression

CONSTRAINTS = {
    "DemographicParity": DemographicParity,
    "EqualizedOdds": EqualizedOdds,
    "TruePositiveRateParity": TruePositiveRateParity,
    "FalsePositiveRateParity": FalsePositiveRateParity,
    "ErrorRateParity": ErrorRateParity,
}

request = json.load(sys.stdin)
x = np.asarray(request["x"], dtype=np.float64)
y = np.asarray(request["y"], dtype=np.int64)
s = np.asarray(request["s"], dtype=np.int64)
predict_x = np.asarray(request.get("predict_x", request["x"]), dtype=np.float64)


def estimator():
    params = request.get("params", {})
    if request.get("estimator", "forest") == "forest":
        return RandomForestClassifier(random_state=request.get("random_state", 0), **params)
    return LogisticRegression(**params)


fits = []
for eps in request["eps"]:
    t0 = time.time()
    constraint = CONSTRAINTS[request["constraint"]](difference_bound=eps)
    if request.get("method", "eg") == "eg":
        model = ExponentiatedGradient(estimator(), constraints=constraint, eps=eps)
        model.fit(x, y, sensitive_features=s)
        pmf = model._pmf_predict(predict_x)[:, 1]
        extra = {"n_oracle_calls": int(model.n_oracle_calls_), "n_predictors": int(len(model.predictors_)),
                 "best_gap": float(model.best_gap_)}
    else:
        model = GridSearch(estimator(), constraints=constraint, grid_size=request.get("grid_size", 10))
        model.fit(x, y, sensitive_features=s)
        pmf = model.predict(predict_x).astype(np.float64)
        extra = {"n_predictors": int(len(model.predictors_))}
    fits.append({"eps": eps, "pmf": [float(v) for v in pmf], "seconds": time.time() - t0, **extra})
    sys.stderr.write(f"eps {eps}: {time.time() - t0:.1f} s\n")
json.dump({"version": fairlearn.__version__, "fits": fits}, sys.stdout)
