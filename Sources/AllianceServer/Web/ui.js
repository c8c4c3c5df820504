// Small helpers shared by the pages: building DOM without innerHTML (names come from uploaded
// lists), formatting numbers for people, and the Chinese names of terms, rules and changes.

/** h('div', {class: 'x', onclick: f}, child, 'text', [more]) → an element. */
export function h(tag, attrs, ...children) {
  const svg = SVG_TAGS.has(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.setAttribute('class', value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

const SVG_TAGS = new Set(['svg', 'g', 'path', 'line', 'circle', 'rect', 'text', 'title', 'polyline', 'polygon']);

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// MARK: Numbers

const LOCALE = 'zh-CN';

/** A number with exactly `digits` decimals ("1,234.5678"); "—" for null. */
export function num(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (typeof x === 'string') return x; // "inf" from the API
  const text = x.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** An integer count. */
export const int = (x) => (x === null || x === undefined ? '—' : Math.round(x).toLocaleString(LOCALE));

/** A share 0…1 as a percentage. */
export const pct = (x, digits = 1) => (x === null || x === undefined ? '—' : `${num(x * 100, digits)} %`);

/** A change with its sign: "+0.0123", "−0.0040", "±0". */
export function signed(x, digits = 4) {
  const text = num(Math.abs(x), digits);
  if (/^0(\.0*)?$/.test(text)) return `±${text}`;
  return (x > 0 ? '+' : '−') + text;
}

/** Seconds for people: "8.2 秒", "2 分 05 秒". */
export function seconds(s) {
  if (s === null || s === undefined) return '—';
  if (s < 60) return `${num(s, 1)} 秒`;
  const m = Math.floor(s / 60);
  return `${int(m)} 分 ${String(Math.floor(s % 60)).padStart(2, '0')} 秒`;
}

/** The objective as shown everywhere (the digits `alliance evaluate` prints). */
export const objective = (x) => num(x, 4);

// MARK: Names

export const TERMS = [
  { key: 'coverage', name: '覆盖需求', sign: 1, show: (v) => pct(v, 1), hint: '按优先级加权的需求被覆盖的比例' },
  { key: 'balance', name: '力量不均衡', sign: -1, show: (v) => num(v, 4), hint: '联盟力量超出均衡区间的部分（相对平均力量），越小越好' },
  { key: 'distance', name: '路程', sign: -1, show: (v) => num(v, 4), hint: '单位到社区的路程（相对最远可能），越小越好' },
  { key: 'preference', name: '结对意向', sign: 1, show: (v) => num(v, 2), hint: '所选结对的意向得分之和' },
  { key: 'keep', name: '延续上年', sign: 1, show: (v) => pct(v, 1), hint: '保留上年结对的比例' },
];

export const RULES = {
  unit_load: '单位服务社区数超出范围',
  community_size: '社区单位数超出范围',
  lead_missing: '社区没有牵头单位',
  lead_not_member: '牵头单位不在该社区联盟中',
  lead_not_allowed: '该单位不能牵头',
  forbidden_pair: '禁止的结对',
  fixed_pair_missing: '缺少必须的结对',
};

export const JOB_STATUS = {
  queued: '排队中', running: '求解中', done: '完成', failed: '失败', cancelled: '已取消',
};

export const PLAN_STATUS = {
  optimal: '已证明最优', feasible: '可行（未证明最优）', infeasible: '违反规则', interrupted: '被中断（保留最好方案）',
};

export const CHANGES = {
  joined: '新加入', left: '退出', moved: '调动', role_changed: '角色变化',
};

export const STRATEGIES = {
  exact: '精确求解', local: '局部搜索', street: '按街道分块', 'lp-round': '线性松弛取整', greedy: '手工法', edit: '手工调整',
};

export const REASONS = {
  no_holder: '联盟中无单位有此资源',
  shares_too_small: '资源不足',
};

export const ROLE = { lead: '牵头', member: '成员' };

/** A distinct colour for alliance number i (golden-angle hues). */
export function colour(i, light = 42) {
  const hue = Math.round((i * 137.508 + 210) % 360);
  return `hsl(${hue} 62% ${light}%)`;
}
