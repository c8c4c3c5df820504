/* alliance.mod: party-building alliances (党建联盟), "1+N" pattern, stage 1.

   GNU MathProg model of stage 1 of the alliance matching model (MODEL.md,
   version 2): which units (单位) serve which communities (社区), and which unit
   leads each community's alliance. The data section is written by
   AllianceKit's MathProgDataWriter (groups already merged, needs and resources
   aggregated, pair rules, pins and options applied):

       glpsol -m models/alliance.mod -d data.dat
       glpsol -m models/alliance.mod -d data.dat --check      (translate only)

   After solving it prints, one item per line, fields separated by one space:

       OBJECTIVE <value>
       TERM coverage|balance|distance|preference|keep <value>   (unweighted)
       STRENGTH max|min <value>                                 (information)
       ASSIGN <unit> <community> lead|member                    (by community)

   ------------------------------------------------------------------------
   Sets
     O   units, after group merging (set U below)
     C   communities
     R   need categories
     A ⊆ O×C  allowed pairs: all pairs, minus `forbid`, minus pairs farther
         than max_distance_km when that option is set, minus the pairs a unit
         or community pin removes; `fix` pairs and pinned pairs are always
         allowed (param allowed)
     A_lead = {(o,c) ∈ A : o eligible to lead}, empty when the lead rule is off

   Data
     s_o ≥ 0 strength, m_o ≤ k_o community bounds of unit o (一包一 k_o = 1,
     一包多 k_o > 1); b_c ≥ 0 strength of community c's own party organization;
     d_{c,r} need, π_{c,r} priority; q_{o,r} resource; dist_{o,c} km;
     score_{o,c} summed `prefer` scores; P the previous-plan pairs (after
     merging), |P| = nprev; τ balance band; w_cov, w_bal, w_dist, w_pref, w_keep.
     Re-planning (MODEL.md, "Re-planning"): F the start-plan pairs (--from,
     after merging; param start), N the change limit (max_changes, -1 = none),
     Λ the lead pins (param lead_pin). Unit and community pins reach the model
     as `fix` (pairs they keep) and allowed = 0 (pairs they remove).

   Derived constants
     T_min = Σ_o m_o,   T_max = Σ_o k_o
     L_c = min_orgs_c if given, else ⌊T_min / |C|⌋; when the lead rule is on,
           L_c ≥ 1 (L_c := max(L_c, 1))
     U_c = max_orgs_c if given, else ⌈T_max / |C|⌉
     1/k_o: share of unit o per community (a unit serving k_o communities
           splits its strength and resources evenly among them)
     S̄ = (Σ_c b_c + Σ_o s_o) / |C|      (mean alliance strength)
     D_max = max_{o∈O, c∈C} dist_{o,c}   (over ALL pairs; 0 without coordinates)
     N_need = Σ_{c,r} π_{c,r} d_{c,r}

   Variables
     x_{o,c} ∈ {0,1}           (o,c) ∈ A          o serves c
     y_{o,c} ∈ {0,1}           (o,c) ∈ A_lead     o leads c's alliance
     cov_{c,r} ∈ [0, d_{c,r}]  every need d_{c,r} > 0
     e_c ≥ 0                   every community     strength outside the band

   Constraints
     1. m_o ≤ Σ_c x_{o,c} ≤ k_o                          ∀ o ∈ O
     2. L_c ≤ Σ_o x_{o,c} ≤ U_c                          ∀ c ∈ C
     3. lead rule (on by default):  Σ_o y_{o,c} = 1 ∀ c ∈ C,
                                    y_{o,c} ≤ x_{o,c} ∀ (o,c) ∈ A_lead
     4. S_c = b_c + Σ_o (s_o / k_o) x_{o,c};
        e_c ≥ S_c − (1 + τ) S̄,  e_c ≥ (1 − τ) S̄ − S_c  ∀ c ∈ C
     5. cov_{c,r} ≤ Σ_o (q_{o,r} / k_o) x_{o,c}          ∀ needs (c,r)
     6. x_{o,c} = 1                                      ∀ `fix` and pinned pairs
     7. change limit (when N ≥ 0):
        Σ_{(o,c) ∈ A \ F} x_{o,c} + Σ_{(o,c) ∈ F ∩ A} (1 − x_{o,c}) + |F \ A| ≤ N
     8. lead pins (lead rule on): y_{o,c} = 1            ∀ (o,c) ∈ Λ

   Objective (maximize), each term scaled to be comparable:
     w_cov·COV − w_bal·BAL − w_dist·DIST + w_pref·PREF + w_keep·KEEP
     COV  = Σ π_{c,r} cov_{c,r} / N_need    (0 when there are no needs):
            weighted share of needs covered
     BAL  = Σ_c e_c / (|C| · S̄)             (0 when S̄ = 0): strong-with-weak
            balance, the mean strength outside the band, relative to the mean
     DIST = Σ dist_{o,c} x_{o,c} / (T_max · D_max)   (0 when D_max = 0)
     PREF = Σ_{prefer pairs} score_{o,c} x_{o,c}
     KEEP = Σ_{(o,c) ∈ P} x_{o,c} / |P|     (0 without a previous plan)
   Defaults: w_cov = 1, w_bal = 0.5, w_dist = 0.2, w_pref = 1, w_keep = 0.2,
   τ = 0.10.
   ------------------------------------------------------------------------ */

