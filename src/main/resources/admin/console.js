// The operator console (GET /admin): signs an administrator in through the shared session module
// and shows one section at a time, chosen by the address's fragment (#keys, #spend, ...), so
// sections can be bookmarked and the browser's back button moves between them. Each section
// reads its data from the modules' REST endpoints when it is shown.
import { resume, signIn, signOut, ApiError } from '/assets/session.js';
import { byId, showError, busy } from '/admin/dom.js';
import { keysSection } from '/admin/keys.js';
import { spendSection } from '/admin/spend.js';
import { providersSection } from '/admin/providers.js';
import { knowledgeSection } from '/admin/knowledge.js';
import { evaluationsSection } from '/admin/evaluations.js';

const SECTIONS = {
  keys: keysSection(),
  spend: spendSection(),
  providers: providersSection(),
  knowledge: knowledgeSection(),
  evaluations: evaluationsSection(),
};
const DEFAULT_SECTION = 'keys';

function showView(name) {
  for (const view of ['login-view', 'denied-view', 'console-view']) {
    byId(view).hidden = view !== name;
  }
}

function signedIn(user) {
  byId('account').hidden = false;
  byId('account-email').textContent = user.email;
  if (user.role !== 'admin') {
    byId('denied-email').textContent = user.email;
    showView('denied-view');
    return;
  }
  showView('console-view');
  route();
}

function signedOut() {
  byId('account').hidden = true;
  showView('login-view');
  byId('login-email').focus();
}

function route() {
  if (byId('console-view').hidden) return;
  const wanted = location.hash.replace(/^#/, '');
  const name = Object.hasOwn(SECTIONS, wanted) ? wanted : DEFAULT_SECTION;
  for (const link of document.querySelectorAll('.console-nav a')) {
    if (link.dataset.section === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const key of Object.keys(SECTIONS)) {
    byId('section-' + key).hidden = key !== name;
  }
  document.title = document.querySelector(`.console-nav a[data-section="${name}"]`).textContent
    + ' — GenAI Auto operator console';
  SECTIONS[name].show();
}

byId('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const email = byId('login-email').value.trim();
  const password = byId('login-password').value;
  showError('login-error', null);
  if (!email || !password) {
    showError('login-error', { message: 'Enter your email and password.' });
    return;
  }
  busy(byId('login-submit'), async () => {
    try {
      const user = await signIn(email, password);
      byId('login-password').value = '';
      signedIn(user);
      if (!byId('console-view').hidden) byId('console-main').focus();
    } catch (e) {
      showError('login-error', e instanceof ApiError && e.status === 401
        ? { message: 'The email or password is wrong.' } : e);
    }
  });
});

byId('logout').addEventListener('click', async () => {
  await signOut();
  signedOut();
});

window.addEventListener('hashchange', () => {
  route();
  if (!byId('console-view').hidden) byId('console-main').focus();
});
window.addEventListener('session-ended', signedOut);

try {
  const user = await resume();
  if (user) signedIn(user);
  else signedOut();
} catch (e) {
  signedOut();
  showError('login-error', e);
}
