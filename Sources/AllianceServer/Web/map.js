// The map of a plan: communities (circles, each alliance its own colour) and units (squares)
// at their x, y from the lists; a line from each unit to each community it serves, the lead's
// line solid and thick, members' thin and dashed.
import { h, fill, colour, int } from './ui.js';

export function drawMap(container, lists, explain, { selected = null } = {}) {
  const communities = lists.communities.filter((c) => c.x !== null && c.y !== null && c.x !== undefined);
  const unitsById = new Map(lists.units.map((u) => [u.org_id, u]));
  if (!lists.coordinates || !communities.length) {
    fill(container, h('p', { class: 'muted' }, '名单中没有坐标（x、y 或经纬度），无法绘制地图。'));
    return;
  }
  const points = [...communities, ...lists.units.filter((u) => u.x !== null && u.x !== undefined)];
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const spanX = maxX - minX || 1, spanY = maxY - minY || 1;
  const W = 800;
  const H = Math.max(320, Math.min(900, Math.round((W * spanY) / spanX)));
  const pad = 24;
  const scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
  const offX = (W - scale * spanX) / 2, offY = (H - scale * spanY) / 2;
  const px = (x) => offX + (x - minX) * scale;
  const py = (y) => H - (offY + (y - minY) * scale); // north up

  const indexOf = new Map(lists.communities.map((c, i) => [c.id, i]));
  const lines = [], lead = [];
  for (const c of explain.communities) {
    const community = lists.communities[indexOf.get(c.community_id)];
    if (!community || community.x === null || community.x === undefined) continue;
    const stroke = colour(indexOf.get(c.community_id));
    for (const m of c.members) {
      const unit = unitsById.get(m.org_id);
      if (!unit || unit.x === null || unit.x === undefined) continue;
      const isSelected = selected && ((selected.kind === 'unit' && selected.id === m.org_id)
        || (selected.kind === 'community' && selected.id === c.community_id));
      const line = h('line', {
        x1: px(unit.x), y1: py(unit.y), x2: px(community.x), y2: py(community.y), stroke,
        class: `map-line ${m.role === 'lead' ? 'map-lead' : 'map-member'}${isSelected ? ' map-selected' : ''}`,
      }, h('title', {}, `${unit.name} → ${community.name}（${m.role === 'lead' ? '牵头' : '成员'}）`));
      (m.role === 'lead' ? lead : lines).push(line);
    }
  }
  const served = new Set(explain.units.filter((u) => u.load > 0).map((u) => u.org_id));
  const unitMarks = lists.units.filter((u) => u.x !== null && u.x !== undefined).map((u) => h('rect', {
    x: px(u.x) - 3.5, y: py(u.y) - 3.5, width: 7, height: 7,
    class: `map-unit${served.has(u.org_id) ? '' : ' map-idle'}${selected && selected.kind === 'unit' && selected.id === u.org_id ? ' map-selected' : ''}`,
  }, h('title', {}, `${u.name}（${u.org_id}）`)));
  const communityMarks = communities.map((c) => h('circle', {
    cx: px(c.x), cy: py(c.y), r: 7, fill: colour(indexOf.get(c.id)),
    class: `map-community${selected && selected.kind === 'community' && selected.id === c.id ? ' map-selected' : ''}`,
  }, h('title', {}, `${c.name}（${c.id}）`)));
  const labels = communities.length <= 60 ? communities.map((c) => h('text', {
    x: px(c.x) + 9, y: py(c.y) + 4, class: 'map-label',
  }, c.name)) : [];
  const svg = h('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'map-svg', role: 'img',
    'aria-label': `地图：${int(communities.length)} 个社区、${int(lists.units.length)} 个单位及其结对`,
    'data-testid': 'map-svg',
  }, h('g', {}, lines), h('g', {}, lead), h('g', {}, unitMarks), h('g', {}, communityMarks), h('g', {}, labels));
  const legend = h('p', { class: 'map-legend' },
    h('span', { class: 'lg lg-community' }), '社区（颜色区分联盟） ',
    h('span', { class: 'lg lg-unit' }), '单位 ',
    h('span', { class: 'lg lg-lead' }), '牵头结对 ',
    h('span', { class: 'lg lg-member' }), '成员结对',
    lists.coordinates === 'geographic' ? '（经纬度）' : '（平面坐标，千米）');
  fill(container, svg, legend);
}
