WITH
source AS (
  SELECT * FROM events
),
typed AS (
  SELECT
    (CASE (CASE WHEN TRIM(CAST("charge" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("charge" AS VARCHAR)) END) WHEN 'F' THEN 'felony' WHEN 'it''s' THEN 'quote' ELSE CASE WHEN TRIM(CAST("charge" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("charge" AS VARCHAR)) END END) AS "c0",
    CASE WHEN TRIM(CAST("c_jail_in" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("c_jail_in" AS VARCHAR)) END AS "c1",
    CASE WHEN TRIM(CAST("c_jail_out" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("c_jail_out" AS VARCHAR)) END AS "c2",
    CASE WHEN TRIM(CAST("is_recid" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("is_recid" AS VARCHAR)) END AS "c3",
    CASE WHEN TRIM(CAST("age" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("age" AS VARCHAR)) END AS "c4",
    CASE WHEN TRIM(CAST("priors_count" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("priors_count" AS VARCHAR)) END AS "c5",
    CASE WHEN TRIM(CAST("score" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("score" AS VARCHAR)) END AS "c6",
    CASE WHEN TRIM(CAST("race" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("race" AS VARCHAR)) END AS "c7",
    CASE WHEN TRIM(CAST("sex" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("sex" AS VARCHAR)) END AS "c8",
    CASE WHEN TRIM(CAST("w" AS VARCHAR)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST("w" AS VARCHAR)) END AS "c9"
  FROM source
),
kept AS (
  SELECT
    (CASE WHEN regexp_like("c4", '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN TRY_CAST("c4" AS DOUBLE) END) AS "f0",
    (CASE WHEN regexp_like("c5", '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN TRY_CAST("c5" AS DOUBLE) END) AS "f1",
    "c0" AS "f2",
    (CASE WHEN COALESCE((date_diff('millisecond', TRY_CAST("c1" AS TIMESTAMP), TRY_CAST("c2" AS TIMESTAMP)) / 86400000e0) < 1e0, FALSE) THEN 0e0 ELSE ((FLOOR(((date_diff('millisecond', TRY_CAST("c1" AS TIMESTAMP), TRY_CAST("c2" AS TIMESTAMP)) / 86400000e0) / 30e0))) + 1e0) END) AS "f3",
    (CASE WHEN regexp_like("c6", '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN TRY_CAST("c6" AS DOUBLE) END) AS "f4",
    "c7" AS "g0",
    "c8" AS "g1",
    "c3" AS "y",
    (CASE WHEN regexp_like("c9", '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN TRY_CAST("c9" AS DOUBLE) END) AS "w",
    "c9" AS "w_text"
  FROM typed
  WHERE (COALESCE((CASE WHEN regexp_like("c3", '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN TRY_CAST("c3" AS DOUBLE) END) <> (-1e0), TRUE) AND COALESCE("c0" <> 'O', TRUE))
    AND (NOT ((CASE WHEN regexp_like("c4", '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN TRY_CAST("c4" AS DOUBLE) END) IS NULL))
    AND COALESCE(("c7" = 'African-American' AND "c8" = 'Male') OR ("c7" = 'Caucasian' AND "c8" = 'Female'), FALSE)
    AND "c7" IS NOT NULL
    AND "c8" IS NOT NULL
    AND "c3" IS NOT NULL
    AND "c9" IS NOT NULL
    AND "c4" IS NOT NULL
    AND "c5" IS NOT NULL
    AND "c0" IS NOT NULL
    AND "c6" IS NOT NULL
),
ranked_1 AS (
  SELECT "f1" AS v, ROW_NUMBER() OVER (ORDER BY "f1") - 1 AS r, COUNT(*) OVER () AS n FROM kept WHERE "f1" IS NOT NULL
),
edges_1 AS (
  SELECT CASE WHEN hi_1 <= lo_1 + 1e+300 THEN lo_1 + (h_1 - (FLOOR(h_1))) * (hi_1 - lo_1) ELSE lo_1 * (1e0 - (h_1 - (FLOOR(h_1)))) + hi_1 * (h_1 - (FLOOR(h_1))) END AS "e1_1", CASE WHEN hi_2 <= lo_2 + 1e+300 THEN lo_2 + (h_2 - (FLOOR(h_2))) * (hi_2 - lo_2) ELSE lo_2 * (1e0 - (h_2 - (FLOOR(h_2)))) + hi_2 * (h_2 - (FLOOR(h_2))) END AS "e1_2" FROM (SELECT MAX(CASE WHEN r = FLOOR((TRY_CAST((n - 1) * 1 AS DOUBLE) / 3e0)) THEN v END) AS lo_1, MAX(CASE WHEN r = LEAST(n - 1, FLOOR((TRY_CAST((n - 1) * 1 AS DOUBLE) / 3e0)) + 1) THEN v END) AS hi_1, MAX((TRY_CAST((n - 1) * 1 AS DOUBLE) / 3e0)) AS h_1, MAX(CASE WHEN r = FLOOR((TRY_CAST((n - 1) * 2 AS DOUBLE) / 3e0)) THEN v END) AS lo_2, MAX(CASE WHEN r = LEAST(n - 1, FLOOR((TRY_CAST((n - 1) * 2 AS DOUBLE) / 3e0)) + 1) THEN v END) AS hi_2, MAX((TRY_CAST((n - 1) * 2 AS DOUBLE) / 3e0)) AS h_2 FROM ranked_1) AS picks
),
edges_4 AS (
  SELECT CASE WHEN mx <= mn + 1e+300 THEN mn + ((mx - mn) * 1e0) / 2e0 ELSE (mn / 2e0) * 1e0 + (mx / 2e0) * 1e0 END AS "e4_1" FROM (SELECT MIN("f4") AS mn, MAX("f4") AS mx FROM kept WHERE "f4" IS NOT NULL) AS stats
)
SELECT
  CASE WHEN "f0" IS NULL THEN NULL WHEN "f0" < 20e0 THEN 0 WHEN "f0" < 25e0 THEN 1 WHEN "f0" < 70e0 THEN 2 ELSE 3 END AS "age",
  CASE WHEN "f1" IS NULL THEN NULL ELSE CASE WHEN "f1" >= "e1_1" THEN 1 ELSE 0 END + CASE WHEN "f1" >= "e1_2" AND "e1_2" > "e1_1" THEN 1 ELSE 0 END END AS "priors_count",
  "f2" AS "charge",
  "f3" AS "stay",
  CASE WHEN "f4" IS NULL THEN NULL ELSE CASE WHEN "f4" >= "e4_1" THEN 1 ELSE 0 END END AS "score",
  "g0" AS "race",
  "g1" AS "sex",
  "y" AS "is_recid",
  SUM("w") AS "weight",
  COUNT(*) AS "n_rows"
FROM kept CROSS JOIN edges_1 CROSS JOIN edges_4
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
