// rhwatch live dashboard: one page, three views (#/ overview, #/model/<name>, #/compare/<a>/<b>),
// fed by the aggregator's server-sent events (/v1/stream) and its REST API (docs/ARCHITECTURE.md).
'use strict';

const COLORS = {
  perception: '#2dd4bf', reasoning: '#f59e0b', a: '#60a5fa', b: '#f472b6',
  good: '#34d399', bad: '#f87171', warn: '#fbbf24', muted: '#8b97a5', grid: 'rgba(139,151,165,.15)',
  corruptions: { clean: '#e6edf3', blank_image: '#a78bfa', random_image: '#f472b6', text_removal: '#fbbf24' },
};
const EXAMPLES_LIMIT = 40;
const STALE_AFTER_MS = 40000; // the server sends a heartbeat every 15 s

const state = {
  models: [],          // GET /v1/models
  curves: new Map(),   // model -> GET /v1/models/{model}/curve
  history: new Map(),  // model -> GET /v1/history entry
  examples: new Map(), // model -> GET /v1/models/{model}/examples
  windows: new Map(),  // model -> GET /v1/models/{model}/windows
  lastEventAt: 0,
};

// ---------- small helpers ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const fmt = (x, digits = 3) => (isNum(x) ? x.toFixed(digits) : '—');
const pct = (x) => (isNum(x) ? (100 * x).toFixed(1) + '%' : '—');
const fmtCi = (ci, digits = 3) => (Array.isArray(ci) && ci.length === 2 && isNum(ci[0]) && isNum(ci[1])
  ? `[${ci[0].toFixed(digits)}, ${ci[1].toFixed(digits)}]` : '');
const signed = (x) => (isNum(x) ? (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(3) : '—');
const count = (x) => (isNum(x) ? x.toLocaleString('en-US') : '—');
const fmtP = (p) => (isNum(p) ? (p < 0.001 ? '<0.001' : p.toFixed(3)) : '—');
// What an interval resampled, and the share of resamples left out because the value was undefined there.
const intervalNote = (m, share) => (m.interval_method === 'paired_samples'
  ? `paired · ${pct(isNum(share) ? share : 0)} degenerate` : m.interval_method === 'cells' ? 'cells (no sample ids)' : '');

function ago(ms) {
  if (!isNum(ms) || ms <= 0) return '—';
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

const modelHref = (m) => '#/model/' + encodeURIComponent(m);
const compareHref = (a, b) => '#/compare/' + encodeURIComponent(a || '') + '/' + encodeURIComponent(b || '');

// ---------- live connection ----------

const connection = {
  source: null,
  retryMs: 1000,
  set(stateName, text) {
    const el = document.getElementById('connection');
    el.dataset.state = stateName;
    el.querySelector('.label').textContent = text;
  },
  open() {
    this.set(state.lastEventAt ? 'reconnecting' : 'connecting', state.lastEventAt ? 'reconnecting…' : 'connecting…');
    const source = new EventSource('v1/stream');
    this.source = source;
    source.onopen = () => { this.retryMs = 1000; state.lastEventAt = Date.now(); this.set('live', 'live'); };
    source.onerror = () => {
      // EventSource retries by itself while CONNECTING; once CLOSED we start a new one, with backoff.
      if (source.readyState === EventSource.CLOSED) this.reopenLater();
      else this.set('reconnecting', 'reconnecting…');
    };
    const on = (name, handler) => source.addEventListener(name, (e) => {
      state.lastEventAt = Date.now();
      if (source === this.source) this.set('live', 'live');
      if (handler) handler(JSON.parse(e.data));
    });
    on('models', (models) => { state.models = models; refresh('models'); });
    on('curve', (curve) => { state.curves.set(curve.model, curve); refresh('curve', curve.model); });
    on('history', (all) => { state.history = new Map(all.map((m) => [m.model, m])); refresh('history'); });
    on('heartbeat', null);
  },
  reopenLater() {
    if (this.source) this.source.close();
    this.source = null;
    this.set('offline', `offline · retrying in ${Math.round(this.retryMs / 1000)} s`);
    setTimeout(() => this.open(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 30000);
  },
  watchdog() {
    // A connection that went silent (no event, not even a heartbeat) is dead even if the socket says otherwise.
    if (this.source && state.lastEventAt && Date.now() - state.lastEventAt > STALE_AFTER_MS) this.reopenLater();
  },
};

// ---------- charts ----------

Chart.defaults.color = COLORS.muted;
Chart.defaults.borderColor = COLORS.grid;
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

// Draws each dataset's `errorBars` ([{x:[lo,hi], y:[lo,hi]}] per point) as whiskers.
const errorBarsPlugin = {
  id: 'errorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((ds, i) => {
      const meta = chart.getDatasetMeta(i);
      if (!ds.errorBars || !chart.isDatasetVisible(i)) return;
      const xs = chart.scales[meta.xAxisID];
      const ys = chart.scales[meta.yAxisID];
      ctx.save();
      const area = chart.chartArea; // whiskers of fitted axes may reach past them
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      ctx.strokeStyle = ds.borderColor;
      ctx.globalAlpha = 0.8;
      ctx.lineWidth = 1.4;
      meta.data.forEach((el, j) => {
        const bar = ds.errorBars[j];
        if (!bar) return;
        const cap = 4;
        const cx = bar.xCenter != null ? bar.xCenter(el) : el.x;
        if (bar.y) {
          const y1 = ys.getPixelForValue(bar.y[0]); const y2 = ys.getPixelForValue(bar.y[1]);
          ctx.beginPath(); ctx.moveTo(cx, y1); ctx.lineTo(cx, y2);
          ctx.moveTo(cx - cap, y1); ctx.lineTo(cx + cap, y1); ctx.moveTo(cx - cap, y2); ctx.lineTo(cx + cap, y2);
          ctx.stroke();
        }
        if (bar.x && xs.type === 'linear') {
          const x1 = xs.getPixelForValue(bar.x[0]); const x2 = xs.getPixelForValue(bar.x[1]);
          ctx.beginPath(); ctx.moveTo(x1, el.y); ctx.lineTo(x2, el.y);
          ctx.moveTo(x1, el.y - cap); ctx.lineTo(x1, el.y + cap); ctx.moveTo(x2, el.y - cap); ctx.lineTo(x2, el.y + cap);
          ctx.stroke();
        }
      });
      ctx.restore();
    });
  },
};

