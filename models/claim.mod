/* Stage 2 of docs/MODEL.md (领单): the alliances of a given plan claim their communities'
   projects. All communities in one model (they do not interact); for glpsol:

     glpsol -m models/claim.mod -d claim.dat

   A unit o serving community c in the plan (x[o,c] = 1) may claim a project p of c when it
   holds some of p's category; it spends at most its share q[o,r] / k[o] of each resource in
   each community, where k[o] is max_communities (or the number of communities the plan gives
   it, if larger). Each project is claimed at most once; the total value claimed is maximized.
   Units are merged groups (resources summed over the group's members). */

set C;                          /* communities */
set O;                          /* units */
set R;                          /* categories */
set P;                          /* projects */

param x{O, C} binary, default 0;        /* the plan: 1 when unit o serves community c */
param k{O} > 0;                         /* divisor of the unit's resources */
param q{O, R} >= 0, default 0;          /* q_{o,r}: the unit's whole resource */
param community{P} symbolic in C;
param category{P} symbolic in R;
param amount{P} > 0;
param value{P} >= 0, default 1;

set Z := {p in P, o in O: x[o, community[p]] = 1 and q[o, category[p]] > 0};

var z{Z} binary;

maximize claimed: sum{(p, o) in Z} value[p] * z[p, o];

s.t. once{p in P}: sum{(pp, o) in Z: pp = p} z[pp, o] <= 1;

s.t. share{o in O, c in C, r in R: x[o, c] = 1 and q[o, r] > 0}:
    sum{(p, oo) in Z: oo = o and community[p] = c and category[p] = r} amount[p] * z[p, oo]
        <= q[o, r] / k[o];

solve;

printf "CLAIMED %.9f\n", sum{(p, o) in Z} value[p] * z[p, o];

end;
