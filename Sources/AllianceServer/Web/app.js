// 党建联盟规划工作台: one page with five steps (上传, 求解, 方案, 调整, 下载) over the JSON API of
// `alliance serve`. Plain modules, no framework; every element is built with h() (no innerHTML:
// names come from uploaded lists), every failure is shown in the page.
import { api, get, post } from './net.js';
import {
  h, fill, num, int, pct, signed, seconds, objective, TERMS, RULES, JOB_STATUS, PLAN_STATUS, CHANGES,
  STRATEGIES, REASONS, colour,
} from './ui.js';
import { drawChart } from './chart.js';
import { drawMap } from './map.js';

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
const enc = encodeURIComponent;

/** Everything the pages know; rendered from, never read back from the DOM. */
const S = {
  projectId: null,
  projects: [],
  check: null,
  lists: null,
  plan: null,
  explain: null,
  score: null, // {objective, terms, feasible, broken_rules} — from the last edit or explain
  previousObjective: null,
  version: null,
  canUndo: false,
  canRedo: false,
  pins: [],
  selected: null, // {kind: 'unit'|'community', id}
  suggestions: null,
  job: null, // {id, source, reoptimize}
  busy: false,
  diffAgainst: 'solved',
  drag: null,
};

const TABS = ['upload', 'solve', 'plan', 'adjust', 'download'];

// MARK: Messages

function say(text, kind = 'error') {
  const box = $('#messages');
  const item = h('div', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': `message-${kind}` },
    h('span', {}, text),
    h('button', { type: 'button', class: 'message-close', 'aria-label': '关闭提示', onclick: () => item.remove() }, '×'));
  box.appendChild(item);
  while (box.children.length > 4) box.firstElementChild.remove();
  if (kind !== 'error') setTimeout(() => item.remove(), 8000);
}

function fail(error) {
  say(error && error.message ? error.message : String(error), 'error');
}

window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  fail(event.reason);
});

// MARK: Names of things

const unitOf = (id) => S.lists && S.lists.units.find((u) => u.org_id === id || u.organizations.includes(id));
const unitName = (id) => (unitOf(id) ? unitOf(id).name : id);
const communityOf = (id) => S.lists && S.lists.communities.find((c) => c.id === id);
const communityName = (id) => (communityOf(id) ? communityOf(id).name : id);
const communityIndex = (id) => (S.lists ? S.lists.communities.findIndex((c) => c.id === id) : 0);

function isPinned(kind, id) {
  if (kind === 'unit') {
    const unit = unitOf(id);
    const ids = unit ? [unit.org_id, ...unit.organizations] : [id];
    return S.pins.some((p) => p.kind === 'unit' && ids.includes(p.id));
  }
  return S.pins.some((p) => p.kind === 'community' && p.id === id);
}

/** The mark of a pinned unit or community (text, not an emoji: no emoji font is needed). */
const pinBadge = (testid) => h('span', { class: 'pin-mark', title: '已固定：重新优化时保持不变', 'data-testid': testid }, '固定');

function pinEntryOf(kind, id) {
  if (kind === 'community') return S.pins.find((p) => p.kind === 'community' && p.id === id);
  const unit = unitOf(id);
  const ids = unit ? [unit.org_id, ...unit.organizations] : [id];
  return S.pins.find((p) => p.kind === 'unit' && ids.includes(p.id));
}

// MARK: Tabs and the address

function hashParams() {
  return new URLSearchParams(location.hash.replace(/^#/, ''));
}

function writeHash(tab) {
  const params = new URLSearchParams();
  params.set('tab', tab);
  if (S.projectId) params.set('project', S.projectId);
  history.replaceState(null, '', `#${params}`);
}

let currentTab = 'upload';

function showTab(name, { focus = false } = {}) {
  if (!TABS.includes(name)) name = 'upload';
  currentTab = name;
  for (const tab of TABS) {
    const button = $(`#tabbtn-${tab}`);
    const selected = tab === name;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    $(`#tab-${tab}`).hidden = !selected;
  }
  closeMenu();
  writeHash(name);
  if (focus) $(`#tabbtn-${name}`).focus();
  if (name === 'plan' && S.explain) renderMap();
}

function bindTabs() {
  const list = $('.tabs');
  list.addEventListener('click', (event) => {
    const button = event.target.closest('[data-tab]');
    if (button) showTab(button.dataset.tab);
  });
  list.addEventListener('keydown', (event) => {
    const i = TABS.indexOf(currentTab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    showTab(TABS[(next + TABS.length) % TABS.length], { focus: true });
  });
  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-goto]');
    if (button) {
      showTab(button.dataset.goto);
      $('#main').focus();
      window.scrollTo(0, 0);
    }
  });
}

// MARK: Projects

async function loadProjects() {
  try {
    const answer = await get('/api/projects');
    S.projects = answer.projects;
    renderProjects();
  } catch (error) {
    fill($('#project-list'), h('p', { class: 'error-text' }, `项目列表读取失败：${error.message}`));
  }
}

function renderProjects() {
  const list = $('#project-list');
  if (!S.projects.length) {
    fill(list, h('p', { class: 'muted' }, '还没有项目。上传名单即建立一个项目。'));
    return;
  }
  const items = [...S.projects].reverse().map((p) => h('li', { class: `project${p.id === S.projectId ? ' current' : ''}` },
    h('div', { class: 'project-text' },
      h('strong', {}, p.name || p.input.replace(/^lists\/?/, '') || 'CSV 名单'),
      h('span', { class: 'muted' }, ` · ${int(p.communities)} 个社区、${int(p.units)} 个单位 · `,
        p.objective === null || p.objective === undefined ? '未求解' : `目标值 ${objective(p.objective)}`),
      h('small', { class: 'muted project-meta' },
        p.created ? `上传于 ${new Date(p.created).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short' })} · ` : '',
        `编号 ${p.id}`)),
    h('button', {
      type: 'button', class: 'secondary small', 'data-testid': 'open-project', 'data-project': p.id,
      'aria-current': p.id === S.projectId ? 'true' : null,
      onclick: () => openProject(p.id).then(() => showTab(S.plan ? 'plan' : 'upload')).catch(fail),
    }, p.id === S.projectId ? '当前项目' : '打开')));
  fill(list, h('ul', { class: 'projects' }, items));
}

