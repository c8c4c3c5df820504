/* GLPK's stretches without a search callback on an exported model, and the wrapper's deadline
   rules (benchmarks/LARGE.md, "Time limit"). Solves the root LP (scaled, as glpsol does), then
   runs glp_intopt with a callback and a deadline SLACK seconds after the root LP; prints every
   stretch between two callbacks over 0.5 s (with the callback reasons around it) and how far
   from the deadline glp_intopt returned.

     gcc -O2 glpk-stretches.c -lglpk -o glpk-stretches
     alliance export <lists> --previous <plan.csv> --format mps --out model.mps
     ./glpk-stretches model.mps SLACK MODE [BRANCHING [CUTS]]

   MODE 0: stop at the first callback past the deadline (the wrapper before StretchWatch);
   MODE 1: stop when now + max(SHARE x root LP, MARGIN x longest stretch) reaches the deadline
   (StretchWatch; env SHARE and MARGIN, defaults 0.35 and 2). BRANCHING: GLP_BR_* number
   (default 4, Driebeck-Tomlin). CUTS: bit mask 1 Gomory, 2 MIR, 4 cover, 8 clique (default all). */
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void){struct timespec t; clock_gettime(CLOCK_MONOTONIC,&t); return t.tv_sec+t.tv_nsec*1e-9;}
static double t0, deadline, prev, longest, rootlp; static int mode, prevreason;
static const char *rs(int r){switch(r){case GLP_ISELECT:return "select";case GLP_IPREPRO:return "prepro";case GLP_IROWGEN:return "rowgen";case GLP_IHEUR:return "heur";case GLP_ICUTGEN:return "cutgen";case GLP_IBRANCH:return "branch";case GLP_IBINGO:return "bingo";}return "?";}
static void cb(glp_tree *T, void *info){
  double t = now(), stretch = t - prev; if (stretch > longest) longest = stretch;
  if (stretch > 0.5) printf("%8.3f stretch %.3f s after %s before %s\n", t - t0, stretch, prevreason ? rs(prevreason) : "start", rs(glp_ios_reason(T)));
  prevreason = glp_ios_reason(T);
  prev = t;
  double margin = getenv("MARGIN") ? atof(getenv("MARGIN")) : 2.0, share = getenv("SHARE") ? atof(getenv("SHARE")) : 0.35;
  double ant = margin*longest; if (share*rootlp > ant) ant = share*rootlp;
  if (t >= deadline || (mode == 1 && t + ant >= deadline)) {
    printf("%8.3f terminate at %s (%.3f s left)\n", t - t0, rs(glp_ios_reason(T)), deadline - t);
    glp_ios_terminate(T);
  }
}
int main(int argc, char **argv){
  glp_prob *p = glp_create_prob(); glp_read_mps(p, GLP_MPS_FILE, NULL, argv[1]);
  glp_set_obj_dir(p, GLP_MAX);
  double slack = atof(argv[2]); mode = atoi(argv[3]);
  glp_term_out(GLP_OFF);
  glp_scale_prob(p, GLP_SF_AUTO);
  glp_smcp s; glp_init_smcp(&s); s.msg_lev = GLP_MSG_OFF;
  t0 = now(); glp_simplex(p, &s); rootlp = now() - t0;
  printf("%8.3f root LP done (status %d)\n", now() - t0, glp_get_status(p));
  deadline = now() + slack; prev = now();
  glp_iocp m; glp_init_iocp(&m); m.msg_lev = GLP_MSG_OFF; m.gmi_cuts = m.mir_cuts = m.cov_cuts = m.clq_cuts = GLP_ON;
  m.cb_func = cb; if (argc > 4) m.br_tech = atoi(argv[4]);
  if (argc > 5) { int k = atoi(argv[5]); m.gmi_cuts = k & 1 ? GLP_ON : GLP_OFF; m.mir_cuts = k & 2 ? GLP_ON : GLP_OFF; m.cov_cuts = k & 4 ? GLP_ON : GLP_OFF; m.clq_cuts = k & 8 ? GLP_ON : GLP_OFF; } m.tm_lim = (int)(slack * 1000);
  int rc = glp_intopt(p, &m);
  printf("%8.3f last stretch %.3f s after %s\n", now() - t0, now() - prev, rs(prevreason));
  printf("%8.3f glp_intopt returned %d, %.3f s after the deadline\n", now() - t0, rc, now() - deadline);
  return 0;
}
