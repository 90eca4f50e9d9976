// Gateway spend per day and per API key, user or model: a stacked bar chart of the daily report
// and a table of the period's totals, read from the cost ledger (GET /api/v1/llm/usage...).
import { api } from '/assets/session.js';
import { el, fill, byId, showError, busy, usd, count, utcDay, day, newest } from '/admin/dom.js';
import { allKeys } from '/admin/keys.js';
import { stackedBars, daysBetween, swatch, PALETTE } from '/admin/chart.js';

const DEFAULT_DAYS = 14;
// The dearest groups get their own colour; the rest are drawn together as "other".
const MAX_SERIES = PALETTE.length - 1;
const GROUP_HEADS = { key: 'API key', user: 'User', model: 'Model' };
const GROUP_NOUNS = { key: 'API key', user: 'user', model: 'model' };

/** Readable names of groups: keys by name, users by the keys they own, models as they are. */
function labeller(by, keys) {
  if (by === 'key') {
    return (group) => {
      const key = group && keys.get(group);
      return key ? `${key.name} (${key.prefix})` : 'deleted key';
    };
  }
  if (by === 'user') {
    return (group) => {
      if (!group) return 'keys without an owner';
      const owned = [...keys.values()].filter((key) => key.ownerUserId === group).map((key) => key.name);
      return `user ${group.slice(0, 8)}` + (owned.length ? ` (owner of ${owned.join(', ')})` : '');
    };
  }
  return (group) => group || 'unknown model';
}

export function spendSection() {
  const reports = newest();

  async function load() {
    const from = byId('spend-from').value;
    const to = byId('spend-to').value;
    const by = byId('spend-by').value;
    showError('spend-error', null);
    if (!from || !to || from > to) {
      showError('spend-error', { message: 'Choose a first day on or before the last day.' });
      return;
    }
    const period = `by=${by}&from=${from}&to=${to}`;
    const current = reports.take();
    try {
      const [daily, totals, keys, status] = await Promise.all([
        api('GET', `/api/v1/llm/usage/daily?${period}`),
        api('GET', `/api/v1/llm/usage?${period}`),
        allKeys(),
        api('GET', '/api/v1/llm/status'),
      ]);
      if (!current()) return;
      const name = labeller(by, keys);
      showBudget(status.budget);
      drawChart(daily, totals.rows, name);
      byId('spend-group-head').textContent = GROUP_HEADS[by];
      byId('spend-table-caption').textContent = `Totals per ${GROUP_NOUNS[by]}, ${day(from)} to ${day(to)}`;
      fill(byId('spend-body'), totals.rows.length === 0
        ? el('tr', {}, el('td', { colspan: 6 }, 'No gateway calls in this period.'))
        : totals.rows.map((row) => el('tr', { 'data-group': row.group || '' },
          el('th', { scope: 'row' }, name(row.group)),
          el('td', {}, count(row.calls)),
          el('td', {}, count(row.failures)),
          el('td', {}, count(row.promptTokens)),
          el('td', {}, count(row.completionTokens)),
          el('td', {}, usd(row.costUsd)))));
    } catch (e) {
      showError('spend-error', e);
    }
  }

  function showBudget(budget) {
    const limit = budget.dailyLimitUsd > 0 ? ` of the service's daily budget of ${usd(budget.dailyLimitUsd)}` : '';
    const state = budget.capped ? ' — capped: calls use free models only' : budget.warning ? ' — nearing the cap' : '';
    byId('budget-today').textContent = `Today (${budget.day}, UTC) all model calls have cost ${usd(budget.spentUsd)}`
      + limit + state + '.';
  }

  function drawChart(daily, totalRows, name) {
    const days = daysBetween(daily.from, daily.to);
    // Series in the order of the totals table: dearest first.
    const order = totalRows.map((row) => row.group);
    const own = order.slice(0, order.length > MAX_SERIES + 1 ? MAX_SERIES : MAX_SERIES + 1);
    const series = own.map((group, i) => ({ key: group, label: name(group), color: PALETTE[i], values: days.map(() => 0) }));
    const other = { key: '__other', label: 'all others', color: PALETTE[PALETTE.length - 1], values: days.map(() => 0) };
    for (const row of daily.rows) {
      const index = days.indexOf(row.day);
      const target = series.find((s) => s.key === row.group) || other;
      if (index >= 0) target.values[index] += row.costUsd;
    }
    if (other.values.some((v) => v > 0)) series.push(other);
    const total = series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0);
    const label = `Spend per day from ${day(daily.from)} to ${day(daily.to)}: ${usd(total)} in all.`
      + ' The table below lists the figures.';
    fill(byId('spend-chart'), stackedBars({ days, series, format: usd, label }));
    fill(byId('spend-legend'), series.map((s) => el('li', {}, swatch(s.color), s.label)));
    if (daily.truncated) showError('spend-error', { message: 'The period has too many rows to chart in full; choose fewer days.' });
  }

  byId('spend-form').addEventListener('submit', (event) => {
    event.preventDefault();
    busy(byId('spend-refresh'), load);
  });

  return {
    show() {
      if (!byId('spend-from').value) byId('spend-from').value = utcDay(-(DEFAULT_DAYS - 1));
      if (!byId('spend-to').value) byId('spend-to').value = utcDay(0);
      return load();
    },
  };
}