async function openProject(id) {
  const [check, lists] = await Promise.all([get(`/api/projects/${id}`), get(`/api/projects/${id}/lists`)]);
  S.projectId = id;
  S.check = check;
  S.lists = lists;
  S.pins = check.pins || [];
  S.plan = null;
  S.explain = null;
  S.score = null;
  S.previousObjective = null;
  S.selected = null;
  S.suggestions = null;
  S.version = check.version;
  // The weights the next solve starts from, as the server keeps them (the defaults before a plan).
  if (check.weights) setWeights(check.weights);
  $('.need-project').hidden = true;
  $('#solve-button').disabled = Boolean(S.job && !S.job.finished);
  renderCheck();
  renderPreviousPlanState();
  renderPins();
  renderProjects();
  for (const link of $$('[data-file]')) link.href = `/api/projects/${id}/files/${link.dataset.file}`;
  $('#project-label').textContent = `项目 ${id} · ${int(lists.communities.length)} 个社区、${int(lists.units.length)} 个单位`;
  if (check.version !== null && check.version !== undefined) {
    await loadPlan({ setWeights: true });
  } else {
    renderNoPlan();
  }
  writeHash(currentTab);
  const jobs = await get(`/api/projects/${id}/jobs`);
  const running = jobs.jobs.find((j) => j.status === 'queued' || j.status === 'running');
  if (running && (!S.job || S.job.id !== running.job)) {
    watchJob(running.job);
  } else if (!running && jobs.jobs.length && (!S.job || S.job.finished)) {
    showJob(jobs.jobs[jobs.jobs.length - 1]); // the last solve's figures and chart
  }
}

// MARK: 上传

async function upload(file) {
  if (!file) return;
  const status = $('#upload-status');
  const errors = $('#upload-errors');
  errors.hidden = true;
  status.textContent = `正在上传并检查 ${file.name}（${int(Math.ceil(file.size / 1024))} KB）…`;
  try {
    const answer = await api('POST', `/api/projects?name=${encodeURIComponent(file.name)}`, file, { raw: true });
    status.textContent = `已上传 ${file.name}，项目编号 ${answer.id}。`;
    await openProject(answer.id);
    await loadProjects();
    say(`名单已上传并通过检查：${int(S.lists.communities.length)} 个社区、${int(S.lists.units.length)} 个单位。`, 'ok');
  } catch (error) {
    if (error.entries) {
      status.textContent = `${file.name} 有 ${int(error.entries.length)} 处问题，请在工作簿中改正后重新上传：`;
      showInputErrors(errors, error.entries);
    } else {
      status.textContent = `上传失败：${error.message}`;
      fail(error);
    }
  }
}

function showInputErrors(box, entries) {
  box.hidden = false;
  fill(box, h('div', { class: 'table-wrap' }, h('table', { class: 'data errors' },
    h('caption', {}, `共 ${int(entries.length)} 处问题`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '位置'), h('th', { scope: 'col' }, '问题'))),
    h('tbody', {}, entries.map((e) => h('tr', { 'data-testid': 'input-error' },
      h('td', { class: 'location' }, h('code', {}, e.location)), h('td', {}, e.message)))))));
}

function bindUpload() {
  const zone = $('#dropzone');
  const input = $('#upload-input');
  input.addEventListener('change', () => {
    upload(input.files[0]);
    input.value = '';
  });
  const hasFiles = (event) => event.dataTransfer && [...event.dataTransfer.types].includes('Files');
  zone.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    zone.classList.remove('over');
    upload(event.dataTransfer.files[0]);
  });
  // A file dropped beside the zone must not replace the page.
  window.addEventListener('dragover', (event) => { if (hasFiles(event)) event.preventDefault(); });
  window.addEventListener('drop', (event) => { if (hasFiles(event)) event.preventDefault(); });
  $('#refresh-projects').addEventListener('click', () => loadProjects());

  const previous = $('#previous-plan-input');
  previous.addEventListener('change', async () => {
    const file = previous.files[0];
    previous.value = '';
    if (!file || !S.projectId) return;
    const box = $('#previous-plan-errors');
    box.hidden = true;
    try {
      S.lists = await api('PUT', `/api/projects/${S.projectId}/previous-plan`, file, { raw: true });
      renderPreviousPlanState();
      say(`已载入上年方案 ${file.name}。`, 'ok');
      if (S.version !== null && S.version !== undefined) await loadPlan();
    } catch (error) {
      if (error.entries) showInputErrors(box, error.entries);
      else fail(error);
    }
  });
}

function renderPreviousPlanState() {
  $('#previous-plan-state').textContent = S.lists && S.lists.has_previous_plan
    ? '✓ 已载入上年方案；可再次上传以替换。' : '未载入上年方案。';
  const lastYear = $('[data-diff="last_year"]');
  lastYear.disabled = !(S.lists && S.lists.has_previous_plan);
  lastYear.title = lastYear.disabled ? '先在“上传”中载入上年方案' : '';
}

function renderCheck() {
  const c = S.check.counts;
  $('#check-block').hidden = false;
  const rows = [
    ['社区', `${int(c.communities)} 个，分属 ${int(c.streets)} 个街道`],
    ['单位', `${int(c.organizations)} 个组织 → 合并后 ${int(c.units)} 个单位；${int(c.leaders)} 个可牵头`],
    ['服务次数', `单位合计至少 ${int(c.min_assignments)}、至多 ${int(c.max_assignments)} 次`],
    ['联盟规模', `每个社区 ${int(c.community_min_size)}–${int(c.community_max_size)} 个单位；合计 ${int(c.total_min_size)}–${int(c.total_max_size)}`],
    ['力量', `平均联盟力量 ${num(c.mean_strength, 2)}；均衡区间 ${num(c.band_low, 2)}–${num(c.band_high, 2)}`],
    ['需求', `${int(c.needs)} 条，${int(c.categories)} 类，加权合计 ${num(c.weighted_need, 1)}`],
    ['资源', `${int(c.resources)} 条`],
    ['项目', `${int(c.projects)} 个`],
    ['结对规则', `必须 ${int(c.fix_pairs)}、禁止 ${int(c.forbid_pairs)}、意向 ${int(c.prefer_pairs)}`],
    ['可选结对', `${int(c.allowed_pairs)} / ${int(c.candidate_pairs)}`],
    ['最远距离', `${num(c.longest_distance_km, 2)} 千米`],
  ];
  const report = $('#check-report');
  const pre = S.check.prechecks_passed
    ? h('p', { class: 'badge ok', 'data-testid': 'prechecks' }, '✓ 预检查通过：名单可以排出满足全部规则的方案')
    : h('div', { class: 'callout bad', 'data-testid': 'prechecks' },
      h('p', {}, '✗ 预检查未通过：按这份名单排不出满足全部规则的方案'),
      h('ul', {}, S.check.precheck_reasons.map((r) => h('li', {}, r))));
  fill(report,
    h('p', {}, `名单：${S.check.name || S.check.input.replace(/^lists\/?/, '') || 'CSV 名单'}`),
    h('dl', { class: 'facts' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))),
    pre,
    S.check.warnings.length ? h('div', { class: 'callout warn', 'data-testid': 'check-warnings' },
      h('p', {}, `提醒（${int(S.check.warnings.length)}）`), h('ul', {}, S.check.warnings.map((w) => h('li', {}, w)))) : null,
    S.check.notes.length ? h('ul', { class: 'notes' }, S.check.notes.map((n) => h('li', {}, n))) : null);
}