// Writes each dataset's `pointLabels` (one string per point) next to its points.
const pointLabelsPlugin = {
  id: 'pointLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((ds, i) => {
      if (!ds.pointLabels || !chart.isDatasetVisible(i)) return;
      ctx.save();
      ctx.font = '600 11px ' + Chart.defaults.font.family;
      ctx.fillStyle = ds.labelColor || ds.borderColor;
      chart.getDatasetMeta(i).data.forEach((el, j) => {
        if (ds.pointLabels[j]) ctx.fillText(ds.pointLabels[j], el.x + 7, el.y - 8);
      });
      ctx.restore();
    });
  },
};

// Outlines a dataset's `box` ({x0,x1,y0,y1}: the min–max range the curve is normalised over).
const normBoxPlugin = {
  id: 'normBox',
  beforeDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((ds, i) => {
      if (!ds.box || !chart.isDatasetVisible(i)) return;
      const meta = chart.getDatasetMeta(i);
      const xs = chart.scales[meta.xAxisID]; const ys = chart.scales[meta.yAxisID];
      const x0 = xs.getPixelForValue(ds.box.x0); const x1 = xs.getPixelForValue(ds.box.x1);
      const y0 = ys.getPixelForValue(ds.box.y0); const y1 = ys.getPixelForValue(ds.box.y1);
      ctx.save();
      ctx.setLineDash([5, 4]);
      ctx.strokeStyle = ds.borderColor;
      ctx.globalAlpha = 0.55;
      ctx.strokeRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
      ctx.restore();
    });
  },
};

Chart.register(errorBarsPlugin, pointLabelsPlugin, normBoxPlugin);

const charts = new Map();

function upsertChart(key, canvas, config) {
  const existing = charts.get(key);
  if (existing && existing.canvas === canvas) {
    existing.data = config.data;
    existing.options = config.options;
    existing.update('none');
    return existing;
  }
  if (existing) existing.destroy();
  const chart = new Chart(canvas, config);
  charts.set(key, chart);
  return chart;
}

function dropCharts() {
  charts.forEach((c) => c.destroy());
  charts.clear();
}

const alpha = (hex, a) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
};

const accuracyAxis = (title) => ({
  min: 0, max: 1, title: { display: true, text: title },
  ticks: { callback: (v) => Math.round(v * 100) + '%' },
});

/** The perception-over-reasoning curve of one model, as a scatter dataset sorted like RH-AUC sorts it. */
function curveDataset(curve, color, label, shade) {
  const points = [...(curve.points || [])]
    .sort((p, q) => p.reasoning_accuracy - q.reasoning_accuracy || p.budget - q.budget);
  const xs = points.map((p) => p.reasoning_accuracy);
  const ys = points.map((p) => p.perception_accuracy);
  const box = points.length > 1
    ? { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) } : null;
  return {
    label,
    data: points.map((p) => ({ x: p.reasoning_accuracy, y: p.perception_accuracy, budget: p.budget })),
    showLine: true,
    borderColor: color,
    backgroundColor: alpha(color, 0.22),
    pointBackgroundColor: color,
    pointRadius: 5,
    pointHoverRadius: 8,
    borderWidth: 2.5,
    // The shaded area over the dashed min–max box is the normalised area, i.e. RH-AUC.
    fill: shade && box ? { value: box.y0 } : false,
    box: shade ? box : null,
    pointLabels: points.map((p) => 'L' + p.budget),
    errorBars: points.map((p) => ({ x: p.reasoning_ci, y: p.perception_ci })),
  };
}

/** Axes fitted to the points (one model: the curve's shape matters) or the full [0, 1] (several: comparable). */
function curveChartConfig(datasets, onPick, fitted) {
  const x = accuracyAxis('reasoning accuracy R(L)');
  const y = accuracyAxis('perception accuracy P(L)');
  if (fitted) {
    const pts = datasets.flatMap((d) => d.data);
    const fit = (axis, values) => {
      if (!values.length) return;
      const lo = Math.min(...values); const hi = Math.max(...values); const margin = Math.max(0.05, (hi - lo) * 0.25);
      axis.min = Math.max(0, Math.floor((lo - margin) * 20) / 20);
      axis.max = Math.min(1, Math.ceil((hi + margin) * 20) / 20);
    };
    fit(x, pts.map((p) => p.x));
    fit(y, pts.map((p) => p.y));
  }
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      scales: { x, y },
      plugins: {
        legend: { display: datasets.length > 1, labels: { usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: (c) => `${c.dataset.label} · L=${c.raw.budget}: R ${pct(c.raw.x)}, P ${pct(c.raw.y)}`,
          },
        },
      },
      onClick: (evt, elements, chart) => {
        if (onPick && elements.length) onPick(chart.data.datasets[elements[0].datasetIndex].data[elements[0].index].budget);
      },
    },
  };
}

