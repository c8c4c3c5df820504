/* Stage 3 of docs/MODEL.md (双报到: party members to community posts and orders), as a linear
   program; for glpsol:

     glpsol -m models/people.mod -d people.dat

   A member m may take a seat of post p when p's category is one of m's skills and p's
   community is one of m's candidate communities (all communities, or the k nearest with
   --candidates, or those within --max-distance-km; the home community and the communities of
   kept matches always): these pairs are the set A, written by the data. Each member takes at
   most cap[m] seats, each post holds at most seats[p] members, a member takes a post at most
   once, and the kept matches (--from people.csv) are fixed. A seat is worth

     round(w_fill * priority[p], 3)
       + round(-w_dist * dist[m,p] + w_home * home[m,p] + w_unit * unit[m,p], 3)

   (each part rounded to 0.001, as the tool does, so that the optimum is the same number), and the
   total worth is maximized. The constraint matrix is that of a bipartite transportation problem
   (totally unimodular), so the LP optimum is integral: glpsol's simplex gives the same optimum
   as the tool's min-cost flow. */

set M;                          /* members */
set P;                          /* posts (and orders) */
set A within {M, P};            /* allowed pairs */

param cap{M} integer >= 1;      /* capacity: seats a member can take */
param seats{P} integer >= 1;
param priority{P} > 0;
param dist{A} >= 0;             /* km, from the member (or their home community) to p's community */
param home{A} binary, default 0;  /* p is in m's home community */
param unit{A} binary, default 0;  /* m's unit serves p's community in the stage-1 plan */
param kept{A} binary, default 0;  /* a kept match */

param w_fill;
param w_dist;
param w_home;
param w_unit;

param worth{(m, p) in A} := round(w_fill * priority[p], 3)
    + round(-w_dist * dist[m, p] + w_home * home[m, p] + w_unit * unit[m, p], 3);

var x{(m, p) in A} >= kept[m, p], <= 1;

maximize total: sum{(m, p) in A} worth[m, p] * x[m, p];

s.t. capacity{m in M}: sum{(mm, p) in A: mm = m} x[mm, p] <= cap[m];

s.t. seat{p in P}: sum{(m, pp) in A: pp = p} x[m, pp] <= seats[p];

solve;

printf "OBJECTIVE %.6f\n", sum{(m, p) in A} worth[m, p] * x[m, p];
printf "SEATS %d\n", sum{(m, p) in A} round(x[m, p]);
printf{(m, p) in A: x[m, p] > 0.5} "SEAT %s %s\n", m, p;
end;