/* ---- sets ---- */
set U;                      # units (after group merging)
set C;                      # communities
set R;                      # need categories

/* ---- unit data ---- */
param s{U} >= 0, default 1;             # s_o strength
param m{U} integer, >= 0, default 1;    # m_o fewest communities served
param k{U} integer, >= 1, default 1;    # k_o most communities served
param canlead{U} binary, default 0;     # eligible to lead (0 for all when the lead rule is off)
check{u in U}: m[u] <= k[u];

/* ---- community data ---- */
param leadrule binary, default 1;       # every community gets exactly one lead unit
param b{C} >= 0, default 0;             # b_c strength of the community's own party organization
param minorgs{C} integer, >= -1, default -1;   # explicit L_c, -1 = not given
param maxorgs{C} integer, >= -1, default -1;   # explicit U_c, -1 = not given

/* ---- lists ---- */
param d{C, R} >= 0, default 0;          # d_{c,r} need
param pri{C, R} >= 0, default 0;        # π_{c,r} priority
param q{U, R} >= 0, default 0;          # q_{o,r} resource

/* ---- pairs ---- */
param dist{U, C} >= 0, default 0;       # km, for all pairs
param allowed{U, C} binary, default 1;  # (o,c) ∈ A (forbid, max distance and fix applied)
param fix{U, C} binary, default 0;      # `fix` pairs
param pref{U, C}, default 0;            # summed `prefer` scores (may be negative)
param prev{U, C} binary, default 0;     # previous-plan pairs
param nprev integer, >= 0, default 0;   # |P|
check{u in U, c in C: fix[u,c]}: allowed[u,c] = 1;

/* ---- re-planning: start plan, change limit, lead pins ---- */
param start{U, C} binary, default 0;    # F: pairs of the start plan (--from)
param max_changes integer, >= -1, default -1;   # N: most pairs that differ from F, -1 = no limit
param lead_pin{U, C} binary, default 0; # Λ: unit u must lead community c

/* ---- options ---- */
param tau >= 0, default 0.10;           # τ balance band
param wcov, default 1;
param wbal, default 0.5;
param wdist, default 0.2;
param wpref, default 1;
param wkeep, default 0.2;

/* ---- derived constants ---- */
param nC := card(C);
param Tmin := sum{u in U} m[u];
param Tmax := sum{u in U} k[u];
param Lsize{c in C} :=
    max(if minorgs[c] >= 0 then minorgs[c] else floor(Tmin / nC),
        if leadrule then 1 else 0);
param Usize{c in C} :=
    if maxorgs[c] >= 0 then maxorgs[c] else ceil(Tmax / nC);
param Sbar := if nC > 0 then (sum{c in C} b[c] + sum{u in U} s[u]) / nC else 0;
param Dmax := if card(U) > 0 and nC > 0 then max{u in U, c in C} dist[u,c] else 0;
param Nneed := sum{c in C, r in R} pri[c,r] * d[c,r];

set A := setof{u in U, c in C: allowed[u,c] = 1} (u, c);
set ALEAD := setof{(u, c) in A: leadrule = 1 and canlead[u] = 1} (u, c);
set NEED := setof{c in C, r in R: d[c,r] > 0} (c, r);
check{u in U, c in C: lead_pin[u,c] = 1}: leadrule = 1 and (u, c) in ALEAD and fix[u,c] = 1;