function levelsChartConfig(series) {
  const budgets = [...new Set(series.flatMap((s) => s.points.map((p) => p.budget)))].sort((a, b) => a - b);
  return {
    type: 'line',
    data: {
      labels: budgets.map((b) => 'L' + b),
      datasets: series.map((s) => {
        const byBudget = new Map(s.points.map((p) => [p.budget, p]));
        return {
          label: s.label,
          data: budgets.map((b) => (byBudget.has(b) ? byBudget.get(b).value : null)),
          errorBars: budgets.map((b) => (byBudget.has(b) && byBudget.get(b).ci ? { y: byBudget.get(b).ci } : null)),
          borderColor: s.color,
          backgroundColor: s.color,
          borderDash: s.dash || [],
          pointRadius: 4,
          borderWidth: 2.2,
          spanGaps: true,
        };
      }),
    },
    options: {
      scales: { y: accuracyAxis('accuracy'), x: { title: { display: true, text: 'thinking budget (tokens)' } } },
      plugins: { legend: { labels: { usePointStyle: true, boxWidth: 8 } } },
    },
  };
}

/** Perception (solid) and reasoning (dashed) accuracy per level of one model. */
function taskSeries(curve, prefix = '', colors = { perception: COLORS.perception, reasoning: COLORS.reasoning }) {
  const points = curve.points || [];
  return [
    { label: prefix + 'perception', color: colors.perception,
      points: points.map((p) => ({ budget: p.budget, value: p.perception_accuracy, ci: p.perception_ci })) },
    { label: prefix + 'reasoning', color: colors.reasoning, dash: [6, 4],
      points: points.map((p) => ({ budget: p.budget, value: p.reasoning_accuracy, ci: p.reasoning_ci })) },
  ];
}

// ---------- views ----------

let view = null;

function route() {
  const [, name, ...rest] = (location.hash || '#/').slice(1).split('/');
  dropCharts();
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active',
    a.dataset.nav === (name === 'compare' ? 'compare' : name === 'model' ? '' : 'overview')));
  const root = document.getElementById('view');
  root.replaceChildren();
  if (name === 'model' && rest.length) view = modelView(root, decodeURIComponent(rest.join('/')));
  else if (name === 'compare') view = compareView(root, rest.map((s) => decodeURIComponent(s)));
  else view = overviewView(root);
  view.update('route');
}

function refresh(kind, model) {
  if (view) view.update(kind, model);
}

// Overview: every model, sortable and filterable; a model with a raised regression stands out.
function overviewView(root) {
  const sort = { key: 'model', asc: true };
  const filter = h('input', { type: 'search', placeholder: 'filter models…', id: 'filter', 'aria-label': 'filter models' });
  const counter = h('span', { class: 'muted' });
  const columns = [
    ['model', 'Model'], ['rh_auc', 'RH-AUC (95% CI)'], ['rh_auc_raw', 'rh_auc_raw (95% CI)'],
    ['judged', 'Judged'], ['regression', 'RH-AUC over time · regression'], ['updated_at_ms', 'Updated'],
  ];
  const headRow = h('tr', null, columns.map(([key, title]) => h('th', {
    class: 'sortable', dataset: { key },
    onclick: () => { sort.asc = sort.key === key ? !sort.asc : key === 'model'; sort.key = key; update(); },
  }, title)));
  const body = h('tbody');
  const empty = h('div', { class: 'empty' }, 'No judgments counted yet. Models appear here as soon as the aggregator counts them.');
  root.append(
    h('div', { class: 'view-head' }, h('h1', null, 'Models'), counter, h('span', { class: 'spacer' }), filter),
    h('div', { class: 'card' }, h('table', { class: 'models' }, h('thead', null, headRow), body), empty),
  );
  filter.addEventListener('input', () => update());

  // Regressed models sort by their largest drop; the others after them.
  const sortValue = (m) => (sort.key === 'regression' ? regressionDrop(m) : m[sort.key]);

  function update() {
    const needle = filter.value.trim().toLowerCase();
    const rows = state.models.filter((m) => m.model.toLowerCase().includes(needle));
    rows.sort((p, q) => {
      const a = sortValue(p); const b = sortValue(q);
      let c;
      if (a == null || b == null) c = (a == null) - (b == null); // undefined values last
      else c = typeof a === 'string' ? a.localeCompare(b) : a - b;
      if (a != null && b != null && !sort.asc) c = -c;
      return c || p.model.localeCompare(q.model);
    });
    headRow.querySelectorAll('th').forEach((th) => {
      th.classList.toggle('sorted', th.dataset.key === sort.key);
      th.classList.toggle('asc', th.dataset.key === sort.key && sort.asc);
    });
    counter.textContent = `${rows.length} of ${state.models.length}`;
    empty.hidden = state.models.length > 0;
    body.replaceChildren(...rows.map(modelRow));
  }

  return { update };
}

function modelRow(m) {
  const hist = state.history.get(m.model);
  return h('tr', { dataset: { model: m.model }, class: m.regression ? 'regressed' : null, onclick: () => { location.hash = modelHref(m.model); } },
    h('td', { class: 'model' }, m.model),
    h('td', { class: 'rh-auc' },
      h('div', null, h('span', { class: 'big num value' }, fmt(m.rh_auc)), h('span', { class: 'ci num' }, fmtCi(m.rh_auc_ci))),
      intervalTrack(m.rh_auc, m.rh_auc_ci),
      m.rh_auc == null && m.reason ? h('div', { class: 'reason' }, m.reason) : null),
    h('td', { class: 'rh-auc-raw' }, h('span', { class: 'num value' }, fmt(m.rh_auc_raw)), h('span', { class: 'ci num' }, fmtCi(m.rh_auc_raw_ci))),
    h('td', { class: 'judged num' }, count(m.judged)),
    h('td', null, h('div', { class: 'trend' }, sparkline(hist, Boolean(m.regression)), regressionBadge(m))),
    h('td', { class: 'updated muted' }, ago(m.updated_at_ms)),
  );
}

