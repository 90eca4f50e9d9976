// Retrieval evaluation runs: start one over the bundled questions, list them with their figures,
// and compare two side by side (per-metric change, and the questions whose first hit moved).
import { api } from '/assets/session.js';
import { el, fill, byId, announce, showError, busy, when, badge, newest } from '/admin/dom.js';

const METRICS = [
  ['hitAt1', 'Hit@1'], ['hitAtK', 'Hit@k'], ['mrr', 'MRR'], ['precisionAtK', 'Precision@k'], ['faithfulness', 'Faithfulness'],
];
const RUNNING = new Set(['queued', 'running']);
const RUN_TONES = { succeeded: 'ok', failed: 'off' };
// Runs finish in seconds to minutes; while one is running the list is read again this often.
const POLL_MS = 3000;

const figure = (value) => (value === null || value === undefined ? '—' : value.toFixed(3));

function change(delta) {
  if (delta === null || delta === undefined) return '—';
  if (Math.abs(delta) < 0.0005) return '±0.000 (same)';
  return (delta > 0 ? '+' : '−') + Math.abs(delta).toFixed(3) + (delta > 0 ? ' (better)' : ' (worse)');
}

const rank = (value) => (value === null || value === undefined ? 'not in the top k' : `rank ${value}`);

export function evaluationsSection() {
  let poll = null;
  // Until the operator picks runs, the newest finished run is the candidate and the one before the base.
  let picked = false;
  const listing = newest();

  async function load() {
    clearTimeout(poll);
    showError('evaluations-error', null);
    try {
      const current = listing.take();
      const page = await api('GET', '/api/v1/admin/evaluations?limit=20');
      if (!current()) return;
      const finished = page.items.filter((run) => run.status === 'succeeded').map((run) => run.id);
      const chosen = picked ? { base: selected('base'), candidate: selected('candidate') }
        : { base: finished[1], candidate: finished[0] };
      fill(byId('runs-body'), page.items.length === 0
        ? el('tr', {}, el('td', { colspan: 12 }, 'No runs yet.'))
        : page.items.map((run) => runRow(run, chosen)));
      byId('compare-submit').disabled = finished.length < 2;
      if (page.items.some((run) => RUNNING.has(run.status)) && !byId('section-evaluations').hidden) {
        poll = setTimeout(load, POLL_MS);
      }
    } catch (e) {
      showError('evaluations-error', e);
    }
  }

  function selected(name) {
    const radio = document.querySelector(`#runs-body input[name="${name}"]:checked`);
    return radio ? radio.value : null;
  }

  function runRow(run, chosen) {
    const label = `${run.dataset}, ${run.mode}, ${when(run.createdAt)}`;
    const pick = (name) => el('td', {}, el('input', {
      type: 'radio', name, value: run.id, checked: chosen[name] === run.id, disabled: run.status !== 'succeeded',
      'aria-label': `${name === 'base' ? 'Base' : 'Candidate'}: ${label}`,
    }));
    return el('tr', { 'data-run-id': run.id },
      pick('base'), pick('candidate'),
      el('td', {}, when(run.createdAt)),
      el('td', {}, run.dataset),
      el('td', {}, `${run.mode}, top ${run.topK}`),
      el('td', {}, badge(run.status, RUN_TONES[run.status] || 'warn'),
        run.errorMessage ? el('span', { className: 'hint' }, ' ' + run.errorMessage) : null),
      el('td', {}, `${run.completedCount} of ${run.questionCount}`),
      ...METRICS.map(([key]) => el('td', {}, figure(run[key]))));
  }

  async function compare() {
    const base = selected('base');
    const candidate = selected('candidate');
    showError('evaluations-error', null);
    if (!base || !candidate || base === candidate) {
      showError('evaluations-error', { message: 'Choose two different finished runs: a base and a candidate.' });
      return;
    }
    try {
      const comparison = await api('GET', `/api/v1/admin/evaluations/compare?base=${base}&candidate=${candidate}`);
      const describe = (run) => `${run.dataset}, ${run.mode} (${when(run.createdAt)})`;
      byId('comparison-base-head').textContent = 'Base: ' + describe(comparison.base);
      byId('comparison-candidate-head').textContent = 'Candidate: ' + describe(comparison.candidate);
      fill(byId('comparison-body'), METRICS.map(([key, name]) => el('tr', { 'data-metric': key },
        el('th', { scope: 'row' }, name),
        el('td', {}, figure(comparison.base[key])),
        el('td', {}, figure(comparison.candidate[key])),
        el('td', { 'data-direction': Math.sign(comparison.deltas[key] || 0) }, change(comparison.deltas[key])))));
      fill(byId('comparison-changes'), comparison.changedQuestions.length === 0
        ? el('li', {}, 'No question moved.')
        : comparison.changedQuestions.map((moved) => el('li', {},
          el('q', {}, moved.question), `: ${rank(moved.rankBefore)} → ${rank(moved.rankAfter)}`)));
      byId('comparison').hidden = false;
      byId('comparison').focus();
    } catch (e) {
      showError('evaluations-error', e);
    }
  }

  byId('evaluation-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const topK = Number(byId('evaluation-topk').value) || 5;
    busy(byId('evaluation-start'), async () => {
      try {
        await api('POST', '/api/v1/admin/evaluations', { mode: byId('evaluation-mode').value, topK });
        announce('Evaluation run started.');
        await load();
      } catch (e) {
        showError('evaluations-error', e);
      }
    });
  });
  byId('runs-body').addEventListener('change', () => { picked = true; });
  byId('compare-form').addEventListener('submit', (event) => {
    event.preventDefault();
    busy(byId('compare-submit'), compare);
  });
  byId('evaluations-refresh').addEventListener('click', (event) => busy(event.currentTarget, load));

  return { show: load };
}
