// Package plan chooses where to open new service sites and which existing
// sites to close (location-allocation), from travel times between sites
// and origins (population cells).
//
// Times are whole milliseconds (uint32, Unreachable where no path exists
// or the time lies beyond the limit the times were computed with);
// population is any non-negative weight per origin. The package reads no
// files.
//
// # Model
//
// A Problem holds a sparse site x origin time matrix (Sites), the origin
// weights, and optionally the time of each origin to its nearest fixed
// service (FixedMs): services that stay whatever is chosen. Each origin is
// served by the nearest of the fixed services and the open sites.
//
// Two objectives:
//
//   - Coverage (maximal covering location problem, MCLP): maximise the
//     weight of origins whose time is at most ThresholdMs.
//   - Median (p-median): minimise sum_i w_i min(t_i, CapMs), the
//     weighted time to the nearest open service, where every time above
//     CapMs, unreachable included, counts as CapMs. The cap keeps origins
//     no site reaches from dominating the sum with an arbitrary number and
//     makes times beyond the matrix limit comparable; choose it at or below
//     that limit. The objective is reported in person-minutes.
//
// Both are minimisations of sum_i w_i c(t_i) over the cost c(t) of the
// origin's nearest service: c = 0 within the threshold and 1 beyond for
// coverage (uncovered weight), c = min(t, cap) for the median.
//
// Add opens k of the candidate sites; Remove closes k of the existing
// sites (Sites then are the existing sites, all open before).
//
// # Algorithm
//
// A greedy start (Add: open, one at a time, the site that lowers the cost
// most; Remove: close, one at a time, the site whose closure raises it
// least) followed by vertex substitution (Teitz & Bart 1968): the best
// swap of one open site for one closed site is applied while it lowers the
// cost, until none does. Swaps are evaluated in O(nonzeros + sites x k)
// per pass from each origin's nearest and second-nearest open service
// (the fast interchange of Whitaker 1983). Single-swap local search can
// stop short of the optimum (from the plain greedy start, on about 2% of
// small random instances), so several starts are run (Options.Starts,
// default 8): start s forces the site with the s-th best effect alone as
// the first choice; the best result wins. Ties go to the lowest site index
// and the earliest start, so results are deterministic and do not depend
// on the number of workers. On small instances the result is checked
// against exhaustive enumeration.
package plan