function intervalTrack(value, ci) {
  if (!isNum(value)) return null;
  const clamp = (x) => Math.max(0, Math.min(1, x)) * 100;
  const track = h('span', { class: 'track', title: 'RH-AUC on [0, 1] with its 95% interval' });
  if (Array.isArray(ci) && isNum(ci[0]) && isNum(ci[1])) {
    track.append(h('span', { class: 'range', style: `left:${clamp(ci[0])}%;width:${clamp(ci[1]) - clamp(ci[0])}%` }));
  }
  track.append(h('span', { class: 'mark', style: `left:${clamp(value)}%` }));
  return h('div', null, track);
}

const duration = (ms) => (ms % 3600000 === 0 ? `${ms / 3600000} h` : ms % 60000 === 0 ? `${ms / 60000} min` : `${ms / 1000} s`);
const clock = (ms) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The largest significant drop of a regressed model (a negative difference), or null. */
function regressionDrop(m) {
  const findings = (m && m.regression && m.regression.findings) || [];
  return findings.length ? findings[0].difference : null;
}

/** What fired, in words: "perception L600 −12.0 pts [−20.1, −4.2]". */
function findingText(f) {
  const ci = Array.isArray(f.difference_ci) ? ` [${(100 * f.difference_ci[0]).toFixed(1)}, ${(100 * f.difference_ci[1]).toFixed(1)}]` : '';
  return `${f.metric.replace('_accuracy', '')} L${f.budget} ${(100 * f.difference).toFixed(1).replace('-', '−')} pts${ci}`;
}

/** The baseline of a raised regression: a pinned version's whole run, or one of the model's two windows before the current one. */
function baselineText(r) {
  if (r.baseline_model) return `the whole run of ${r.baseline_model}`;
  const which = r.baseline === 'before_previous_window' ? 'the window before the previous one' : 'the previous window';
  return `${which}, from ${clock(r.baseline_start_ms)}`;
}

// Flagged only when the model's current window is significantly worse than its baseline (rh.alerts).
function regressionBadge(m) {
  const r = m && m.regression;
  if (!r) return h('span', { class: 'badge flat', title: 'no significant drop against the previous window or the one before it' }, 'no regression');
  const f = (r.findings || [])[0];
  const title = `Regressed since ${clock(r.since_ms)}: the ${duration(r.window_size_ms)} window from ${clock(r.current_start_ms)}`
    + ` against ${baselineText(r)}. ` + (r.findings || []).map(findingText).join('; ')
    + (isNum(r.rh_auc_raw_difference) ? `; Δrh_auc_raw ${signed(r.rh_auc_raw_difference)} ${fmtCi(r.rh_auc_raw_difference_ci)}` : '')
    + (isNum(r.rh_auc_difference) ? `; ΔRH-AUC ${signed(r.rh_auc_difference)} ${fmtCi(r.rh_auc_difference_ci)}` : '');
  return h('span', { class: 'badge regressed', title }, `▼ regressed${f ? ' · ' + findingText(f).split(' [')[0] : ''}`);
}

