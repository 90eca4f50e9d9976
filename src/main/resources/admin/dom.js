// Small helpers the console's sections share: building elements (text only, never HTML strings,
// so nothing from the service is ever parsed as markup), formatting, and the live announcer.

/** An element with attributes (data-*, aria-*, hidden, ...), properties for `on*` handlers, and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export const byId = (id) => document.getElementById(id);

/** Says something to screen-reader users without moving their focus. */
export function announce(text) {
  const announcer = byId('announcer');
  announcer.textContent = '';
  // A fresh text node after a tick is announced even when it repeats the last one.
  setTimeout(() => { announcer.textContent = text; }, 30);
}

/** The message of a failed call, as the service worded it. */
export function problem(error) {
  return (error && error.message) || 'Something went wrong.';
}

/** Shows an error in a role="alert" paragraph (empty clears it). */
export function showError(id, error) {
  byId(id).textContent = error ? problem(error) : '';
}

/** Disables a button while an action runs, so a double click does not run it twice. */
export async function busy(button, action) {
  button.disabled = true;
  try {
    return await action();
  } finally {
    button.disabled = false;
  }
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp in the reader's zone, or a dash. */
export function when(value) {
  return value ? timeFormat.format(new Date(value)) : '—';
}

/** A UTC day (2026-05-04) as "4 May 2026". */
export function day(value) {
  return dayFormat.format(new Date(value + 'T00:00:00Z'));
}

/** USD with enough places to show a fraction of a cent. */
export function usd(value) {
  const amount = Number(value) || 0;
  const places = amount !== 0 && Math.abs(amount) < 0.01 ? 6 : 2;
  return '$' + amount.toFixed(places);
}

export function count(value) {
  return (Number(value) || 0).toLocaleString('en-GB');
}

export function bytes(value) {
  const size = Number(value) || 0;
  if (size < 1024) return size + ' B';
  if (size < 1024 * 1024) return (size / 1024).toFixed(1) + ' KiB';
  return (size / (1024 * 1024)).toFixed(1) + ' MiB';
}

/** A share (0..1) as a percentage with one place, or a dash when unknown. */
export function percent(value) {
  return value === null || value === undefined ? '—' : (value * 100).toFixed(1) + '%';
}

/** UTC day n days from today, as yyyy-mm-dd (what date inputs and the API use). */
export function utcDay(offsetDays = 0) {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}

/** A badge: text plus a data-tone the style sheet colours; the text alone carries the meaning. */
export function badge(text, tone) {
  return el('span', { className: 'badge', 'data-tone': tone }, text);
}

/**
 * For a section that reloads on every click: take() before a call, and the returned check says,
 * after it, whether this call is still the newest (a slower, older answer must not overwrite a newer one).
 */
export function newest() {
  let last = 0;
  return {
    take() {
      const mine = ++last;
      return () => mine === last;
    },
  };
}
