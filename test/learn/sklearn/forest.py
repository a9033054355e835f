"""scikit-learn's forest on the rows a test sends (JSON on stdin), as an independent reference.

Input: {"x": [[...], ...], "y": [...], "params": {...}, "seeds": [...], "kind": "forest" | "tree"}.
Output: {"accuracy": [one in-sample accuracy per seed], "proba": [class-1 probability of every row, first seed]}.
"""
import json
import sys

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

request = json.load(sys.stdin)
x = np.asarray(request["x"], dtype=np.float64)
y = np.asarray(request["y"], dtype=np.int64)
accuracy = []
proba = None
for seed in request["seeds"]:
    if request.get("kind") == "tree":
        model = DecisionTreeClassifier(random_state=seed, **request["params"])
    else:
        model = RandomForestClassifier(random_state=seed, **request["params"])
    model.fit(x, y)
    p = model.predict_proba(x)
    accuracy.append(float(np.mean(model.classes_[np.argmax(p, axis=1)] == y)))
    if proba is None:
        proba = p[:, 1].tolist()
json.dump({"accuracy": accuracy, "proba": proba, "version": __import__("sklearn").__version__}, sys.stdout)