function sparkline(hist, regressed) {
  const W = 130; const H = 32; const pad = 3;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', W); svg.setAttribute('height', H);
  const points = (hist?.points || []).filter((p) => isNum(p.rh_auc));
  if (points.length === 0) return svg;
  const t0 = points[0].at_ms; const t1 = points[points.length - 1].at_ms;
  const vs = points.map((p) => p.rh_auc);
  const lo = Math.min(...vs); const hi = Math.max(...vs);
  const x = (t) => (t1 === t0 ? W - pad : pad + ((t - t0) / (t1 - t0)) * (W - 2 * pad));
  const y = (v) => (hi === lo ? H / 2 : H - pad - ((v - lo) / (hi - lo)) * (H - 2 * pad));
  const color = regressed ? COLORS.bad : COLORS.perception;
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.map((p) => `${x(p.at_ms).toFixed(1)},${y(p.rh_auc).toFixed(1)}`).join(' '));
  Object.entries({ fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-linejoin': 'round' }).forEach(([k, v]) => line.setAttribute(k, v));
  const last = points[points.length - 1];
  const dot = document.createElementNS(ns, 'circle');
  Object.entries({ cx: x(last.at_ms), cy: y(last.rh_auc), r: 3, fill: color }).forEach(([k, v]) => dot.setAttribute(k, v));
  svg.append(line, dot);
  return svg;
}

// One model: the curve, accuracy per level, clean vs corrupted, censoring, the newest examples.
function modelView(root, model) {
  let budgetFilter = null;
  let corruptionTask = 'perception';
  const compareSelect = h('select', { 'aria-label': 'compare with', onchange: (e) => { if (e.target.value) location.hash = compareHref(model, e.target.value); } });
  const stats = h('div', { class: 'stats' });
  const curveCanvas = h('canvas', { id: 'curve-chart' });
  const levelsCanvas = h('canvas', { id: 'levels-chart' });
  const corruptCanvas = h('canvas', { id: 'corruption-chart' });
  const censorCanvas = h('canvas', { id: 'censoring-chart' });
  const curveCaption = h('div', { class: 'caption' });
  const gapTable = h('div');
  const taskToggle = h('span', { class: 'right' });
  const exampleChips = h('span', { class: 'right' });
  const examplesBody = h('tbody');
  const examplesEmpty = h('div', { class: 'empty' }, 'No examples yet.');
  const windowsCanvas = h('canvas', { id: 'windows-chart' });
  const windowChips = h('span', { class: 'right' });
  const windowsCaption = h('div', { class: 'caption' });
  const labelFreeCanvas = h('canvas', { id: 'label-free-chart' });
  const labelFreeCaption = h('div', { class: 'caption', id: 'label-free-caption' });
  let windowSize = null;

  root.append(
    h('div', { class: 'view-head' },
      h('a', { href: '#/', class: 'muted' }, '← all models'),
      h('h1', { id: 'model-title' }, model),
      h('span', { class: 'spacer' }),
      h('span', { class: 'muted' }, 'compare with '), compareSelect),
    stats,
    h('div', { class: 'grid' },
      h('section', { class: 'card' }, h('h2', null, 'Perception vs reasoning'),
        h('div', { class: 'chart-box tall' }, curveCanvas), curveCaption),
      h('section', { class: 'card' }, h('h2', null, 'Accuracy per thinking budget'),
        h('div', { class: 'chart-box tall' }, levelsCanvas),
        h('div', { class: 'caption' }, 'Clean probes; whiskers are 95% Wilson intervals.')),
      h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', null, 'Clean vs corrupted'), taskToggle),
        h('div', { class: 'chart-box' }, corruptCanvas), gapTable),
      h('section', { class: 'card' }, h('h2', null, 'Censoring and unparseable answers'),
        h('div', { class: 'chart-box' }, censorCanvas),
        h('div', { class: 'caption' }, 'Censored: the answer hit the answer-length limit. Unparseable: no answer could be extracted (counted as incorrect).')),
      h('section', { class: 'card wide', id: 'label-free-card' },
        h('h2', null, 'Production traffic: label-free signals'),
        h('div', { class: 'chart-box' }, labelFreeCanvas), labelFreeCaption),
      h('section', { class: 'card wide', id: 'windows-card' },
        h('div', { class: 'card-head' }, h('h2', null, 'Time windows'), windowChips),
        h('div', { class: 'chart-box' }, windowsCanvas), windowsCaption),
      h('section', { class: 'card wide' },
        h('div', { class: 'card-head' }, h('h2', null, 'Newest judged examples'), exampleChips),
        h('table', { class: 'examples' }, h('thead', null, h('tr', null,
          ['Image', 'Level', 'Question', 'Reasoning', 'Answer', 'Truth', 'Verdict'].map((t) => h('th', null, t)))), examplesBody),
        examplesEmpty),
    ),
  );

  let windowsLoading = false;
  let windowsDue = 0;
  async function loadWindows() {
    if (windowsLoading) return;
    windowsLoading = true;
    try {
      state.windows.set(model, await getJson(`v1/models/${encodeURIComponent(model)}/windows`));
    } catch (e) {
      // no windows yet (or the read model is restoring): the next curve event retries
    } finally {
      windowsLoading = false;
      windowsDue = Date.now() + 3000;
    }
    renderWindows();
  }

  function renderWindows() {
    const view = state.windows.get(model);
    if (!view) return;
    const sizes = view.sizes || [];
    if (!sizes.some((s) => s.size_ms === windowSize)) windowSize = view.regression_window_ms;
    windowChips.replaceChildren(...sizes.map((s) => h('button', {
      class: 'chip' + (s.size_ms === windowSize ? ' active' : ''), dataset: { size: s.size_ms },
      onclick: () => { windowSize = s.size_ms; renderWindows(); },
    }, duration(s.size_ms))));
    const size = sizes.find((s) => s.size_ms === windowSize) || { windows: [] };
    const windows = size.windows;
    const series = (key, label, color, dash) => ({
      label, borderColor: color, backgroundColor: color, borderDash: dash || [], pointRadius: 4, borderWidth: 2.2, spanGaps: false,
      data: windows.map((w) => w[key]), errorBars: windows.map((w) => (w[key + '_ci'] ? { y: w[key + '_ci'] } : null)),
    });
    upsertChart('windows', windowsCanvas, {
      type: 'line',
      data: {
        labels: windows.map((w) => clock(w.start_ms)),
        datasets: [series('rh_auc_raw', 'rh_auc_raw', COLORS.perception), series('rh_auc', 'RH-AUC', COLORS.a, [6, 4])],
      },
      options: {
        scales: { y: { min: 0, max: 1, title: { display: true, text: 'per window' } }, x: { title: { display: true, text: 'window start' } } },
        plugins: {
          legend: { labels: { usePointStyle: true, boxWidth: 8 } },
          tooltip: { callbacks: { afterLabel: (c) => `${count(windows[c.dataIndex].judged)} judged` } },
        },
      },
    });
    const summary = state.models.find((m) => m.model === model);
    const r = summary && summary.regression;
    windowsCaption.textContent = !windows.length ? 'No window counted yet.'
      : `${windows.length} tumbling ${duration(windowSize)} windows of judgment time; whiskers are 95% intervals. `
        + (windowSize === view.regression_window_ms
          ? (r ? `Regressed: ${(r.findings || []).map(findingText).join('; ')} against ${baselineText(r)}.`
            : 'Regressions are judged on these windows: no level is significantly worse than in the previous window or the one before it.')
          : '');
  }

  let examplesLoading = false;
  let examplesDue = 0;
  async function loadExamples() {
    if (examplesLoading) return;
    examplesLoading = true;
    try {
      state.examples.set(model, await getJson(`v1/models/${encodeURIComponent(model)}/examples?limit=${EXAMPLES_LIMIT}`));
    } catch (e) {
      state.examples.set(model, state.examples.get(model) || []);
    } finally {
      examplesLoading = false;
      examplesDue = Date.now() + 2000;
    }
    renderExamples();
  }

  function renderExamples() {
    const all = state.examples.get(model) || [];
    const budgets = [...new Set(all.map((e) => e.budget))].sort((a, b) => a - b);
    exampleChips.replaceChildren(
      h('button', { class: 'chip' + (budgetFilter == null ? ' active' : ''), onclick: () => { budgetFilter = null; renderExamples(); } }, 'all levels'),
      ...budgets.map((b) => h('button', { class: 'chip' + (budgetFilter === b ? ' active' : ''), onclick: () => { budgetFilter = b; renderExamples(); } }, 'L' + b)));
    const shown = all.filter((e) => budgetFilter == null || e.budget === budgetFilter);
    examplesEmpty.hidden = shown.length > 0;
    examplesEmpty.textContent = all.length ? `No recent examples at L${budgetFilter}.` : 'No examples yet.';
    examplesBody.replaceChildren(...shown.map(exampleRow));
  }

  function update(kind, changed) {
    if (kind === 'curve' && changed !== model) return;
    const curve = state.curves.get(model);
    const summary = state.models.find((m) => m.model === model) || curve;
    const others = state.models.map((m) => m.model).filter((m) => m !== model);
    if (compareSelect.options.length !== others.length + 1) {
      compareSelect.replaceChildren(h('option', { value: '' }, '—'), ...others.map((m) => h('option', { value: m }, m)));
    }
    renderStats(summary);
    if (kind === 'route' && !curve) {
      getJson(`v1/models/${encodeURIComponent(model)}/curve`)
        .then((c) => { state.curves.set(model, c); update('curve', model); })
        .catch(() => { curveCaption.textContent = `No curve for ${model} yet.`; });
    }
    if (kind === 'route' || (kind === 'curve' && Date.now() >= examplesDue)) loadExamples();
    if (kind === 'route' || (kind === 'curve' && Date.now() >= windowsDue)) loadWindows();
    if (kind === 'models') renderWindows();
    if (!curve || !(kind === 'route' || kind === 'curve')) return;
    upsertChart('curve', curveCanvas, curveChartConfig([curveDataset(curve, COLORS.perception, model, true)],
      (budget) => { budgetFilter = budget; renderExamples(); }, true));
    curveCaption.textContent = (curve.points || []).length > 1
      ? `Points labelled by thinking budget L; whiskers are 95% intervals. Shaded: the area under the curve inside the dashed min–max box; as a share of the box it is RH-AUC ${fmt(curve.rh_auc)}. Click a point to see its examples.`
      : 'The curve needs at least two budget levels at which both tasks were judged.';
    upsertChart('levels', levelsCanvas, levelsChartConfig(taskSeries(curve)));
    renderCorruptions(curve);
    upsertChart('censoring', censorCanvas, censoringConfig(curve));
    renderLabelFree(curve);
  }

  /** Grounding and budget stability per level (docs/LABEL_FREE.md), and what was scored without labels. */
  function renderLabelFree(curve) {
    const lf = curve.label_free || {};
    const series = [{
      label: 'grounding', color: COLORS.perception, dash: [],
      points: (lf.grounding || []).map((g) => ({ budget: g.budget, value: g.grounding, ci: g.grounding_ci })),
    }];
    for (const task of ['perception', 'reasoning']) {
      const points = (lf.stability || []).filter((st) => st.task === task)
        .map((st) => ({ budget: st.budget, value: st.stability, ci: st.stability_ci }));
      if (points.length) series.push({ label: `${task} stability`, color: COLORS[task], dash: [5, 3], points });
    }
    upsertChart('label-free', labelFreeCanvas, levelsChartConfig(series));
    const served = curve.served || {};
    labelFreeCaption.textContent = `Grounding: the share of perception answers that change when the image is blanked or swapped; `
      + `stability: the share of answers equal to the same sample's at the smallest level. `
      + `${count(lf.unlabelled || 0)} unlabelled answers, ${count(served.answers || 0)} served answers scored passively.`;
  }

  function renderStats(m) {
    if (!m) { stats.replaceChildren(h('div', { class: 'stat' }, h('div', { class: 'k' }, 'status'), h('div', { class: 'v' }, '…'))); return; }
    const hist = state.history.get(model);
    const censoring = (state.curves.get(model) || {}).censoring || [];
    const judged = censoring.reduce((s, r) => s + r.judged, 0);
    const censored = censoring.reduce((s, r) => s + r.censored, 0);
    stats.replaceChildren(
      h('div', { class: 'stat' + (m.regression ? ' alert' : ''), id: 'stat-rh-auc' },
        h('div', { class: 'k' }, 'RH-AUC'), h('div', { class: 'v num' }, fmt(m.rh_auc)),
        h('div', { class: 's num' }, fmtCi(m.rh_auc_ci) || (m.reason || '')),
        h('div', { class: 's', id: 'rh-auc-interval-note' }, intervalNote(m, m.rh_auc_degenerate_share))),
      h('div', { class: 'stat', id: 'stat-label-free' }, h('div', { class: 'k' }, 'label-free RH-AUC'),
        h('div', { class: 'v num' }, fmt((m.label_free || {}).label_free_rh_auc)),
        h('div', { class: 's' }, (m.label_free || {}).label_free_rh_auc == null ? ((m.label_free || {}).reason || '') : 'grounding over reasoning length')),
      h('div', { class: 'stat' }, h('div', { class: 'k' }, 'rh_auc_raw'), h('div', { class: 'v num' }, fmt(m.rh_auc_raw)),
        h('div', { class: 's num' }, fmtCi(m.rh_auc_raw_ci)), h('div', { class: 's' }, intervalNote(m, m.rh_auc_raw_degenerate_share))),
      h('div', { class: 'stat' }, h('div', { class: 'k' }, 'judged'), h('div', { class: 'v num' }, count(m.judged)),
        h('div', { class: 's' }, 'updated ' + ago(m.updated_at_ms))),
      h('div', { class: 'stat' + (m.regression ? ' alert' : ''), id: 'stat-regression' }, h('div', { class: 'k' }, 'regression'),
        h('div', { class: 'v' }, regressionBadge(m)), h('div', { class: 's' }, sparkline(hist, Boolean(m.regression)))),
      h('div', { class: 'stat' }, h('div', { class: 'k' }, 'censoring rate'), h('div', { class: 'v num' }, judged ? pct(censored / judged) : '—'),
        h('div', { class: 's' }, `${count(censored)} of ${count(judged)} answers`)),
    );
  }

  function renderCorruptions(curve) {
    const cells = curve.cells || [];
    const tasks = ['perception', 'reasoning'].filter((t) => cells.some((c) => c.task === t));
    if (!tasks.includes(corruptionTask) && tasks.length) corruptionTask = tasks[0];
    taskToggle.replaceChildren(...tasks.map((t) => h('button', {
      class: 'chip' + (t === corruptionTask ? ' active' : ''), onclick: () => { corruptionTask = t; renderCorruptions(curve); },
    }, t)));
    const corruptions = [...new Set(cells.map((c) => c.corruption))]
      .sort((a, b) => (a === 'clean' ? -1 : b === 'clean' ? 1 : a.localeCompare(b)));
    const series = corruptions.map((corruption) => ({
      label: corruption.replace('_', ' '),
      color: COLORS.corruptions[corruption] || COLORS.muted,
      dash: corruption === 'clean' ? [] : [5, 3],
      points: cells.filter((c) => c.task === corruptionTask && c.corruption === corruption)
        .map((c) => ({ budget: c.budget, value: c.accuracy, ci: c.accuracy_ci })),
    }));
    upsertChart('corruptions', corruptCanvas, levelsChartConfig(series));
    const gaps = (curve.corruptions || []).filter((g) => g.task === corruptionTask);
    if (!gaps.length) { gapTable.replaceChildren(h('div', { class: 'caption' }, 'Accuracy on clean probes and on each corruption of the same samples.')); return; }
    gapTable.replaceChildren(h('table', { class: 'small' },
      h('thead', null, h('tr', null, ['level', 'corruption', 'clean', 'corrupted', 'gap (95% CI)', 'answers unchanged'].map((t) => h('th', null, t)))),
      h('tbody', null, gaps.map((g) => h('tr', null,
        h('td', null, 'L' + g.budget), h('td', null, g.corruption),
        h('td', { class: 'num' }, pct(g.clean_accuracy)), h('td', { class: 'num' }, pct(g.corrupted_accuracy)),
        h('td', { class: 'num' }, `${signed(g.gap)} ${fmtCi(g.gap_ci, 2)}`),
        h('td', { class: 'num' }, isNum(g.invariance) ? `${pct(g.invariance)} of ${count(g.invariance_n)}` : '—'))))));
  }

  return { update };
}

