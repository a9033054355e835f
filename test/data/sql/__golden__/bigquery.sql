WITH
source AS (
  SELECT * FROM events
),
typed AS (
  SELECT
    (CASE (CASE WHEN TRIM(CAST(`charge` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`charge` AS STRING)) END) WHEN 'F' THEN 'felony' WHEN 'it\'s' THEN 'quote' ELSE CASE WHEN TRIM(CAST(`charge` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`charge` AS STRING)) END END) AS `c0`,
    CASE WHEN TRIM(CAST(`c_jail_in` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`c_jail_in` AS STRING)) END AS `c1`,
    CASE WHEN TRIM(CAST(`c_jail_out` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`c_jail_out` AS STRING)) END AS `c2`,
    CASE WHEN TRIM(CAST(`is_recid` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`is_recid` AS STRING)) END AS `c3`,
    CASE WHEN TRIM(CAST(`age` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`age` AS STRING)) END AS `c4`,
    CASE WHEN TRIM(CAST(`priors_count` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`priors_count` AS STRING)) END AS `c5`,
    CASE WHEN TRIM(CAST(`score` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`score` AS STRING)) END AS `c6`,
    CASE WHEN TRIM(CAST(`race` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`race` AS STRING)) END AS `c7`,
    CASE WHEN TRIM(CAST(`sex` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`sex` AS STRING)) END AS `c8`,
    CASE WHEN TRIM(CAST(`w` AS STRING)) IN ('', 'NA') THEN NULL ELSE TRIM(CAST(`w` AS STRING)) END AS `c9`
  FROM source
),
kept AS (
  SELECT
    (CASE WHEN REGEXP_CONTAINS(`c4`, '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN SAFE_CAST(`c4` AS FLOAT64) END) AS `f0`,
    (CASE WHEN REGEXP_CONTAINS(`c5`, '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN SAFE_CAST(`c5` AS FLOAT64) END) AS `f1`,
    `c0` AS `f2`,
    (CASE WHEN COALESCE((TIMESTAMP_DIFF(SAFE_CAST(`c2` AS TIMESTAMP), SAFE_CAST(`c1` AS TIMESTAMP), MILLISECOND) / 86400000e0) < 1e0, FALSE) THEN 0e0 ELSE ((FLOOR(((TIMESTAMP_DIFF(SAFE_CAST(`c2` AS TIMESTAMP), SAFE_CAST(`c1` AS TIMESTAMP), MILLISECOND) / 86400000e0) / 30e0))) + 1e0) END) AS `f3`,
    (CASE WHEN REGEXP_CONTAINS(`c6`, '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN SAFE_CAST(`c6` AS FLOAT64) END) AS `f4`,
    `c7` AS `g0`,
    `c8` AS `g1`,
    `c3` AS `y`,
    (CASE WHEN REGEXP_CONTAINS(`c9`, '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN SAFE_CAST(`c9` AS FLOAT64) END) AS `w`,
    `c9` AS `w_text`
  FROM typed
  WHERE (COALESCE((CASE WHEN REGEXP_CONTAINS(`c3`, '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN SAFE_CAST(`c3` AS FLOAT64) END) <> (-1e0), TRUE) AND COALESCE(`c0` <> 'O', TRUE))
    AND (NOT ((CASE WHEN REGEXP_CONTAINS(`c4`, '^([+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?)$') THEN SAFE_CAST(`c4` AS FLOAT64) END) IS NULL))
    AND COALESCE((`c7` = 'African-American' AND `c8` = 'Male') OR (`c7` = 'Caucasian' AND `c8` = 'Female'), FALSE)
    AND `c7` IS NOT NULL
    AND `c8` IS NOT NULL
    AND `c3` IS NOT NULL
    AND `c9` IS NOT NULL
    AND `c4` IS NOT NULL
    AND `c5` IS NOT NULL
    AND `c0` IS NOT NULL
    AND `c6` IS NOT NULL
),
ranked_1 AS (
  SELECT `f1` AS v, ROW_NUMBER() OVER (ORDER BY `f1`) - 1 AS r, COUNT(*) OVER () AS n FROM kept WHERE `f1` IS NOT NULL
),
edges_1 AS (
  SELECT CASE WHEN hi_1 <= lo_1 + 1e+300 THEN lo_1 + (h_1 - (FLOOR(h_1))) * (hi_1 - lo_1) ELSE lo_1 * (1e0 - (h_1 - (FLOOR(h_1)))) + hi_1 * (h_1 - (FLOOR(h_1))) END AS `e1_1`, CASE WHEN hi_2 <= lo_2 + 1e+300 THEN lo_2 + (h_2 - (FLOOR(h_2))) * (hi_2 - lo_2) ELSE lo_2 * (1e0 - (h_2 - (FLOOR(h_2)))) + hi_2 * (h_2 - (FLOOR(h_2))) END AS `e1_2` FROM (SELECT MAX(CASE WHEN r = FLOOR((SAFE_CAST((n - 1) * 1 AS FLOAT64) / 3e0)) THEN v END) AS lo_1, MAX(CASE WHEN r = LEAST(n - 1, FLOOR((SAFE_CAST((n - 1) * 1 AS FLOAT64) / 3e0)) + 1) THEN v END) AS hi_1, MAX((SAFE_CAST((n - 1) * 1 AS FLOAT64) / 3e0)) AS h_1, MAX(CASE WHEN r = FLOOR((SAFE_CAST((n - 1) * 2 AS FLOAT64) / 3e0)) THEN v END) AS lo_2, MAX(CASE WHEN r = LEAST(n - 1, FLOOR((SAFE_CAST((n - 1) * 2 AS FLOAT64) / 3e0)) + 1) THEN v END) AS hi_2, MAX((SAFE_CAST((n - 1) * 2 AS FLOAT64) / 3e0)) AS h_2 FROM ranked_1) AS picks
),
edges_4 AS (
  SELECT CASE WHEN mx <= mn + 1e+300 THEN mn + ((mx - mn) * 1e0) / 2e0 ELSE (mn / 2e0) * 1e0 + (mx / 2e0) * 1e0 END AS `e4_1` FROM (SELECT MIN(`f4`) AS mn, MAX(`f4`) AS mx FROM kept WHERE `f4` IS NOT NULL) AS stats
)
SELECT
  CASE WHEN `f0` IS NULL THEN NULL WHEN `f0` < 20e0 THEN 0 WHEN `f0` < 25e0 THEN 1 WHEN `f0` < 70e0 THEN 2 ELSE 3 END AS `age`,
  CASE WHEN `f1` IS NULL THEN NULL ELSE CASE WHEN `f1` >= `e1_1` THEN 1 ELSE 0 END + CASE WHEN `f1` >= `e1_2` AND `e1_2` > `e1_1` THEN 1 ELSE 0 END END AS `priors_count`,
  `f2` AS `charge`,
  `f3` AS `stay`,
  CASE WHEN `f4` IS NULL THEN NULL ELSE CASE WHEN `f4` >= `e4_1` THEN 1 ELSE 0 END END AS `score`,
  `g0` AS `race`,
  `g1` AS `sex`,
  `y` AS `is_recid`,
  SUM(`w`) AS `weight`,
  COUNT(*) AS `n_rows`
FROM kept CROSS JOIN edges_1 CROSS JOIN edges_4
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
