/** HiGHS primal and dual feasibility tolerances requested for every LP (tighter than HiGHS's 1e-7 default, so the
 * self-checks above them have margin). */
export const SOLVER_FEASIBILITY_TOL = 1e-9;