function censoringConfig(curve) {
  const rows = curve.censoring;
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => 'L' + r.budget),
      datasets: [
        { label: 'censored', data: rows.map((r) => r.censored_rate), backgroundColor: alpha(COLORS.warn, 0.75), borderRadius: 4 },
        { label: 'unparseable', data: rows.map((r) => r.unparseable_rate), backgroundColor: alpha(COLORS.bad, 0.6), borderRadius: 4 },
      ],
    },
    options: {
      scales: {
        y: { min: 0, suggestedMax: 0.2, title: { display: true, text: 'share of answers' }, ticks: { callback: (v) => Math.round(v * 100) + '%' } },
        x: { title: { display: true, text: 'thinking budget (tokens)' } },
      },
      plugins: { legend: { labels: { usePointStyle: true, boxWidth: 8 } } },
    },
  };
}

function exampleRow(e) {
  const verdict = (e.verdict || '').toLowerCase();
  return h('tr', { dataset: { judgment: e.judgment_id || '' } },
    h('td', null, e.thumbnail ? h('img', { class: 'thumb', src: e.thumbnail, alt: 'what the model saw' }) : h('div', { class: 'nothumb' }, 'no image')),
    h('td', null, h('div', { class: 'num' }, 'L' + e.budget), h('span', { class: 'tag' }, e.task || '—'),
      e.corruption && e.corruption !== 'clean' ? h('span', { class: 'tag corrupted' }, e.corruption) : null),
    h('td', { class: 'question' }, e.question || '—',
      Array.isArray(e.choices) && e.choices.length
        ? h('div', { class: 'choices' }, e.choices.map((c, i) => `(${String.fromCharCode(65 + i)}) ${c}`).join('  ')) : null),
    // the judge keeps only the reasoning's end (rhwatch.judge.examples.reasoning-tail-chars); the whole is on rh.responses
    h('td', null, e.reasoning_tail
      ? h('details', { class: 'reasoning-tail' },
        h('summary', null, `${(e.reasoning_tokens || 0).toLocaleString('en-US')} tokens, the last ${e.reasoning_tail.length.toLocaleString('en-US')} chars`),
        h('p', null, e.reasoning_tail))
      : h('span', { class: 'muted' }, e.budget === 0 ? 'no thinking' : '—')),
    h('td', { class: 'answer' }, h('div', null, e.output || '—'), e.extracted_answer ? h('div', { class: 'muted' }, '→ ' + e.extracted_answer) : null),
    h('td', { class: 'num' }, e.ground_truth || '—'),
    h('td', null, h('span', { class: 'verdict ' + verdict }, verdict || '—'), e.method ? h('div', { class: 'muted' }, e.method) : null),
  );
}