/* ---- variables ---- */
var x{A} binary;
var y{ALEAD} binary;
var cov{(c, r) in NEED} >= 0, <= d[c,r];
var e{C} >= 0;

/* ---- constraints ---- */
s.t. unit_min{u in U}: sum{c in C: (u,c) in A} x[u,c] >= m[u];
s.t. unit_max{u in U}: sum{c in C: (u,c) in A} x[u,c] <= k[u];

s.t. size_min{c in C}: sum{u in U: (u,c) in A} x[u,c] >= Lsize[c];
s.t. size_max{c in C}: sum{u in U: (u,c) in A} x[u,c] <= Usize[c];

s.t. one_lead{c in C: leadrule = 1}: sum{u in U: (u,c) in ALEAD} y[u,c] = 1;
s.t. lead_serves{(u, c) in ALEAD}: y[u,c] <= x[u,c];

s.t. band_high{c in C}:
    e[c] >= b[c] + sum{u in U: (u,c) in A} (s[u] / k[u]) * x[u,c] - (1 + tau) * Sbar;
s.t. band_low{c in C}:
    e[c] >= (1 - tau) * Sbar - b[c] - sum{u in U: (u,c) in A} (s[u] / k[u]) * x[u,c];

s.t. coverage{(c, r) in NEED}:
    cov[c,r] <= sum{u in U: (u,c) in A and q[u,r] > 0} (q[u,r] / k[u]) * x[u,c];

s.t. fixed{(u, c) in A: fix[u,c] = 1}: x[u,c] = 1;

s.t. changes{i in 1..1: max_changes >= 0}:
    sum{(u, c) in A} (if start[u,c] = 1 then 1 - x[u,c] else x[u,c])
    + sum{u in U, c in C: start[u,c] = 1 and allowed[u,c] = 0} 1 <= max_changes;

s.t. lead_pinned{(u, c) in ALEAD: lead_pin[u,c] = 1}: y[u,c] = 1;

/* ---- objective ---- */
maximize obj:
      wcov  * (if Nneed > 0 then sum{(c, r) in NEED} pri[c,r] * cov[c,r] / Nneed else 0)
    - wbal  * (if Sbar > 0 then sum{c in C} e[c] / (nC * Sbar) else 0)
    - wdist * (if Dmax > 0 then sum{(u, c) in A: dist[u,c] > 0} dist[u,c] * x[u,c] / (Tmax * Dmax) else 0)
    + wpref * sum{(u, c) in A: pref[u,c] != 0} pref[u,c] * x[u,c]
    + wkeep * (if nprev > 0 then sum{(u, c) in A: prev[u,c] = 1} x[u,c] / nprev else 0);

solve;

/* ---- report (the same five terms as in obj, unweighted) ---- */
printf "OBJECTIVE %.17g\n", obj;
printf "TERM coverage %.17g\n",
    if Nneed > 0 then sum{(c, r) in NEED} pri[c,r] * cov[c,r] / Nneed else 0;
printf "TERM balance %.17g\n",
    if Sbar > 0 then sum{c in C} e[c] / (nC * Sbar) else 0;
printf "TERM distance %.17g\n",
    if Dmax > 0 then sum{(u, c) in A: dist[u,c] > 0} dist[u,c] * x[u,c] / (Tmax * Dmax) else 0;
printf "TERM preference %.17g\n",
    sum{(u, c) in A: pref[u,c] != 0} pref[u,c] * x[u,c];
printf "TERM keep %.17g\n",
    if nprev > 0 then sum{(u, c) in A: prev[u,c] = 1} x[u,c] / nprev else 0;
printf "STRENGTH max %.17g\n",
    if nC > 0 then max{c in C} (b[c] + sum{u in U: (u,c) in A} (s[u] / k[u]) * x[u,c]) else 0;
printf "STRENGTH min %.17g\n",
    if nC > 0 then min{c in C} (b[c] + sum{u in U: (u,c) in A} (s[u] / k[u]) * x[u,c]) else 0;
for {c in C, u in U: (u,c) in A and x[u,c] > 0.5}
    printf "ASSIGN %s %s %s\n", u, c,
        if (u,c) in ALEAD then (if y[u,c] > 0.5 then "lead" else "member") else "member";

end;