// MARK: 求解

function readWeights() {
  const weights = {};
  for (const input of $$('[data-weight]')) {
    const value = Number(input.value);
    if (input.value === '' || !Number.isFinite(value) || value < 0) {
      throw new Error(`权重“${input.labels[0].textContent}”须为不小于 0 的数`);
    }
    weights[input.dataset.weight] = value;
  }
  return weights;
}

function setWeights(weights) {
  for (const input of $$('[data-weight]')) {
    const value = weights[input.dataset.weight];
    if (typeof value === 'number') input.value = String(value);
  }
}

function renderPins() {
  const box = $('#pin-list');
  if (!S.pins.length) {
    fill(box, h('p', { class: 'muted' }, '没有固定项。可在“调整”中固定单位或社区，重新优化时它们保持不变。'));
    return;
  }
  fill(box, h('ul', { class: 'pins' }, S.pins.map((p) => h('li', { 'data-testid': 'pin-entry' },
    pinBadge(), ` ${p.kind === 'unit' ? '单位' : '社区'} ${p.kind === 'unit' ? unitName(p.id) : communityName(p.id)}（${p.id}） `,
    h('button', {
      type: 'button', class: 'link',
      onclick: () => edit(p.kind === 'unit' ? { kind: 'unpin', org_id: p.id } : { kind: 'unpin', community_id: p.id }),
    }, '取消固定')))));
}

async function startSolve({ reoptimize = false } = {}) {
  if (!S.projectId) {
    say('请先上传名单或打开一个项目。');
    return;
  }
  let body;
  try {
    const limit = Number($('#time-limit').value);
    if (!(limit > 0)) throw new Error('时间上限须为正数（秒）');
    body = { strategy: $('#strategy').value, time_limit: limit, weights: readWeights() };
    if (reoptimize) {
      body.from = 'current';
      const max = $('#max-changes').value.trim();
      if (max !== '') {
        if (!/^\d+$/.test(max)) throw new Error('最多改动数须为不小于 0 的整数');
        body.max_changes = Number(max);
      }
    }
  } catch (error) {
    fail(error);
    return;
  }
  try {
    const answer = await post(`/api/projects/${S.projectId}/solve`, body);
    watchJob(answer.job, { reoptimize });
  } catch (error) {
    if (error.entries) say(`求解设置有问题：${error.entries.map((e) => `${e.location}：${e.message}`).join('；')}`);
    else fail(error);
  }
}

function setSolving(solving) {
  $('#solve-button').disabled = solving;
  $('#reoptimize').disabled = solving;
  $('#cancel-button').disabled = !solving;
}

function watchJob(id, { reoptimize = false } = {}) {
  if (S.job && S.job.source) S.job.source.close();
  S.job = { id, reoptimize, source: null, finished: false };
  setSolving(true);
  $('#view-plan').hidden = true;
  fill($('#job-warnings'));
  showJob({ status: 'queued', elapsed: 0, trace: [], warnings: [] });
  const source = new EventSource(`/api/jobs/${enc(id)}/events`);
  S.job.source = source;
  source.addEventListener('progress', (event) => showJob(JSON.parse(event.data)));
  source.addEventListener('end', (event) => {
    source.close();
    finishJob(id, JSON.parse(event.data));
  });
  source.addEventListener('error', () => {
    // The stream broke before its end: follow the job by polling instead.
    if (S.job && S.job.id === id && !S.job.finished) {
      source.close();
      pollJob(id);
    }
  });
}

async function pollJob(id) {
  while (S.job && S.job.id === id && !S.job.finished) {
    try {
      const doc = await get(`/api/jobs/${enc(id)}`);
      if (['done', 'failed', 'cancelled'].includes(doc.status)) {
        finishJob(id, doc);
        return;
      }
      showJob(doc);
    } catch (error) {
      fail(error);
      setSolving(false);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

let lastJobDoc = null;
let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => drawChart($('#solve-chart'), lastJobDoc ? lastJobDoc.trace || [] : [], lastJobDoc ? lastJobDoc.elapsed : 0), 150);
});

function showJob(doc) {
  const figures = {
    status: JOB_STATUS[doc.status] || doc.status,
    elapsed: seconds(doc.elapsed),
    objective: objective(doc.objective),
    bound: objective(doc.bound),
    gap: doc.gap === null || doc.gap === undefined ? '—' : pct(doc.gap, 3),
  };
  for (const [key, value] of Object.entries(figures)) {
    for (const el of $$(`[data-job="${key}"]`)) el.textContent = value;
  }
  $('#job-block').dataset.status = doc.status;
  lastJobDoc = doc;
  drawChart($('#solve-chart'), doc.trace || [], doc.elapsed);
  const line = `${figures.status} · 用时 ${figures.elapsed}` + (doc.objective !== null && doc.objective !== undefined ? ` · 目标值 ${figures.objective}` : '')
    + (doc.gap !== null && doc.gap !== undefined ? ` · 差距 ${figures.gap}` : '');
  if (S.job && S.job.reoptimize) $('#reopt-status').textContent = line;
}

async function finishJob(id, doc) {
  if (!S.job || S.job.id !== id || S.job.finished) return;
  S.job.finished = true;
  showJob(doc);
  setSolving(false);
  if (doc.warnings && doc.warnings.length) {
    fill($('#job-warnings'), h('div', { class: 'callout warn' }, h('p', {}, '求解提示'),
      h('ul', {}, doc.warnings.map((w) => h('li', {}, w)))));
  }
  if (doc.status === 'failed') {
    say(`求解失败：${doc.error || '原因不明'}`);
    return;
  }
  if (doc.version !== null && doc.version !== undefined) {
    S.check.version = doc.version;
    await loadPlan();
    await loadProjects();
    $('#view-plan').hidden = false;
    const how = doc.status === 'cancelled' ? '求解已取消，保留了找到的最好方案' : '求解完成';
    say(`${how}：目标值 ${objective(doc.objective)}${doc.gap !== null && doc.gap !== undefined ? `，与最优至多差 ${pct(doc.gap, 3)}` : ''}。`, 'ok');
  } else if (doc.status === 'cancelled') {
    say('求解已取消，尚未找到方案。', 'info');
  }
}