// Two models on the same axes.
function compareView(root, picked) {
  const names = () => state.models.map((m) => m.model);
  const [initialA, initialB] = picked;
  const selA = h('select', { id: 'compare-a', 'aria-label': 'first model' });
  const selB = h('select', { id: 'compare-b', 'aria-label': 'second model' });
  const onPick = () => { location.hash = compareHref(selA.value, selB.value); };
  selA.addEventListener('change', onPick);
  selB.addEventListener('change', onPick);
  const curveCanvas = h('canvas', { id: 'compare-curve-chart' });
  const levelsCanvas = h('canvas', { id: 'compare-levels-chart' });
  const table = h('tbody');
  const deltas = h('tbody', { id: 'compare-deltas' });
  const sharedNote = h('div', { class: 'caption', id: 'compare-shared' }, 'loading the paired comparison…');
  root.append(
    h('div', { class: 'view-head' }, h('h1', null, 'Compare'), h('span', { class: 'spacer' }),
      h('span', { class: 'compare-pick' }, h('span', { class: 'legend-dot', style: `background:${COLORS.a}` }), selA,
        h('span', { class: 'muted' }, 'vs'), h('span', { class: 'legend-dot', style: `background:${COLORS.b}` }), selB)),
    h('div', { class: 'card', style: 'margin-bottom:18px' }, h('table', { class: 'small' },
      h('thead', null, h('tr', null, ['', 'model', 'RH-AUC (95% CI)', 'rh_auc_raw (95% CI)', 'judged', 'regression'].map((t) => h('th', null, t)))), table)),
    h('section', { class: 'card', style: 'margin-bottom:18px' }, h('h2', null, 'A − B on the samples both have seen'),
      h('table', { class: 'small' }, h('thead', null, h('tr', null,
        ['', 'A', 'B', 'A − B', '95% CI (paired)', 'p'].map((t) => h('th', null, t)))), deltas), sharedNote),
    h('div', { class: 'grid' },
      h('section', { class: 'card' }, h('h2', null, 'Perception vs reasoning, same axes'), h('div', { class: 'chart-box tall' }, curveCanvas),
        h('div', { class: 'caption' }, 'Raw accuracies (not normalised), points labelled by thinking budget, 95% whiskers.')),
      h('section', { class: 'card' }, h('h2', null, 'Accuracy per thinking budget'), h('div', { class: 'chart-box tall' }, levelsCanvas),
        h('div', { class: 'caption' }, 'Solid: perception; dashed: reasoning.'))),
  );

  const requested = new Set();
  function update() {
    const all = names();
    const a = initialA && all.includes(initialA) ? initialA : all[0];
    const b = initialB && all.includes(initialB) ? initialB : all.find((m) => m !== a);
    for (const [sel, value] of [[selA, a], [selB, b]]) {
      if (sel.options.length !== all.length) sel.replaceChildren(...all.map((m) => h('option', { value: m }, m)));
      if (value) sel.value = value;
    }
    const pair = [[a, COLORS.a, 'A'], [b, COLORS.b, 'B']].filter(([m]) => m);
    table.replaceChildren(...pair.map(([m, color, tag]) => {
      const s = state.models.find((x) => x.model === m) || {};
      return h('tr', { dataset: { model: m } }, h('td', null, h('span', { class: 'legend-dot', style: `background:${color}` }), tag),
        h('td', null, h('a', { href: modelHref(m) }, m)),
        h('td', { class: 'num' }, `${fmt(s.rh_auc)} ${fmtCi(s.rh_auc_ci)}`), h('td', { class: 'num' }, `${fmt(s.rh_auc_raw)} ${fmtCi(s.rh_auc_raw_ci)}`),
        h('td', { class: 'num' }, count(s.judged)), h('td', null, regressionBadge(s)));
    }));
    for (const [m] of pair) {
      if (!state.curves.has(m) && !requested.has(m)) {
        requested.add(m);
        getJson(`v1/models/${encodeURIComponent(m)}/curve`).then((c) => { state.curves.set(m, c); update(); }).catch(() => {});
      }
    }
    const curves = pair.filter(([m]) => state.curves.has(m)).map(([m, color]) => [state.curves.get(m), color, m]);
    if (a && b && a !== b) loadComparison(a, b);
    upsertChart('compare-curve', curveCanvas, curveChartConfig(curves.map(([c, color, m]) => curveDataset(c, color, m, false)),
      null, false));
    upsertChart('compare-levels', levelsCanvas, levelsChartConfig(curves.flatMap(([c, color, m]) =>
      taskSeries(c, m + ' · ', { perception: color, reasoning: color }))));
  }

  // GET /v1/compare again whenever either model's count moved.
  let compared = null;
  function loadComparison(a, b) {
    const key = [a, b, ...[a, b].map((m) => (state.models.find((x) => x.model === m) || {}).judged)].join('|');
    if (key === compared) return;
    compared = key;
    getJson(`v1/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`).then(renderComparison)
      .catch(() => { compared = null; });
  }

  function renderComparison(v) {
    const row = (label, d) => h('tr', { dataset: { delta: label } }, h('td', null, label),
      h('td', { class: 'num' }, fmt(d.a)), h('td', { class: 'num' }, fmt(d.b)), h('td', { class: 'num' }, signed(d.difference)),
      h('td', { class: 'num' }, fmtCi(d.ci)), h('td', { class: 'num' }, fmtP(d.p_value)));
    deltas.replaceChildren(row('ΔRH-AUC', v.rh_auc), row('Δrh_auc_raw', v.rh_auc_raw),
      ...v.levels.map((l) => row(`Δ ${l.task} accuracy @ ${l.budget}`,
        { a: l.accuracy_a, b: l.accuracy_b, difference: l.difference, ci: l.ci, p_value: l.p_value })));
    sharedNote.textContent = `${count(v.shared_samples)} shared samples (${count(v.shared_reasoning)} reasoning, `
      + `${count(v.shared_perception)} perception). Values on the shared samples; intervals resample them (A's and B's `
      + `outcomes together); p: sign-flip permutation test, per level mid-p McNemar; `
      + `ΔRH-AUC undefined in ${pct(v.rh_auc.degenerate_share)} of resamples.`;
  }
  return { update };
}

// ---------- start ----------

async function start() {
  window.addEventListener('hashchange', route);
  route();
  connection.open();
  // The stream's first events carry the same data; this makes the first paint independent of it.
  try {
    const [models, history] = await Promise.all([getJson('v1/models'), getJson('v1/history').catch(() => [])]);
    if (!state.models.length) state.models = models;
    if (!state.history.size) state.history = new Map(history.map((m) => [m.model, m]));
    refresh('models');
  } catch (e) {
    // 503 while the aggregator's store is restoring: the stream delivers the models when it is ready.
  }
  // Keeps "updated … ago" honest and notices a silent connection.
  setInterval(() => { connection.watchdog(); refresh('tick'); }, 5000);
}

start();
