WITH
source AS (
  SELECT * FROM events
),
typed AS (
  SELECT
    (CASE (CASE WHEN BTRIM(CAST("charge" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("charge" AS TEXT), ' ' || CHR(9)) END) WHEN 'F' THEN 'felony' WHEN 'it''s' THEN 'quote' ELSE CASE WHEN BTRIM(CAST("charge" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("charge" AS TEXT), ' ' || CHR(9)) END END) AS "c0",
    CASE WHEN BTRIM(CAST("c_jail_in" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("c_jail_in" AS TEXT), ' ' || CHR(9)) END AS "c1",
    CASE WHEN BTRIM(CAST("c_jail_out" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("c_jail_out" AS TEXT), ' ' || CHR(9)) END AS "c2",
    CASE WHEN BTRIM(CAST("is_recid" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("is_recid" AS TEXT), ' ' || CHR(9)) END AS "c3",
    CASE WHEN BTRIM(CAST("age" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("age" AS TEXT), ' ' || CHR(9)) END AS "c4",
    CASE WHEN BTRIM(CAST("priors_count" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("priors_count" AS TEXT), ' ' || CHR(9)) END AS "c5",
    CASE WHEN BTRIM(CAST("score" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("score" AS TEXT), ' ' || CHR(9)) END AS "c6",
    CASE WHEN BTRIM(CAST("race" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("race" AS TEXT), ' ' || CHR(9)) END AS "c7",
    CASE WHEN BTRIM(CAST("sex" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("sex" AS TEXT), ' ' || CHR(9)) END AS "c8",
    CASE WHEN BTRIM(CAST("w" AS TEXT), ' ' || CHR(9)) IN ('', 'NA') THEN NULL ELSE BTRIM(CAST("w" AS TEXT), ' ' || CHR(9)) END AS "c9"
  FROM source
),
kept AS (
  SELECT
    (CASE WHEN ("c4" ~ '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN CAST("c4" AS DOUBLE PRECISION) END) AS "f0",
    (CASE WHEN ("c5" ~ '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN CAST("c5" AS DOUBLE PRECISION) END) AS "f1",
    "c0" AS "f2",
    (CASE WHEN COALESCE((CASE WHEN "c1" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9:.]+)?$' AND "c2" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9:.]+)?$' THEN CAST(EXTRACT(EPOCH FROM (CAST("c2" AS TIMESTAMP) - CAST("c1" AS TIMESTAMP))) * 1000 AS DOUBLE PRECISION) / 86400000e0 END) < 1e0, FALSE) THEN 0e0 ELSE ((FLOOR(((CASE WHEN "c1" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9:.]+)?$' AND "c2" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9:.]+)?$' THEN CAST(EXTRACT(EPOCH FROM (CAST("c2" AS TIMESTAMP) - CAST("c1" AS TIMESTAMP))) * 1000 AS DOUBLE PRECISION) / 86400000e0 END) / 30e0))) + 1e0) END) AS "f3",
    (CASE WHEN ("c6" ~ '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN CAST("c6" AS DOUBLE PRECISION) END) AS "f4",
    "c7" AS "g0",
    "c8" AS "g1",
    "c3" AS "y",
    (CASE WHEN ("c9" ~ '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN CAST("c9" AS DOUBLE PRECISION) END) AS "w",
    "c9" AS "w_text"
  FROM typed
  WHERE (COALESCE((CASE WHEN ("c3" ~ '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN CAST("c3" AS DOUBLE PRECISION) END) <> (-1e0), TRUE) AND COALESCE("c0" <> 'O', TRUE))
    AND (NOT ((CASE WHEN ("c4" ~ '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN CAST("c4" AS DOUBLE PRECISION) END) IS NULL))
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
  SELECT CASE WHEN hi_1 <= lo_1 + 1e+300 THEN lo_1 + (h_1 - (FLOOR(h_1))) * (hi_1 - lo_1) ELSE lo_1 * (1e0 - (h_1 - (FLOOR(h_1)))) + hi_1 * (h_1 - (FLOOR(h_1))) END AS "e1_1", CASE WHEN hi_2 <= lo_2 + 1e+300 THEN lo_2 + (h_2 - (FLOOR(h_2))) * (hi_2 - lo_2) ELSE lo_2 * (1e0 - (h_2 - (FLOOR(h_2)))) + hi_2 * (h_2 - (FLOOR(h_2))) END AS "e1_2" FROM (SELECT MAX(CASE WHEN r = FLOOR((CAST((n - 1) * 1 AS DOUBLE PRECISION) / 3e0)) THEN v END) AS lo_1, MAX(CASE WHEN r = LEAST(n - 1, FLOOR((CAST((n - 1) * 1 AS DOUBLE PRECISION) / 3e0)) + 1) THEN v END) AS hi_1, MAX((CAST((n - 1) * 1 AS DOUBLE PRECISION) / 3e0)) AS h_1, MAX(CASE WHEN r = FLOOR((CAST((n - 1) * 2 AS DOUBLE PRECISION) / 3e0)) THEN v END) AS lo_2, MAX(CASE WHEN r = LEAST(n - 1, FLOOR((CAST((n - 1) * 2 AS DOUBLE PRECISION) / 3e0)) + 1) THEN v END) AS hi_2, MAX((CAST((n - 1) * 2 AS DOUBLE PRECISION) / 3e0)) AS h_2 FROM ranked_1) AS picks
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