function bindSolve() {
  $('#solve-form').addEventListener('submit', (event) => {
    event.preventDefault();
    startSolve();
  });
  $('#cancel-button').addEventListener('click', async () => {
    if (!S.job) return;
    try {
      await api('DELETE', `/api/jobs/${enc(S.job.id)}`);
      say('已请求取消；求解会在约一秒内停下并保留最好方案。', 'info');
    } catch (error) {
      fail(error);
    }
  });
  $('#reoptimize').addEventListener('click', () => startSolve({ reoptimize: true }));
}

// MARK: Plan

async function loadPlan({ setWeights: set = false } = {}) {
  const id = S.projectId;
  const [plan, explain] = await Promise.all([get(`/api/projects/${id}/plan`), get(`/api/projects/${id}/explain`)]);
  if (id !== S.projectId) return;
  S.plan = plan;
  S.explain = explain;
  S.version = plan.version;
  S.canUndo = plan.can_undo;
  S.canRedo = plan.can_redo;
  S.pins = plan.project_pins || [];
  const score = { objective: explain.objective, terms: explain.terms, feasible: explain.feasible, broken_rules: explain.broken_rules };
  if (S.score && S.score.objective !== score.objective) S.previousObjective = S.score.objective;
  S.score = score;
  if (set) setWeights(explain.weights);
  renderPlan();
  if (S.selected) await loadSuggestions(S.selected, { quiet: true });
  await loadDiff(S.diffAgainst, { quiet: true });
}

function renderNoPlan() {
  for (const el of $$('.need-plan')) el.hidden = false;
  for (const sel of ['#plan-cards', '#adjust-cards', '#plan-map', '#unit-table', '#plan-summary', '#diff-view']) fill($(sel));
  for (const panel of $$('[data-score-panel]')) fill(panel);
  $('#topscore').hidden = true;
  $('#undo').disabled = true;
  $('#redo').disabled = true;
  $('#reoptimize').disabled = true;
  for (const link of $$('[data-file]')) link.classList.add('disabled');
}

function renderPlan() {
  for (const el of $$('.need-plan')) el.hidden = true;
  for (const link of $$('[data-file]')) link.classList.remove('disabled');
  if (!S.job || S.job.finished) $('#reoptimize').disabled = false;
  renderSummary();
  renderScore();
  renderCards($('#plan-cards'), false);
  renderCards($('#adjust-cards'), true);
  renderMap();
  renderUnitTable();
  renderPins();
  renderSuggestions();
  $('#undo').disabled = !S.canUndo;
  $('#redo').disabled = !S.canRedo;
}

function renderSummary() {
  const p = S.plan;
  const parts = [`版本 ${int(S.version)}`, `方法：${STRATEGIES[p.strategy] || p.strategy || '—'}`];
  if (p.status) parts.push(`状态：${PLAN_STATUS[p.status] || p.status}`);
  if (typeof p.gap === 'number') parts.push(`与最优至多差 ${pct(p.gap, 3)}`);
  const e = S.explain;
  const members = e.communities.reduce((n, c) => n + c.members.length, 0);
  parts.push(`${int(e.communities.length)} 个联盟、${int(members)} 个结对`);
  $('#plan-summary').textContent = parts.join(' · ');
}

function renderScore() {
  const s = S.score;
  if (!s) return;
  const weights = S.explain.weights;
  const change = S.previousObjective === null || S.previousObjective === undefined ? null : s.objective - S.previousObjective;
  const top = $('#topscore');
  top.hidden = false;
  $('#topscore-value').textContent = objective(s.objective);
  const status = $('#topscore-status');
  status.textContent = s.feasible ? '满足全部规则' : `违反 ${int(s.broken_rules.length)} 条规则`;
  status.className = `badge ${s.feasible ? 'ok' : 'bad'}`;
  for (const panel of $$('[data-score-panel]')) {
    fill(panel,
      h('h3', {}, '得分'),
      h('div', { class: 'score-head' },
        h('span', { class: 'score-label' }, '目标值'),
        h('output', { class: 'score-value', 'data-testid': 'score-value', 'data-value': String(s.objective) }, objective(s.objective)),
        change === null ? null : h('span', { class: `score-change ${change > 1e-12 ? 'up' : change < -1e-12 ? 'down' : ''}`, 'data-testid': 'score-change' },
          `较上一版 ${signed(change, 4)}`)),
      h('p', { class: `badge ${s.feasible ? 'ok' : 'bad'}`, 'data-testid': 'score-feasible' },
        s.feasible ? '✓ 满足全部规则' : `✗ 违反 ${int(s.broken_rules.length)} 条规则`),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data terms', 'data-testid': 'score-terms' },
        h('thead', {}, h('tr', {}, ['项目', '数值', '权重', '计入目标值'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, TERMS.map((t) => h('tr', { 'data-term': t.key },
          h('th', { scope: 'row', title: t.hint }, t.name),
          h('td', { class: 'num' }, t.show(s.terms[t.key])),
          h('td', { class: 'num' }, num(weights[t.key], 2)),
          h('td', { class: 'num' }, signed(t.sign * weights[t.key] * s.terms[t.key], 4))))))),
      h('p', { class: 'hint' }, '目标值 = 覆盖 + 意向 + 延续 − 不均衡 − 路程（各乘权重），越大越好。'),
      s.broken_rules.length ? h('div', { class: 'callout bad broken', 'data-testid': 'broken-rules' },
        h('p', {}, `违反的规则（${int(s.broken_rules.length)}）`),
        h('ul', {}, s.broken_rules.map((r) => h('li', {},
          h('strong', {}, RULES[r.rule] || r.rule), '：', h('span', { title: r.message }, ruleText(r)), ' ',
          r.community_id || r.org_id ? h('button', {
            type: 'button', class: 'link', 'data-testid': 'rule-suggest',
            onclick: () => selectAndSuggest(r.community_id ? { kind: 'community', id: r.community_id } : { kind: 'unit', id: r.org_id }),
          }, '看建议') : null)))) : null);
  }
}

