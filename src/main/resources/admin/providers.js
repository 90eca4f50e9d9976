// Providers and their circuit breakers (GET /api/v1/llm/status) with the operator switches:
// take a provider out of the routing or put it back, hold its breaker open or reset it.
import { api } from '/assets/session.js';
import { el, fill, byId, announce, showError, busy, percent, badge, newest } from '/admin/dom.js';

const CIRCUIT_TONES = { closed: 'ok', half_open: 'warn', open: 'off', forced_open: 'off' };
const CIRCUIT_NAMES = { closed: 'closed', half_open: 'half open', open: 'open', forced_open: 'held open' };

export function providersSection() {
  const reads = newest();

  async function load() {
    showError('providers-error', null);
    const current = reads.take();
    try {
      const status = await api('GET', '/api/v1/llm/status');
      if (!current()) return;
      fill(byId('providers-body'), status.providers.map(row));
      fill(byId('aliases'), Object.entries(status.aliases).flatMap(([alias, tiers]) => [
        el('dt', {}, alias),
        el('dd', {}, tiers.map((tier) => tier.join(' or ')).join(', then ')),
      ]));
    } catch (e) {
      showError('providers-error', e);
    }
  }

  function row(provider) {
    const circuit = provider.circuit;
    const cells = [
      el('th', { scope: 'row' }, provider.name),
      el('td', {}, provider.type),
      el('td', { 'data-field': 'routing' }, provider.enabled ? badge('enabled', 'ok') : badge('disabled', 'off')),
      el('td', { 'data-field': 'circuit' }, badge(CIRCUIT_NAMES[circuit] || circuit, CIRCUIT_TONES[circuit] || 'warn')),
      el('td', {}, provider.failureRate < 0 ? '—' : percent(provider.failureRate / 100)),
      el('td', {}, String(provider.inFlight)),
      el('td', {}, provider.models.join(', ')),
    ];
    if (!provider.switchable) {
      cells.push(el('td', {}, el('span', { className: 'hint' }, 'Local responder: always on')));
    } else {
      const held = circuit === 'forced_open';
      cells.push(el('td', { className: 'row-actions' },
        switchButton(provider, provider.enabled ? 'disable' : 'enable',
          provider.enabled ? 'Disable' : 'Enable', provider.enabled ? 'button-danger' : 'button-primary'),
        switchButton(provider, held ? 'circuit/reset' : 'circuit/open',
          held ? 'Reset breaker' : 'Force breaker open', 'button-quiet'),
        !held && circuit !== 'closed' && switchButton(provider, 'circuit/reset', 'Reset breaker', 'button-quiet')));
    }
    return el('tr', { 'data-provider': provider.name }, cells);
  }

  function switchButton(provider, action, label, style) {
    return el('button', {
      type: 'button', className: style, 'aria-label': `${label}: ${provider.name}`,
      onclick: (event) => flip(provider.name, action, event.currentTarget),
    }, label);
  }

  async function flip(name, action, button) {
    await busy(button, async () => {
      try {
        const state = await api('POST', `/api/v1/llm/providers/${encodeURIComponent(name)}/${action}`);
        announce(`${name} is now ${state.enabled ? 'enabled' : 'disabled'}, its breaker `
          + `${CIRCUIT_NAMES[state.circuit] || state.circuit}.`);
        await load();
        const again = document.querySelector(`tr[data-provider="${CSS.escape(name)}"] .row-actions button`);
        if (again) again.focus();
      } catch (e) {
        showError('providers-error', e);
      }
    });
  }

  byId('providers-refresh').addEventListener('click', (event) => busy(event.currentTarget, load));

  return { show: load };
}
