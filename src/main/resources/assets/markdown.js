// Markdown to DOM nodes for the service's pages. marked (from its WebJar) parses; this module
// builds the nodes itself with createElement and textContent, never innerHTML, so an answer can
// format (tables, lists, bold, code) but cannot inject markup: raw HTML in the text stays text,
// links stay text (an answer never sends the owner elsewhere).
//
//   import { renderMarkdown } from '/assets/markdown.js';
//   node.replaceChildren(renderMarkdown(text, { cite: (n) => button(n) }));
import { Lexer } from '/assets/marked.esm.js';

// "[2]" in an answer refers to its second source. "[2: Title — Section]" is the same reference
// as some answers write it: shown as the plain marker, the source list says the rest.
const CITATION = /\[(\d{1,2})(?::[^\]\n]{1,200})?\]/g;

/**
 * The text as a DocumentFragment. options.cite(n) returns the node that stands for citation [n]
 * (e.g. a button that opens the passage); without it markers stay text.
 */
export function renderMarkdown(text, options = {}) {
  const fragment = document.createDocumentFragment();
  const tokens = Lexer.lex(withTableDelimiters(String(text || '')), { gfm: true, breaks: true });
  appendBlocks(fragment, tokens, options);
  return fragment;
}

const TABLE_LINE = /^\s*\|.*\|\s*$/;
const DELIMITER_LINE = /^\s*\|(\s*:?-+:?\s*\|)+\s*$/;

/**
 * Manual passages keep their tables as "| a | b |" lines without the "| --- |" line under the
 * header that Markdown needs to see a table: add it, with as many cells as the header has.
 */
function withTableDelimiters(text) {
  const lines = text.split('\n');
  const out = [];
  lines.forEach((line, i) => {
    out.push(line);
    const startsTable = TABLE_LINE.test(line) && !DELIMITER_LINE.test(line) && (i === 0 || !TABLE_LINE.test(lines[i - 1]));
    const next = lines[i + 1];
    if (startsTable && next !== undefined && TABLE_LINE.test(next) && !DELIMITER_LINE.test(next)) {
      const cells = line.trim().slice(1, -1).split('|').length;
      out.push('|' + ' --- |'.repeat(cells));
    }
  });
  return out.join('\n');
}

function appendBlocks(parent, tokens, options) {
  for (const token of tokens) {
    const node = block(token, options);
    if (node) parent.append(node);
  }
}

function block(token, options) {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return inlineInto(element('p', 'md-p'), token.tokens, options);
    case 'text':
      // A tight list item's text: inline content without a paragraph around it.
      return token.tokens ? inlineInto(document.createDocumentFragment(), token.tokens, options) : cited(token.text, options);
    case 'heading':
      return inlineInto(element(token.depth <= 2 ? 'h3' : 'h4', 'md-heading'), token.tokens, options);
    case 'list': {
      const list = element(token.ordered ? 'ol' : 'ul', 'md-list');
      // Quoted steps keep the manual's numbers: step 5 stays step 5.
      if (token.ordered && Number.isInteger(token.start) && token.start !== 1) list.start = token.start;
      for (const item of token.items) {
        const li = element('li');
        appendBlocks(li, item.tokens, options);
        list.append(li);
      }
      return list;
    }
    case 'table':
      return table(token, options);
    case 'code': {
      const pre = element('pre', 'md-code');
      pre.append(element('code', null, token.text));
      return pre;
    }
    case 'blockquote': {
      const quote = element('blockquote', 'md-quote');
      appendBlocks(quote, token.tokens, options);
      return quote;
    }
    case 'hr':
      return element('hr');
    default:
      // Raw HTML and anything unknown: shown as the text it is.
      return element('p', 'md-p', token.raw || token.text || '');
  }
}

function table(token, options) {
  const wrap = element('div', 'md-table-wrap');
  const t = element('table', 'md-table');
  const head = element('thead');
  const headRow = element('tr');
  token.header.forEach((cell, i) => headRow.append(tableCell('th', cell, token.align[i], options)));
  head.append(headRow);
  const body = element('tbody');
  for (const row of token.rows) {
    const tr = element('tr');
    row.forEach((cell, i) => tr.append(tableCell('td', cell, token.align[i], options)));
    body.append(tr);
  }
  t.append(head, body);
  wrap.append(t);
  return wrap;
}

function tableCell(tag, cell, align, options) {
  const node = element(tag);
  if (tag === 'th') node.scope = 'col';
  if (align) node.dataset.align = align;
  return inlineInto(node, cell.tokens, options);
}

function inlineInto(parent, tokens, options) {
  for (const token of tokens || []) {
    parent.append(inline(token, options));
  }
  return parent;
}

function inline(token, options) {
  switch (token.type) {
    case 'text':
      return token.tokens ? inlineInto(document.createDocumentFragment(), token.tokens, options) : cited(token.text, options);
    case 'strong':
      return inlineInto(element('strong'), token.tokens, options);
    case 'em':
      return inlineInto(element('em'), token.tokens, options);
    case 'del':
      return inlineInto(element('del'), token.tokens, options);
    case 'codespan':
      return element('code', null, token.text);
    case 'br':
      return element('br');
    case 'link':
      return inlineInto(document.createDocumentFragment(), token.tokens, options);
    case 'image':
      return document.createTextNode(token.text || '');
    case 'escape':
      return document.createTextNode(token.text);
    default:
      return cited(token.raw || token.text || '', options);
  }
}

/** Plain text with its citation markers replaced by options.cite's nodes. */
function cited(text, options) {
  const fragment = document.createDocumentFragment();
  if (!options.cite) {
    fragment.append(document.createTextNode(text));
    return fragment;
  }
  let last = 0;
  for (const match of text.matchAll(CITATION)) {
    const node = options.cite(Number(match[1]));
    if (!node) continue;
    if (match.index > last) fragment.append(document.createTextNode(text.slice(last, match.index)));
    fragment.append(node);
    last = match.index + match[0].length;
  }
  if (last < text.length) fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}
