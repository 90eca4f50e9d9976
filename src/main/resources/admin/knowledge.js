// The knowledge base: documents with their state, upload, delete. An upload becomes an ingestion
// job (202 with the job); its progress arrives as Server-Sent Events, read with fetch and the
// bearer token (EventSource cannot send one) until the job is done or failed.
import { api, apiStream } from '/assets/session.js';
import { el, fill, byId, announce, showError, busy, when, bytes, count, badge, newest } from '/admin/dom.js';

const PAGE_SIZE = 20;
const TERMINAL = new Set(['done', 'failed']);
const PHASES = { queued: 'Waiting to start', parsing: 'Reading the file', embedding: 'Embedding', done: 'Done', failed: 'Failed' };
const DOCUMENT_TONES = { ready: 'ok', failed: 'off' };
const OUTCOMES = { created: 'a new document', updated: 'the document replaced', unchanged: 'already in the knowledge base' };

function isJob(body) {
  return body && typeof body.fileName === 'string' && typeof body.chunksEmbedded === 'number';
}

function vehicle(document) {
  if (!document.make && !document.model) return 'all vehicles';
  const years = document.yearFrom || document.yearTo
    ? ` ${document.yearFrom || '…'}–${document.yearTo || '…'}` : '';
  return [document.make, document.model].filter(Boolean).join(' ') + years;
}