/** A broken rule in words, from the plan's figures (the API's English message is the tooltip). */
function ruleText(rule) {
  const unit = rule.org_id ? unitName(rule.org_id) : null;
  const community = rule.community_id ? communityName(rule.community_id) : null;
  const u = rule.org_id && S.explain ? S.explain.units.find((x) => x.org_id === rule.org_id) : null;
  const c = rule.community_id && S.explain ? S.explain.communities.find((x) => x.community_id === rule.community_id) : null;
  const info = rule.community_id ? communityOf(rule.community_id) : null;
  switch (rule.rule) {
    case 'unit_load':
      return u ? `${unit} 服务 ${int(u.load)} 个社区，要求 ${int(u.min_communities)}–${int(u.max_communities)} 个` : `${unit} 服务的社区数不在要求范围内`;
    case 'community_size':
      return c && info ? `${community} 有 ${int(c.members.length)} 个单位，要求 ${int(info.min_size)}–${int(info.max_size)} 个` : `${community} 的单位数不在要求范围内`;
    case 'lead_missing': return `${community} 没有牵头单位`;
    case 'lead_not_member': return `${community} 的牵头单位不在它的联盟里`;
    case 'lead_not_allowed': return `${community} 的牵头单位不能牵头（名单中“可牵头”为否）`;
    case 'forbidden_pair': return `${unit} 不得服务 ${community}（结对规则：禁止）`;
    case 'fixed_pair_missing': return `${unit} 必须服务 ${community}（结对规则：必须）`;
    default: return [unit, community].filter(Boolean).join('，') || rule.message;
  }
}

function strengthBar(c) {
  const top = Math.max(c.band_high * 1.5, c.strength * 1.1, 1);
  const band = h('span', { class: 'band' });
  band.style.left = `${(c.band_low / top) * 100}%`;
  band.style.width = `${((c.band_high - c.band_low) / top) * 100}%`;
  const mark = h('span', { class: `mark ${c.side}` });
  mark.style.left = `${Math.min(100, (c.strength / top) * 100)}%`;
  const side = { inside: '在均衡区间内', below: `偏弱 ${num(c.band_low - c.strength, 1)}`, above: `偏强 ${num(c.strength - c.band_high, 1)}` }[c.side] || c.side;
  return h('div', { class: 'strength' },
    h('div', { class: 'strength-text' }, `力量 ${num(c.strength, 1)}`, h('span', { class: `side ${c.side}` }, side),
      h('small', { class: 'muted' }, `区间 ${num(c.band_low, 1)}–${num(c.band_high, 1)}`)),
    h('div', { class: 'track', 'aria-hidden': 'true' }, band, mark));
}

function renderCards(container, editable) {
  const focusKey = container.contains(document.activeElement) ? document.activeElement.dataset.key : null;
  const e = S.explain;
  const cards = e.communities.map((c) => {
    const i = communityIndex(c.community_id);
    const info = communityOf(c.community_id) || {};
    const members = [...c.members].sort((a, b) => (a.role === 'lead' ? -1 : 0) - (b.role === 'lead' ? -1 : 0));
    const pinned = isPinned('community', c.community_id);
    const size = c.members.length;
    const sizeBad = info.min_size !== undefined && (size < info.min_size || size > info.max_size);
    const card = h('article', {
      class: `card${pinned ? ' pinned' : ''}${S.selected && S.selected.kind === 'community' && S.selected.id === c.community_id ? ' selected' : ''}`,
      'data-testid': 'alliance-card', 'data-community': c.community_id, 'aria-label': `${c.name} 联盟`,
    },
    h('header', { class: 'card-head' },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }),
      h('div', { class: 'card-title' },
        h('h4', {}, c.name, pinned ? pinBadge('community-pinned') : null),
        h('small', { class: 'muted' }, [c.community_id, info.street].filter(Boolean).join(' · '))),
      editable ? h('div', { class: 'card-actions' },
        h('button', {
          type: 'button', class: 'small', 'data-key': `suggest-${c.community_id}`, 'data-testid': 'card-suggest',
          onclick: () => selectAndSuggest({ kind: 'community', id: c.community_id }),
        }, '建议'),
        h('button', {
          type: 'button', class: 'small', 'data-key': `pin-${c.community_id}`, 'data-testid': 'card-pin', 'aria-pressed': String(pinned),
          onclick: () => edit({ kind: pinned ? 'unpin' : 'pin', community_id: c.community_id }),
        }, pinned ? '取消固定' : '固定')) : null),
    strengthBar(c),
    h('ul', { class: 'chips', 'aria-label': '联盟单位' }, members.map((m) => chip(m, c, editable))),
    h('p', { class: `size${sizeBad ? ' bad' : ''}` }, `${int(size)} 个单位`,
      info.min_size !== undefined ? `（要求 ${int(info.min_size)}–${int(info.max_size)}）` : ''),
    needsList(c),
    h('p', { class: 'card-score' }, '本联盟计入目标值 ', h('strong', {}, signed(c.objective, 4))));
    card.querySelector('.swatch').style.backgroundColor = colour(i);
    card.style.borderTopColor = colour(i);
    if (editable) bindDrop(card, c.community_id);
    return card;
  });
  fill(container, cards);
  if (focusKey) {
    const again = container.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
    if (again) again.focus();
  }
}

function chip(m, c, editable) {
  const unit = unitOf(m.org_id);
  const name = unit ? unit.name : m.org_id;
  const pinned = isPinned('unit', m.org_id);
  const lead = m.role === 'lead';
  const selected = S.selected && S.selected.kind === 'unit' && S.selected.id === m.org_id;
  const li = h('li', {
    class: `chip${lead ? ' lead' : ''}${pinned ? ' pinned' : ''}${selected ? ' selected' : ''}`,
    'data-testid': 'unit-chip', 'data-org': m.org_id, 'data-community': c.community_id, 'data-role': m.role,
    'data-pinned': String(pinned),
  },
  lead ? h('span', { class: 'role', title: '牵头单位' }, '★ 牵头') : null,
  editable
    ? h('button', {
      type: 'button', class: 'chip-name', 'data-key': `name-${m.org_id}-${c.community_id}`, 'data-testid': 'chip-select',
      title: `${name}（${m.org_id}）：点按查看建议`, onclick: () => selectAndSuggest({ kind: 'unit', id: m.org_id }),
    }, name)
    : h('span', { class: 'chip-name', title: `${name}（${m.org_id}）` }, name),
  pinned ? pinBadge('unit-pinned') : null,
  editable ? h('button', {
    type: 'button', class: 'chip-more', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'data-testid': 'chip-menu',
    'data-key': `menu-${m.org_id}-${c.community_id}`, 'aria-label': `${name} 的操作`,
    onclick: (event) => openMenu(event.currentTarget, m, c),
  }, '⋯') : null);
  if (editable) {
    li.draggable = true;
    li.addEventListener('dragstart', (event) => {
      S.drag = { org: m.org_id, from: c.community_id };
      event.dataTransfer.setData('application/x-alliance-unit', JSON.stringify(S.drag));
      event.dataTransfer.setData('text/plain', name);
      event.dataTransfer.effectAllowed = 'move';
      li.classList.add('dragging');
      closeMenu();
    });
    li.addEventListener('dragend', () => {
      li.classList.remove('dragging');
      S.drag = null;
      for (const card of $$('.card.drop-target')) card.classList.remove('drop-target');
    });
  }
  return li;
}

