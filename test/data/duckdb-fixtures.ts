import type { TableSpec } from '../../src/data/index.js';

export const AGE_EDGES = 'edges:20,25,30,35,40,45,50,55,60,65,70';

/**
 * The COMPAS preprocessing of docs/design.md (Reference data sets) written as filters, derived columns and
 * bins on the raw file.
 */
export const COMPAS_SPEC: TableSpec = {
  group: 'race',
  label: 'is_recid',
  groupValues: ['African-American', 'Caucasian'],
  filter: [
    'days_b_screening_arrest >= -30 and days_b_screening_arrest <= 30',
    'is_recid != -1',
    'c_charge_degree != "O"',
  ],
  derive: [
    'age_bucket = age',
    'c_charge_degree_felony = c_charge_degree == "F"',
    'sex_male = sex == "Male"',
    'stay_months = days(c_jail_in, c_jail_out) < 1 ? 0 : floor(days(c_jail_in, c_jail_out) / 30) + 1',
  ],
  features: ['age_bucket', 'c_charge_degree_felony', 'sex_male', 'priors_count', 'stay_months'],
  bins: { age_bucket: AGE_EDGES },
};