export function knowledgeSection() {
  let offset = 0;
  // Jobs this page follows: id -> list item.
  const listing = newest();
  const followed = new Map();

  async function loadDocuments() {
    showError('documents-error', null);
    try {
      const query = new URLSearchParams({ limit: PAGE_SIZE, offset });
      if (byId('documents-type').value) query.set('type', byId('documents-type').value);
      if (byId('documents-model').value.trim()) query.set('model', byId('documents-model').value.trim());
      const current = listing.take();
      const list = await api('GET', `/api/v1/documents?${query}`);
      if (!current()) return;
      const stats = list.stats;
      byId('knowledge-stats').textContent = `${count(stats.documents)} documents, ${count(stats.chunks)} passages, `
        + `embedded with ${stats.embeddingModel}`
        + (stats.chunksNeedingEmbedding ? `; ${count(stats.chunksNeedingEmbedding)} passages wait for embedding.` : '.');
      fill(byId('documents-body'), list.items.length === 0
        ? el('tr', {}, el('td', { colspan: 8 }, stats.documents ? 'No document matches.' : 'The knowledge base is empty.'))
        : list.items.map(documentRow));
      byId('documents-summary').textContent = list.total === 0 ? ''
        : `Documents ${list.offset + 1}–${list.offset + list.items.length} of ${list.total}.`;
      byId('documents-previous').disabled = offset === 0;
      byId('documents-next').disabled = offset + list.items.length >= list.total;
    } catch (e) {
      showError('documents-error', e);
    }
  }

  function documentRow(document) {
    return el('tr', { 'data-document-id': document.id },
      el('th', { scope: 'row' }, document.title),
      el('td', {}, document.docType.replace('_', ' ')),
      el('td', {}, vehicle(document)),
      el('td', {}, badge(document.status, DOCUMENT_TONES[document.status] || 'warn'),
        document.errorMessage ? el('span', { className: 'hint' }, ' ' + document.errorMessage) : null),
      el('td', {}, count(document.chunkCount)),
      el('td', {}, bytes(document.sizeBytes)),
      el('td', {}, when(document.updatedAt)),
      el('td', { className: 'row-actions' }, el('button', {
        type: 'button', className: 'button-danger', 'aria-label': `Delete ${document.title}`,
        onclick: (event) => remove(document, event.currentTarget),
      }, 'Delete')));
  }

  async function remove(document, button) {
    if (!window.confirm(`Delete “${document.title}” and its passages from the knowledge base?`)) return;
    await busy(button, async () => {
      try {
        await api('DELETE', `/api/v1/documents/${document.id}`);
        announce(`${document.title} deleted.`);
        await loadDocuments();
      } catch (e) {
        showError('documents-error', e);
      }
    });
  }

  // ------------------------------------------------------------------ ingestion jobs
  function jobItem(job) {
    let item = followed.get(job.id);
    if (!item) {
      item = el('li', { className: 'job', 'data-job-id': job.id },
        el('span', { className: 'job-name' }, job.fileName),
        el('progress', { max: 1, 'aria-label': `Progress of ${job.fileName}` }),
        el('span', { className: 'job-state' }));
      followed.set(job.id, item);
      byId('jobs-list').prepend(item);
      byId('jobs-empty').hidden = true;
    }
    return item;
  }

  function showJob(job) {
    const item = jobItem(job);
    const progress = item.querySelector('progress');
    const state = item.querySelector('.job-state');
    const before = item.dataset.status;
    item.dataset.status = job.status;
    if (job.status === 'embedding' && job.chunksTotal) {
      progress.max = job.chunksTotal;
      progress.value = job.chunksEmbedded;
      state.textContent = `${PHASES.embedding}: ${count(job.chunksEmbedded)} of ${count(job.chunksTotal)} passages`;
    } else if (job.status === 'done') {
      progress.max = 1;
      progress.value = 1;
      state.textContent = `${PHASES.done}: ${count(job.chunksTotal || job.chunksEmbedded)} passages`
        + (OUTCOMES[job.outcome] ? `, ${OUTCOMES[job.outcome]}` : '');
    } else if (job.status === 'failed') {
      progress.removeAttribute('value');
      progress.hidden = true;
      state.textContent = `${PHASES.failed}: ${job.error ? job.error.message : 'no reason given'}`;
    } else {
      // Queued or parsing: how long it takes is not known yet (an indeterminate bar).
      progress.removeAttribute('value');
      state.textContent = PHASES[job.status] || job.status;
    }
    // Screen readers hear each phase once, not every passage counted.
    if (before !== job.status) announce(`${job.fileName}: ${state.textContent}`);
  }

  async function follow(job) {
    showJob(job);
    if (TERMINAL.has(job.status)) return;
    let last = job;
    try {
      await apiStream(`/api/v1/documents/jobs/${job.id}/events`, undefined, (name, data) => {
        if (name === 'progress' && isJob(data)) {
          last = data;
          showJob(data);
        }
      });
      // A stream cut short (a restart, a proxy) leaves the job running: read where it stands.
      if (!TERMINAL.has(last.status)) {
        last = await api('GET', `/api/v1/documents/jobs/${job.id}`);
        showJob(last);
        if (!TERMINAL.has(last.status)) return follow(last);
      }
    } catch (e) {
      showError('upload-error', e);
    }
    if (last.status === 'done') await loadDocuments();
  }

  /** Jobs still running (started in another tab, or before a reload) are followed too. */
  async function loadJobs() {
    try {
      const jobs = await api('GET', '/api/v1/documents/jobs?limit=10');
      jobs.items.filter((job) => !followed.has(job.id) && !TERMINAL.has(job.status)).reverse().forEach(follow);
    } catch (e) {
      showError('upload-error', e);
    }
  }

  byId('upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    showError('upload-error', null);
    const file = byId('upload-file').files[0];
    if (!file) {
      showError('upload-error', { message: 'Choose a file to upload.' });
      byId('upload-file').focus();
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    for (const [field, id] of [['title', 'upload-title-input'], ['type', 'upload-type'], ['make', 'upload-make'],
      ['model', 'upload-model'], ['yearFrom', 'upload-year-from'], ['yearTo', 'upload-year-to']]) {
      const value = byId(id).value.trim();
      if (value) form.append(field, value);
    }
    busy(byId('upload-submit'), async () => {
      try {
        const job = await api('POST', '/api/v1/documents', form);
        byId('upload-form').reset();
        follow(job);
      } catch (e) {
        showError('upload-error', e);
      }
    });
  });

  // The filter offers the same types as the upload form.
  for (const option of byId('upload-type').options) byId('documents-type').append(new Option(option.text, option.value));
  byId('documents-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    busy(byId('documents-apply'), loadDocuments);
  });
  byId('documents-refresh').addEventListener('click', (event) => busy(event.currentTarget, loadDocuments));
  byId('documents-previous').addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    loadDocuments();
  });
  byId('documents-next').addEventListener('click', () => {
    offset += PAGE_SIZE;
    loadDocuments();
  });

  return { show: () => Promise.all([loadDocuments(), loadJobs()]) };
}