function bindDrop(card, communityId) {
  const ours = (event) => S.drag || [...event.dataTransfer.types].includes('application/x-alliance-unit');
  card.addEventListener('dragenter', (event) => {
    if (!ours(event)) return;
    event.preventDefault();
    card.classList.add('drop-target');
  });
  card.addEventListener('dragover', (event) => {
    if (!ours(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    card.classList.add('drop-target');
  });
  card.addEventListener('dragleave', (event) => {
    if (!card.contains(event.relatedTarget)) card.classList.remove('drop-target');
  });
  card.addEventListener('drop', (event) => {
    if (!ours(event)) return;
    event.preventDefault();
    card.classList.remove('drop-target');
    let drag = S.drag;
    try {
      const data = event.dataTransfer.getData('application/x-alliance-unit');
      if (data) drag = JSON.parse(data);
    } catch { /* keep S.drag */ }
    S.drag = null;
    if (!drag || drag.from === communityId) return;
    edit({ kind: 'move', org_id: drag.org, from: drag.from, to: communityId },
      `已把 ${unitName(drag.org)} 从 ${communityName(drag.from)} 调到 ${communityName(communityId)}`);
  });
}

function needsList(c) {
  if (!c.needs.length) return h('p', { class: 'muted needs-none' }, '无需求清单');
  const uncovered = c.needs.filter((n) => n.uncovered > 1e-9);
  return h('div', { class: 'needs' },
    h('p', { class: 'needs-head' }, `需求 ${int(c.needs.length - uncovered.length)}/${int(c.needs.length)} 项已覆盖`),
    h('ul', {}, c.needs.map((n) => {
      const ok = n.uncovered <= 1e-9;
      return h('li', { class: ok ? 'ok' : 'miss', title: ok ? '已覆盖' : (REASONS[n.reason] || '未覆盖') },
        ok ? '✓ ' : '✗ ', n.category, ` ${num(n.covered, 1)}/${num(n.amount, 1)}`,
        ok ? null : h('small', {}, `（${REASONS[n.reason] || '未覆盖'}）`));
    })));
}

function renderMap() {
  if (!S.explain || $('#tab-plan').hidden) return;
  drawMap($('#plan-map'), S.lists, S.explain, { selected: S.selected });
}

function renderUnitTable() {
  const rows = S.explain.units.map((u) => {
    const bad = u.load < u.min_communities || u.load > u.max_communities;
    const places = u.communities.map((id) => `${communityName(id)}${u.leads.includes(id) ? '★' : ''}`).join('、') || '—';
    const role = u.leads.length ? `牵头 ${int(u.leads.length)}` + (u.communities.length > u.leads.length ? `，成员 ${int(u.communities.length - u.leads.length)}` : '')
      : u.communities.length ? '成员' : '未安排';
    return h('tr', { 'data-org': u.org_id, class: bad ? 'bad' : null },
      h('th', { scope: 'row' }, u.name, isPinned('unit', u.org_id) ? pinBadge() : '', h('br'), h('small', { class: 'muted' }, u.org_id)),
      h('td', {}, places),
      h('td', {}, role),
      h('td', { class: 'num' }, `${int(u.load)}`, h('small', { class: 'muted' }, `（${int(u.min_communities)}–${int(u.max_communities)}）`), bad ? ' ✗' : ''));
  });
  fill($('#unit-table'), h('table', { class: 'data units' },
    h('caption', { class: 'visually-hidden' }, '各单位服务的社区与负担'),
    h('thead', {}, h('tr', {}, ['单位', '服务社区（★ 牵头）', '角色', '负担（要求）'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows)));
}

// MARK: 调整

async function edit(body, done, focusKeys = []) {
  if (!S.projectId) return;
  if (S.busy) {
    say('上一个操作还在进行，请稍候。', 'info');
    return;
  }
  setBusy(true);
  try {
    const answer = await post(`/api/projects/${S.projectId}/plan/edits`, { ...body, version: S.version });
    const pinOnly = body.kind === 'pin' || body.kind === 'unpin';
    S.pins = answer.pins;
    if (!pinOnly) applyState(answer);
    if (S.plan) {
      renderCards($('#adjust-cards'), true);
      renderCards($('#plan-cards'), false);
    }
    renderPins();
    if (!pinOnly) {
      await refreshAfterEdit();
    } else {
      renderUnitTable();
    }
    // Keyboard users keep their place: the menu they came from, or the card it was on.
    for (const key of focusKeys) {
      const target = $(`#adjust-cards [data-key="${CSS.escape(key)}"]`);
      if (target) {
        target.focus();
        break;
      }
    }
    if (done) say(done, 'ok');
    else if (pinOnly) say(body.kind === 'pin' ? '已固定；重新优化时保持不变。' : '已取消固定。', 'ok');
  } catch (error) {
    if (error.status === 409) {
      say('方案已在别处被改动，已重新读取最新版本；请再操作一次。');
      await loadPlan();
    } else {
      fail(error);
    }
  } finally {
    setBusy(false);
  }
}

function applyState(st) {
  if (!st.version) return;
  S.previousObjective = S.score ? S.score.objective : null;
  S.version = st.version;
  S.canUndo = st.can_undo;
  S.canRedo = st.can_redo;
  S.score = { objective: st.objective, terms: st.terms, feasible: st.feasible, broken_rules: st.broken_rules };
  renderScore();
  $('#undo').disabled = !S.canUndo;
  $('#redo').disabled = !S.canRedo;
}

/** After an edit, undo or redo: the plan and its explanation again (the score already shows the edit's answer). */
function refreshAfterEdit() {
  return loadPlan();
}

async function undoRedo(which) {
  if (S.busy) {
    say('上一个操作还在进行，请稍候。', 'info');
    return;
  }
  setBusy(true);
  try {
    const answer = await post(`/api/projects/${S.projectId}/plan/${which}`);
    applyState(answer);
    await refreshAfterEdit();
    say(which === 'undo' ? '已撤销一步。' : '已重做一步。', 'ok');
  } catch (error) {
    fail(error);
  } finally {
    setBusy(false);
  }
}

/** One edit at a time: while one is on its way, undo and redo wait and the page says so. */
function setBusy(busy) {
  S.busy = busy;
  document.body.classList.toggle('busy', busy);
  document.body.dataset.busy = String(busy);
  $('#undo').disabled = busy || !S.canUndo;
  $('#redo').disabled = busy || !S.canRedo;
}

function selectAndSuggest(selection) {
  S.selected = selection;
  closeMenu();
  if (currentTab !== 'adjust') showTab('adjust');
  renderCards($('#adjust-cards'), true);
  loadSuggestions(selection).then(() => {
    const panel = $('#suggest-panel');
    panel.focus({ preventScroll: true });
    panel.scrollIntoView({ block: 'nearest' });
  });
}

async function loadSuggestions(selection, { quiet = false } = {}) {
  const query = selection.kind === 'unit' ? `org=${enc(selection.id)}` : `community=${enc(selection.id)}`;
  try {
    const doc = await get(`/api/projects/${S.projectId}/suggest?${query}&top=8`);
    S.suggestions = { selection, doc };
  } catch (error) {
    S.suggestions = null;
    if (!quiet) fail(error);
  }
  renderSuggestions();
}

function describe(s) {
  const u = unitName(s.org_id), from = s.from && communityName(s.from), to = s.to && communityName(s.to);
  const other = s.other_org_id && unitName(s.other_org_id);
  switch (s.kind) {
    case 'move': return `把 ${u} 从 ${from} 调到 ${to}`;
    case 'add': return `${u} 加入 ${to}`;
    case 'remove': return `${u} 退出 ${from}`;
    case 'swap': return `${u}（${from}）与 ${other}（${to}）互换`;
    case 'set_lead': return `${u} 担任 ${to} 的牵头单位` + (other ? `（替换 ${other}）` : '');
    case 'hand_lead': return `${u} 把 ${from} 的牵头交给 ${other}`;
    default: return `${s.kind} ${u}`;
  }
}

/** What each term adds to the change of the objective (weighted, signed as in the objective). */
function termsDelta(t) {
  const weights = S.explain.weights;
  const parts = TERMS.map((term) => ({ term, value: term.sign * weights[term.key] * t[term.key] }))
    .filter(({ value }) => Math.abs(value) >= 0.00005);
  return parts.length ? `其中 ${parts.map(({ term, value }) => `${term.name} ${signed(value, 4)}`).join('，')}` : '';
}

function renderSuggestions() {
  const panel = $('#suggest-panel');
  if (!S.suggestions || !S.explain) {
    fill(panel, h('h3', {}, '建议'),
      h('p', { class: 'muted' }, '点一个单位的名字或社区卡片上的“建议”，这里列出相关的每一种单步调整及其对得分的影响。'));
    return;
  }
  const { selection, doc } = S.suggestions;
  const title = selection.kind === 'unit' ? `单位 ${unitName(selection.id)} 的建议` : `社区 ${communityName(selection.id)} 的建议`;
  const item = (s) => h('li', { class: `suggestion${s.feasible ? '' : ' infeasible'}` },
    h('div', { class: 'suggestion-text' },
      h('span', { class: `delta ${s.delta > 1e-12 ? 'up' : s.delta < -1e-12 ? 'down' : ''}`, 'data-testid': 'suggestion-delta' }, signed(s.delta, 4)),
      ' ', describe(s),
      termsDelta(s.terms_delta) ? h('small', { class: 'muted terms-delta' }, termsDelta(s.terms_delta)) : null,
      s.broken_rules.length ? h('small', { class: 'bad-text' }, `会违反：${s.broken_rules.map((r) => RULES[r.rule] || r.rule).join('、')}`) : null,
      s.repaired_rules.length ? h('small', { class: 'ok-text' }, `可修复：${s.repaired_rules.map((r) => RULES[r.rule] || r.rule).join('、')}`) : null),
    h('button', {
      type: 'button', class: 'small apply', 'data-testid': 'apply-suggestion',
      onclick: () => edit(s, `已应用：${describe(s)}`),
    }, '应用'));
  const feasible = doc.suggestions.filter((s) => s.feasible);
  const infeasible = doc.suggestions.filter((s) => !s.feasible);
  fill(panel,
    h('h3', {}, title),
    h('p', { class: 'hint' }, `当前目标值 ${objective(doc.objective)}；每条开头的数是应用后目标值的变化（正数为提高），按此排序。`),
    feasible.length ? h('ol', { class: 'suggestions', 'data-testid': 'suggestions' }, feasible.slice(0, 3).map(item)) : null,
    feasible.length > 3 ? h('details', {}, h('summary', {}, `更多建议（${int(feasible.length - 3)}）`),
      h('ol', { class: 'suggestions', 'data-testid': 'suggestions-more' }, feasible.slice(3).map(item))) : null,
    feasible.length ? null
      : h('p', { class: 'muted' }, S.score.feasible ? '没有不违反规则的单步调整。' : '没有一步就能让方案满足全部规则的调整；“可修复”的调整先修复一部分。'),
    infeasible.length ? h('details', { open: !S.score.feasible || !feasible.length },
      h('summary', {}, S.score.feasible ? `会违反规则的调整（${int(infeasible.length)}）` : `调整后仍有违反的规则（${int(infeasible.length)}）`),
      h('ol', { class: 'suggestions' }, infeasible.map(item))) : null,
    h('button', { type: 'button', class: 'link', onclick: () => { S.selected = null; S.suggestions = null; renderSuggestions(); renderCards($('#adjust-cards'), true); } }, '关闭建议'));
}

// The menu of a unit chip: the keyboard and phone way to do what dragging does, and more.
let menuOpener = null;

function openMenu(button, member, community) {
  const menu = $('#unit-menu');
  if (!menu.hidden && menuOpener === button) {
    closeMenu();
    return;
  }
  closeMenu();
  menuOpener = button;
  button.setAttribute('aria-expanded', 'true');
  const unit = unitOf(member.org_id);
  const name = unit ? unit.name : member.org_id;
  const pinned = isPinned('unit', member.org_id);
  const pinEntry = pinEntryOf('unit', member.org_id);
  const served = new Set(S.explain.units.find((u) => u.org_id === member.org_id)?.communities || []);
  const targets = S.explain.communities.filter((c) => !served.has(c.community_id));
  const select = h('select', { id: 'move-target', 'data-testid': 'move-target', 'aria-label': '调到哪个社区' },
    targets.map((c) => h('option', { value: c.community_id }, `${c.name}（${c.community_id}）`)));
  const moveRow = h('div', { class: 'menu-move', hidden: true },
    h('label', { for: 'move-target' }, `把 ${name} 从 ${community.name} 调到：`), select,
    h('button', {
      type: 'button', class: 'primary small', 'data-testid': 'move-confirm',
      onclick: () => {
        const to = select.value;
        closeMenu();
        edit({ kind: 'move', org_id: member.org_id, from: community.community_id, to },
          `已把 ${name} 从 ${community.name} 调到 ${communityName(to)}`, [`menu-${member.org_id}-${to}`]);
      },
    }, '确定'));
  const item = (label, testid, action, disabled = false) => h('button', {
    type: 'button', role: 'menuitem', class: 'menu-item', 'data-testid': testid, disabled,
    onclick: action,
  }, label);
  fill(menu,
    h('p', { class: 'menu-title' }, `${name} · ${community.name}`),
    item('查看建议', 'menu-suggest', () => selectAndSuggest({ kind: 'unit', id: member.org_id })),
    item('移到…', 'menu-move', () => {
      moveRow.hidden = false;
      select.focus();
    }, !targets.length),
    moveRow,
    member.role === 'lead' ? null : item(unit && !unit.can_lead ? '设为牵头（该单位不能牵头）' : '设为牵头', 'menu-lead', () => {
      closeMenu();
      edit({ kind: 'set_lead', org_id: member.org_id, to: community.community_id }, `${name} 已担任 ${community.name} 的牵头单位`,
        [`menu-${member.org_id}-${community.community_id}`]);
    }, unit && !unit.can_lead),
    item(pinned ? '取消固定' : '固定（重新优化时不变）', 'menu-pin', () => {
      closeMenu();
      edit({ kind: pinned ? 'unpin' : 'pin', org_id: pinned && pinEntry ? pinEntry.id : member.org_id }, null,
        [`menu-${member.org_id}-${community.community_id}`]);
    }),
    item(`移出 ${community.name}`, 'menu-remove', () => {
      closeMenu();
      edit({ kind: 'remove', org_id: member.org_id, from: community.community_id }, `${name} 已退出 ${community.name}`,
        [`suggest-${community.community_id}`]);
    }),
    item('关闭菜单', 'menu-close', () => closeMenu(true)));
  menu.hidden = false;
  const rect = button.getBoundingClientRect();
  const width = menu.offsetWidth;
  menu.style.top = `${rect.bottom + window.scrollY + 4}px`;
  menu.style.left = `${Math.max(8, Math.min(rect.left + window.scrollX, document.documentElement.clientWidth - width - 8 + window.scrollX))}px`;
  menu.querySelector('.menu-item').focus();
}

function closeMenu(returnFocus = false) {
  const menu = $('#unit-menu');
  if (menu.hidden) return;
  menu.hidden = true;
  fill(menu);
  if (menuOpener) {
    menuOpener.setAttribute('aria-expanded', 'false');
    if (returnFocus && menuOpener.isConnected) menuOpener.focus();
  }
  menuOpener = null;
}

function bindMenu() {
  const menu = $('#unit-menu');
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeMenu(true);
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (event.target.tagName === 'SELECT') return;
      const items = $$('.menu-item:not([disabled])', menu);
      const i = items.indexOf(document.activeElement);
      const next = items[(i + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    }
  });
  document.addEventListener('click', (event) => {
    if (!menu.hidden && !menu.contains(event.target) && !event.target.closest('.chip-more')) closeMenu();
  });
  menu.addEventListener('focusout', (event) => {
    if (!menu.hidden && event.relatedTarget && !menu.contains(event.relatedTarget) && event.relatedTarget !== menuOpener) closeMenu();
  });
}

// MARK: Diff

async function loadDiff(against, { quiet = false } = {}) {
  S.diffAgainst = against;
  for (const button of $$('[data-diff]')) button.setAttribute('aria-pressed', String(button.dataset.diff === against));
  const view = $('#diff-view');
  if (!S.plan) return;
  if ((against === 'last_year' && !S.lists.has_previous_plan) || (against === 'previous' && !S.canUndo)) {
    fill(view, h('p', { class: 'muted' }, against === 'last_year' ? '未载入上年方案（在“上传”中载入）。' : '当前是第一版，没有上一步。'));
    return;
  }
  try {
    const answer = await get(`/api/projects/${S.projectId}/diff?against=${enc(against)}`);
    renderDiff(answer);
  } catch (error) {
    fill(view, h('p', { class: 'error-text' }, error.message));
    if (!quiet) fail(error);
  }
}

function place(p) {
  return `${communityName(p.community_id)}${p.role === 'lead' ? '（牵头）' : ''}`;
}

function renderDiff(answer) {
  const d = answer.diff;
  const what = { solved: `求解方案（版本 ${int(answer.old_version)}）`, previous: `上一步（版本 ${int(answer.old_version)}）`, last_year: '上年方案' }[answer.against];
  const counts = Object.entries(CHANGES).map(([k, name]) => `${name} ${int(d.counts[k] || 0)}`).join('，');
  const changed = d.organizations.filter((o) => o.change !== 'unchanged');
  fill($('#diff-view'),
    h('p', { 'data-testid': 'diff-summary' }, `当前（版本 ${int(answer.version)}）与${what}相比：${counts}；不变 ${int(d.unchanged)}。`),
    changed.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data diff' },
      h('thead', {}, h('tr', {}, ['单位', '变化', '原来', '现在'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, changed.map((o) => h('tr', { 'data-testid': 'diff-row' },
        h('th', { scope: 'row' }, unitName(o.org_id),
          unitName(o.org_id) !== o.org_id ? h('small', { class: 'muted' }, ` ${o.org_id}`) : null),
        h('td', {}, CHANGES[o.change] || o.change),
        h('td', {}, o.old.map(place).join('、') || '—'),
        h('td', {}, o.new.map(place).join('、') || '—')))))) : h('p', { class: 'muted' }, '没有改动。'));
}

// MARK: Start

function bindAdjust() {
  $('#undo').addEventListener('click', () => undoRedo('undo'));
  $('#redo').addEventListener('click', () => undoRedo('redo'));
  for (const button of $$('[data-diff]')) button.addEventListener('click', () => loadDiff(button.dataset.diff));
  for (const link of $$('[data-file]')) {
    link.addEventListener('click', (event) => {
      if (!S.plan) {
        event.preventDefault();
        say('还没有方案可下载：请先求解。');
      }
    });
  }
}

async function start() {
  bindTabs();
  bindUpload();
  bindSolve();
  bindAdjust();
  bindMenu();
  renderNoPlan();
  drawChart($('#solve-chart'), [], 0);
  const params = hashParams();
  await loadProjects();
  const project = params.get('project');
  if (project) {
    try {
      await openProject(project);
    } catch (error) {
      fail(error);
    }
  }
  if (!S.projectId) {
    $('.need-project').hidden = false;
    $('#solve-button').disabled = true;
  }
  showTab(params.get('tab') || 'upload');
  document.body.dataset.ready = 'true';
}

start().catch(fail);
