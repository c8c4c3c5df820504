// The live chart of a solve: the best plan's objective and the proven bound over time, drawn
// as step lines into an SVG (viewBox 640×280) from the job's trace.
import { h, fill, num } from './ui.js';

const M = { left: 56, right: 14, top: 34, bottom: 40 };
let W = 640, H = 280;

function niceTicks(lo, hi, count) {
  const span = hi - lo || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw) || raw;
  const ticks = [];
  const first = Math.ceil(lo / step);
  for (let i = first; i * step <= hi + step * 1e-9 && ticks.length < 50; i += 1) ticks.push(Number((i * step).toPrecision(12)));
  return { ticks, step };
}

function stepPath(points, x, y) {
  let d = '';
  let last = null;
  for (const p of points) {
    if (last === null) d += `M${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
    else d += `H${x(p.t).toFixed(1)}V${y(p.v).toFixed(1)}`;
    last = p;
  }
  return d;
}

/**
 * Draws `trace` ([{t, objective, bound}]) into `svg`; `until` is the time the x axis reaches
 * (the elapsed time, so a quiet search still moves the lines to the right).
 */
export function drawChart(svg, rawTrace, until) {
  // Drawn at the size it is shown, so the labels stay readable on a phone.
  W = Math.max(300, Math.round(svg.clientWidth || 640));
  H = Math.round(Math.min(320, Math.max(220, W * 0.42)));
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const trace = [...rawTrace].sort((a, b) => a.t - b.t);
  // The best plan so far and the best bound proven so far: a later phase may report a weaker
  // bound of its own, but a bound once proven stays proven.
  const best = (key, better) => {
    let so = null;
    return trace.filter((p) => typeof p[key] === 'number').map((p) => {
      so = so === null ? p[key] : better(so, p[key]);
      return { t: p.t, v: so };
    });
  };
  const objective = best('objective', Math.max);
  const bound = best('bound', Math.min);
  const end = Math.max(until || 0, ...trace.map((p) => p.t), 1);
  if (objective.length) objective.push({ t: end, v: objective[objective.length - 1].v });
  if (bound.length) bound.push({ t: end, v: bound[bound.length - 1].v });
  const values = [...objective, ...bound].map((p) => p.v);
  svg.dataset.points = String(trace.length);
  if (!values.length) {
    fill(svg, h('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'chart-empty' }, '等待求解开始…'));
    return;
  }
  let lo = Math.min(...values), hi = Math.max(...values);
  // Values that hardly differ (a re-optimization starting at its best plan) still get a readable scale.
  const pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.01, 1e-3);
  lo -= pad; hi += pad;
  const x = (t) => M.left + (t / end) * (W - M.left - M.right);
  const y = (v) => H - M.bottom - ((v - lo) / (hi - lo)) * (H - M.top - M.bottom);
  const yTicks = niceTicks(lo, hi, H < 260 ? 4 : 5);
  const xTicks = niceTicks(0, end, W < 480 ? 4 : 6);
  const digits = Math.max(0, Math.min(4, -Math.floor(Math.log10(yTicks.step))));
  const grid = h('g', { class: 'chart-grid' },
    yTicks.ticks.filter((v) => v >= lo && v <= hi).map((v) => [
      h('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }),
      h('text', { x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, num(v, digits)),
    ]),
    xTicks.ticks.map((t) => h('text', { x: x(t), y: H - M.bottom + 18, 'text-anchor': 'middle' }, `${num(t, t % 1 ? 1 : 0)}`)),
    h('text', { x: W - M.right, y: H - 6, 'text-anchor': 'end' }, '秒'),
    h('line', { class: 'chart-axis', x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }),
  );
  const lines = [];
  if (bound.length) {
    lines.push(h('path', { class: 'chart-bound', d: stepPath(bound, x, y), 'data-testid': 'chart-bound-line' }));
  }
  if (objective.length) {
    lines.push(h('path', { class: 'chart-objective', d: stepPath(objective, x, y), 'data-testid': 'chart-objective-line' }));
    const lastPoint = objective[objective.length - 1];
    lines.push(h('circle', { class: 'chart-dot', cx: x(lastPoint.t), cy: y(lastPoint.v), r: 4 }));
  }
  const legend = h('g', { class: 'chart-legend', transform: `translate(${M.left},14)` },
    h('line', { class: 'chart-objective', x1: 0, x2: 24, y1: 0, y2: 0 }),
    h('text', { x: 30, y: 4 }, '目标值'),
    h('line', { class: 'chart-bound', x1: 90, x2: 114, y1: 0, y2: 0 }),
    h('text', { x: 120, y: 4 }, '上界'));
  fill(svg, grid, lines, legend);
}
