// The chat page's messages: the owner's, the assistant's (Markdown, numbered citations that open
// the cited passage, sources, feedback) and the service team's.
import { renderMarkdown } from '/assets/markdown.js';

export const AGENTS = {
  specs: 'Specs',
  maintenance: 'Maintenance',
  troubleshoot: 'Troubleshoot',
  general: 'General',
  human: 'Human',
};

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

export function userMessage(text, id) {
  const item = el('li', 'message message-user');
  if (id) item.dataset.id = id;
  item.append(el('span', 'visually-hidden', 'You: '));
  item.append(el('p', 'message-text', text));
  return item;
}

export function assistantMessage(agent) {
  const item = el('li', 'message message-assistant');
  item.dataset.state = 'streaming';
  const head = el('div', 'message-head');
  const author = el('span', 'message-author', agent === 'human' ? 'Service team' : 'Assistant');
  const badge = el('span', 'badge');
  badge.hidden = true;
  const confidence = el('span', 'confidence');
  confidence.hidden = true;
  head.append(author, el('span', 'visually-hidden', ': '), badge, confidence);
  const text = el('div', 'message-text');
  const footer = el('div', 'message-footer');
  item.append(head, text, footer);
  return { item, author, badge, confidence, text, footer, sources: null };
}

export function setAgent(view, agent, confidence) {
  if (!agent) return;
  view.badge.hidden = false;
  view.badge.textContent = AGENTS[agent] || agent;
  view.badge.dataset.agent = agent;
  view.badge.setAttribute('title', 'Answered by the ' + (AGENTS[agent] || agent).toLowerCase() + ' agent');
  if (typeof confidence === 'number' && agent !== 'human') {
    view.confidence.hidden = false;
    view.confidence.textContent = 'confidence ' + Math.round(confidence * 100) + '%';
  }
}

/** The answer's text as the owner reads it: Markdown, with its [n] markers opening the cited passages. */
export function showAnswer(view, text) {
  view.text.classList.remove('streaming-text');
  view.text.replaceChildren(renderMarkdown(text, { cite: (n) => citeButton(view, n) }));
}

/** The streamed text so far, as it arrives (rendered as Markdown once complete). */
export function appendStreamed(view, text) {
  const typing = view.text.querySelector('.typing');
  if (typing) typing.remove();
  view.text.classList.add('streaming-text');
  view.text.append(document.createTextNode(text));
}

function citeButton(view, n) {
  const button = el('button', 'cite', String(n));
  button.type = 'button';
  button.dataset.source = String(n);
  button.setAttribute('aria-label', 'Source ' + n);
  button.addEventListener('click', () => openCitation(view.sourceData[n - 1], n, button));
  return button;
}

export function setSources(view, sources) {
  if (!Array.isArray(sources) || sources.length === 0) return;
  view.sourceData = sources;
  if (view.sources) view.sources.remove();
  const box = el('div', 'sources');
  box.append(el('p', 'sources-title', 'Sources'));
  const list = el('ol', 'source-list');
  sources.forEach((s, i) => {
    const li = el('li', 'source');
    const open = el('button', 'link-button source-open', sourceLabel(s));
    open.type = 'button';
    open.addEventListener('click', () => openCitation(s, i + 1, open));
    li.append(open);
    list.append(li);
  });
  box.append(list);
  view.item.insertBefore(box, view.footer);
  view.sources = box;
}

function sourceLabel(s) {
  return (s.title || s.sourceName || 'Document') + (s.section ? ' — ' + s.section : '');
}

/** The cited passage in a dialog: its number, document, section and text. */
function openCitation(source, n, opener) {
  const dialog = document.getElementById('citation');
  document.getElementById('citation-number').textContent = '[' + n + ']';
  document.getElementById('citation-document').textContent = source ? source.title || source.sourceName || 'Document' : 'Source ' + n;
  document.getElementById('citation-section').textContent = source && source.section ? source.section : '';
  const passage = document.getElementById('citation-passage');
  if (source && source.excerpt) {
    passage.replaceChildren(renderMarkdown(source.excerpt));
  } else {
    passage.replaceChildren(el('p', 'hint', source
      ? 'The passage text was not kept with this earlier answer.'
      : 'This answer lists no source ' + n + '.'));
  }
  document.getElementById('citation-source').textContent = source && source.sourceName ? 'From ' + source.sourceName : '';
  dialog.returnFocus = opener;
  dialog.showModal();
  document.getElementById('citation-close').focus();
}

/** Wires the citation dialog once: Close and a click outside close it, focus goes back to the marker. */
export function initCitations() {
  const dialog = document.getElementById('citation');
  document.getElementById('citation-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnFocus && dialog.returnFocus.isConnected) dialog.returnFocus.focus();
  });
}

export function addFeedback(view, messageId, rating, sendFeedback) {
  if (!messageId) return;
  const box = el('div', 'feedback');
  const label = el('span', 'feedback-label', 'Was this helpful?');
  const up = feedbackButton('Helpful', 1);
  const down = feedbackButton('Not helpful', -1);
  const form = el('form', 'feedback-form');
  form.hidden = true;
  const commentId = 'comment-' + messageId;
  const commentLabel = el('label', null, 'Comment (optional)');
  commentLabel.htmlFor = commentId;
  const comment = el('input');
  comment.type = 'text';
  comment.id = commentId;
  comment.maxLength = 1000;
  const submit = el('button', 'button-quiet', 'Send feedback');
  submit.type = 'submit';
  form.append(commentLabel, comment, submit);
  const status = el('span', 'feedback-status');
  status.setAttribute('role', 'status');
  let chosen = rating === 1 || rating === -1 ? rating : null;
  const paint = () => {
    up.setAttribute('aria-pressed', String(chosen === 1));
    down.setAttribute('aria-pressed', String(chosen === -1));
  };
  const choose = (value) => {
    chosen = value;
    paint();
    form.hidden = false;
    status.textContent = '';
    comment.focus();
  };
  up.addEventListener('click', () => choose(1));
  down.addEventListener('click', () => choose(-1));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (chosen === null) return;
    submit.disabled = true;
    try {
      const body = { messageId, rating: chosen };
      if (comment.value.trim()) body.comment = comment.value.trim();
      await sendFeedback(body);
      form.hidden = true;
      status.textContent = 'Thank you for your feedback.';
    } catch (e) {
      status.textContent = 'Feedback not sent: ' + ((e && e.message) || 'please try again.');
    } finally {
      submit.disabled = false;
    }
  });
  paint();
  box.append(label, up, down, form, status);
  view.footer.append(box);
}

function feedbackButton(label, value) {
  const button = el('button', 'feedback-button');
  button.type = 'button';
  button.dataset.rating = String(value);
  button.title = label;
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-pressed', 'false');
  button.append(thumb(value < 0));
  return button;
}

/** A thumb icon drawn in the page (no image request, no icon font). */
function thumb(down) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const group = document.createElementNS(ns, 'g');
  if (down) group.setAttribute('transform', 'rotate(180 12 12)');
  const cuff = document.createElementNS(ns, 'rect');
  for (const [k, v] of [['x', '2'], ['y', '10'], ['width', '4'], ['height', '11'], ['rx', '1']]) cuff.setAttribute(k, v);
  const hand = document.createElementNS(ns, 'path');
  hand.setAttribute('d', 'M8 21h9.2a2 2 0 0 0 2-1.6l1.3-6.6a2 2 0 0 0-2-2.4H14l.8-4.2A1.9 1.9 0 0 0 12.9 4L8 10z');
  group.append(cuff, hand);
  svg.append(group);
  return svg;
}
