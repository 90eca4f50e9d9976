// A stacked bar chart in SVG: one bar per day, one coloured segment per series. Drawn here in a
// few lines rather than with a charting library: it is the console's only chart. The figures are
// also in a table next to it, which is what screen readers are pointed to.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { top: 16, right: 12, bottom: 48, left: 72 };

// Distinguishable for common colour-vision deficiencies (Okabe-Ito), then a neutral grey for "other".
export const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#6b6b6b'];

function node(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A round step for about `ticks` grid lines up to `max` (1, 2 or 5 times a power of ten). */
function niceStep(max, ticks) {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 5, 10].find((f) => f * power >= raw);
  return factor * power;
}

/**
 * days: ['2026-05-01', ...]; series: [{ label, color, values: [number per day] }];
 * format(value) labels the axis; label is the chart's accessible name.
 */
export function stackedBars({ days, series, format, label }) {
  const totals = days.map((_, i) => series.reduce((sum, s) => sum + s.values[i], 0));
  const max = Math.max(...totals, 0);
  const svg = node('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label, class: 'bar-chart',
    preserveAspectRatio: 'xMidYMid meet',
  });
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const step = max > 0 ? niceStep(max, 4) : 1;
  const top = max > 0 ? Math.ceil(max / step) * step : 1;
  const y = (value) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  for (let tick = 0; tick <= top + step / 2; tick += step) {
    svg.append(node('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick), class: 'grid' }));
    svg.append(node('text', { x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis' },
      format(tick)));
  }

  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  // Label at most about a dozen days so the labels never overlap.
  const labelEvery = Math.max(1, Math.ceil(days.length / 12));
  days.forEach((day, i) => {
    const x = MARGIN.left + slot * i + (slot - barWidth) / 2;
    let base = 0;
    series.forEach((s) => {
      const value = s.values[i];
      if (value <= 0) return;
      const rect = node('rect', {
        x, width: barWidth, y: y(base + value), height: Math.max(0.5, y(base) - y(base + value)), fill: s.color,
      });
      rect.append(node('title', {}, `${day} · ${s.label}: ${format(value)}`));
      svg.append(rect);
      base += value;
    });
    if (i % labelEvery === 0) {
      svg.append(node('text', { x: x + barWidth / 2, y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'middle',
        class: 'axis' }, day.slice(5)));
    }
  });
  svg.append(node('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0), class: 'baseline' }));
  if (max === 0) {
    svg.append(node('text', { x: MARGIN.left + plotWidth / 2, y: MARGIN.top + plotHeight / 2,
      'text-anchor': 'middle', class: 'empty' }, 'No spend in this period'));
  }
  return svg;
}

/** A small square of a series' colour, for a legend; decorative (the label says which series). */
export function swatch(color) {
  const svg = node('svg', { viewBox: '0 0 12 12', width: 12, height: 12, 'aria-hidden': 'true', class: 'swatch' });
  svg.append(node('rect', { width: 12, height: 12, rx: 2, fill: color }));
  return svg;
}

/** Every UTC day from `from` to `to` (yyyy-mm-dd), both included. */
export function daysBetween(from, to) {
  const days = [];
  for (let d = new Date(from + 'T00:00:00Z'); d <= new Date(to + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}
