/**
 * The paper's discretizations (docs/design.md, Reference data sets; Wang et al. 2023, data loader of the
 * FairFront experiments). Each maps a raw value to a small integer code.
 */

/** Age in 5-year buckets: <20, <25, ..., <70, >=70 (12 buckets, codes 0..11). COMPAS and Adult. */
export function ageBucket(ageYears: number): number {
  if (ageYears < 20) return 0;
  if (ageYears >= 70) return 11;
  return Math.floor((ageYears - 20) / 5) + 1;
}

/** Hours per week in 5-hour buckets: <10, <15, ..., <70, >=70 (14 buckets, codes 0..13). Adult. */
export function hoursBucket(hoursPerWeek: number): number {
  if (hoursPerWeek < 10) return 0;
  if (hoursPerWeek >= 70) return 13;
  return Math.floor((hoursPerWeek - 10) / 5) + 1;
}

/** Length of stay in jail by month: 0 when days <= 0, else floor(days / 30) + 1. COMPAS. */
export function stayBucket(stayDays: number): number {
  return stayDays <= 0 ? 0 : Math.floor(stayDays / 30) + 1;
}
