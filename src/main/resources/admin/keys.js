// API keys of the OpenAI-compatible gateway: create (the secret is shown once), revoke, and the
// limits of each key (budgets per day and month, what happens past them, rates, allowed models).
import { api, ApiError } from '/assets/session.js';
import { el, fill, byId, announce, showError, busy, when, usd, count, badge, newest } from '/admin/dom.js';

const PAGE_SIZE = 50;

/** Every key (paged through), for labels elsewhere in the console: id -> key. */
export async function allKeys() {
  const keys = new Map();
  for (let offset = 0; ; offset += 100) {
    const page = await api('GET', `/api/v1/auth/api-keys?limit=100&offset=${offset}`);
    page.items.forEach((key) => keys.set(key.id, key));
    if (page.items.length < 100 || keys.size >= page.total) return keys;
  }
}

/** The limits of a key or user (`subject` keys or users), or null when none are set. */
async function limitsOf(subject, id) {
  try {
    return await api('GET', `/api/v1/llm/${subject}/${id}/limits`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function keyState(key) {
  if (key.revokedAt) return badge('revoked', 'off');
  if (key.expiresAt && new Date(key.expiresAt) <= new Date()) return badge('expired', 'off');
  return badge('active', 'ok');
}

function limitsSummary(limits) {
  if (!limits) return 'none';
  const parts = [];
  if (limits.dailyBudgetUsd !== null) parts.push(usd(limits.dailyBudgetUsd) + '/day');
  if (limits.monthlyBudgetUsd !== null) parts.push(usd(limits.monthlyBudgetUsd) + '/month');
  if (parts.length) parts.push(limits.overBudget === 'downgrade' ? 'then downgrade' : 'then stop');
  if (limits.requestsPerMinute !== null) parts.push(count(limits.requestsPerMinute) + ' req/min');
  if (limits.tokensPerMinute !== null) parts.push(count(limits.tokensPerMinute) + ' tokens/min');
  if (limits.allowedModels.length) parts.push('models: ' + limits.allowedModels.join(', '));
  return parts.length ? parts.join(' · ') : 'none';
}

export function keysSection() {
  let shown = 0;
  let editing = null;
  const listing = newest();

  async function load(append = false) {
    showError('keys-error', null);
    try {
      const offset = append ? shown : 0;
      const current = listing.take();
      const page = await api('GET', `/api/v1/auth/api-keys?limit=${PAGE_SIZE}&offset=${offset}`);
      const limits = await Promise.all(page.items.map((key) => limitsOf('keys', key.id)));
      if (!current()) return;
      const rows = page.items.map((key, i) => row(key, limits[i]));
      if (append) byId('keys-body').append(...rows);
      else fill(byId('keys-body'), rows);
      shown = offset + page.items.length;
      byId('keys-summary').textContent = page.total === 0 ? 'No keys yet.' : `${shown} of ${page.total} keys shown.`;
      byId('keys-more').hidden = shown >= page.total;
    } catch (e) {
      showError('keys-error', e);
    }
  }

  function row(key, limits) {
    const live = !key.revokedAt;
    return el('tr', { 'data-key-id': key.id },
      el('th', { scope: 'row' }, key.name),
      el('td', {}, el('code', {}, key.prefix)),
      el('td', {}, key.ownerUserId ? el('code', { title: key.ownerUserId }, key.ownerUserId.slice(0, 8)) : '—'),
      el('td', {}, when(key.createdAt)),
      el('td', {}, when(key.lastUsedAt)),
      el('td', {}, when(key.expiresAt)),
      el('td', {}, keyState(key)),
      el('td', { className: 'limits-cell' }, limitsSummary(limits)),
      el('td', { className: 'row-actions' },
        el('button', { type: 'button', className: 'button-quiet', 'aria-label': `Limits of ${key.name}`,
          onclick: () => openLimits({ subject: 'keys', id: key.id, name: key.name, keyId: key.id }, limits) }, 'Limits'),
        key.ownerUserId && el('button', { type: 'button', className: 'button-quiet',
          'aria-label': `Limits of the owner of ${key.name}`, onclick: (event) => busy(event.currentTarget, async () => {
            const target = { subject: 'users', id: key.ownerUserId, name: `the owner of ${key.name}`, keyId: key.id };
            try {
              openLimits(target, await limitsOf('users', key.ownerUserId));
            } catch (e) {
              showError('keys-error', e);
            }
          }) }, 'Owner\'s limits'),
        live && el('button', { type: 'button', className: 'button-danger', 'aria-label': `Revoke ${key.name}`,
          onclick: (event) => revoke(key, event.currentTarget) }, 'Revoke')));
  }

  async function revoke(key, button) {
    if (!window.confirm(`Revoke the key “${key.name}”? Clients using it stop working at once.`)) return;
    await busy(button, async () => {
      try {
        await api('DELETE', `/api/v1/auth/api-keys/${key.id}`);
        announce(`Key ${key.name} revoked.`);
        await load();
      } catch (e) {
        showError('keys-error', e);
      }
    });
  }

  byId('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = byId('key-name').value.trim();
    const owner = byId('key-owner').value.trim();
    const expires = byId('key-expires').value;
    showError('key-form-error', null);
    byId('key-name-error').textContent = name ? '' : 'Give the key a name.';
    byId('key-name').setAttribute('aria-invalid', String(!name));
    if (!name) {
      byId('key-name').focus();
      return;
    }
    const body = { name };
    if (owner) body.ownerUserId = owner;
    // Usable through the whole chosen day, in UTC like every budget period.
    if (expires) body.expiresAt = expires + 'T23:59:59Z';
    busy(byId('key-create'), async () => {
      try {
        const created = await api('POST', '/api/v1/auth/api-keys', body);
        byId('key-form').reset();
        byId('new-key-name').textContent = created.apiKey.name;
        byId('new-key-secret').value = created.key;
        byId('new-key').hidden = false;
        byId('new-key').focus();
        announce(`Key ${created.apiKey.name} created. Copy its secret now; it is shown only once.`);
        await load();
      } catch (e) {
        showError('key-form-error', e);
      }
    });
  });

  byId('new-key-copy').addEventListener('click', async () => {
    const secret = byId('new-key-secret');
    try {
      await navigator.clipboard.writeText(secret.value);
      announce('Secret copied.');
    } catch (ignored) {
      // No clipboard permission (plain HTTP, or denied): select it for Ctrl+C instead.
      secret.select();
      announce('Secret selected; press Ctrl+C to copy it.');
    }
  });
  byId('new-key-dismiss').addEventListener('click', () => {
    byId('new-key-secret').value = '';
    byId('new-key').hidden = true;
    byId('key-name').focus();
  });

  // ------------------------------------------------------------------ limits dialog
  const dialog = byId('limits-dialog');
  const numberField = (id, value) => { byId(id).value = value === null || value === undefined ? '' : value; };

  /** target: { subject: 'keys' | 'users', id, name, keyId (the row to return to) }. */
  function openLimits(target, limits) {
    editing = target;
    describeModels();
    showError('limits-error', null);
    byId('limits-subject').textContent = target.name;
    const noun = target.subject === 'keys' ? 'key' : 'user, whose keys share them';
    byId('limits-state').textContent = limits ? 'Current: ' + limitsSummary(limits) : `No limits are set for this ${noun}.`;
    numberField('limit-daily', limits && limits.dailyBudgetUsd);
    numberField('limit-monthly', limits && limits.monthlyBudgetUsd);
    numberField('limit-rpm', limits && limits.requestsPerMinute);
    numberField('limit-tpm', limits && limits.tokensPerMinute);
    byId('limit-models').value = limits ? limits.allowedModels.join(', ') : '';
    const over = limits ? limits.overBudget : 'stop';
    for (const radio of dialog.querySelectorAll('input[name="overBudget"]')) radio.checked = radio.value === over;
    byId('limits-lift').hidden = !limits;
    dialog.showModal();
    byId('limit-daily').focus();
  }

  let aliases = null;
  /** Names the aliases clients may ask for, in the allowed-models hint (read once). */
  async function describeModels() {
    try {
      aliases = aliases || Object.keys((await api('GET', '/api/v1/llm/status')).aliases);
      byId('limit-models-hint').textContent = 'Comma-separated aliases (' + aliases.join(', ')
        + ') or deployments; empty allows every model.';
    } catch (ignored) {
      // The hint keeps its general wording.
    }
  }

  const numberOrNull = (id) => (byId(id).value.trim() === '' ? null : Number(byId(id).value));

  dialog.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {
      dailyBudgetUsd: numberOrNull('limit-daily'),
      monthlyBudgetUsd: numberOrNull('limit-monthly'),
      overBudget: dialog.querySelector('input[name="overBudget"]:checked').value,
      requestsPerMinute: numberOrNull('limit-rpm'),
      tokensPerMinute: numberOrNull('limit-tpm'),
      allowedModels: byId('limit-models').value.split(',').map((m) => m.trim()).filter(Boolean),
    };
    busy(byId('limits-save'), async () => {
      try {
        await api('PUT', `/api/v1/llm/${editing.subject}/${editing.id}/limits`, body);
        dialog.close();
        announce(`Limits of ${editing.name} saved.`);
        await load();
      } catch (e) {
        showError('limits-error', e);
      }
    });
  });
  byId('limits-lift').addEventListener('click', (event) => busy(event.currentTarget, async () => {
    try {
      await api('DELETE', `/api/v1/llm/${editing.subject}/${editing.id}/limits`);
      dialog.close();
      announce(`Limits of ${editing.name} removed.`);
      await load();
    } catch (e) {
      showError('limits-error', e);
    }
  }));
  byId('limits-cancel').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    const row = editing && document.querySelector(`tr[data-key-id="${editing.keyId}"] button`);
    if (row) row.focus();
  });

  byId('keys-refresh').addEventListener('click', () => load());
  byId('keys-more').addEventListener('click', () => load(true));

  return { show: () => load() };
}
