// The chat page's sign-in and owner registration forms. Both sign in through /assets/session.js,
// which keeps the refresh token in its HttpOnly cookie; onSignedIn() then opens the chat.
import { ApiError, register, signIn } from '/assets/session.js';

const $ = (id) => document.getElementById(id);

/** A sentence for the owner: the service's own message, or what a network failure means. */
export function describeFailure(e) {
  if (e instanceof ApiError) return e.message;
  return (e && e.message) || 'Something went wrong. Please try again.';
}

export function initAccount(onSignedIn) {
  $('login-form').addEventListener('submit', (event) => onLogin(event, onSignedIn));
  $('register-form').addEventListener('submit', (event) => onRegister(event, onSignedIn));
  $('show-register').addEventListener('click', () => showForm('register'));
  $('show-login').addEventListener('click', () => showForm('login'));
}

/** The sign-in form (or, when the owner chose it, the registration form), with a message. */
export function showSignIn(message) {
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  showForm('login');
}

function showForm(which) {
  const registering = which === 'register';
  $('login-form').hidden = registering;
  $('register-form').hidden = !registering;
  (registering ? $('register-name') : $('login-email')).focus();
}

async function onLogin(event, onSignedIn) {
  event.preventDefault();
  const email = $('login-email').value.trim();
  const password = $('login-password').value;
  const error = $('login-error');
  error.textContent = '';
  if (!email || !password) {
    error.textContent = 'Enter your email and password.';
    (email ? $('login-password') : $('login-email')).focus();
    return;
  }
  $('login-submit').disabled = true;
  try {
    await signIn(email, password);
  } catch (e) {
    error.textContent = e.status === 401 || e.status === 400 || e.status === 422
      ? 'That email and password do not match an account.'
      : describeFailure(e);
    $('login-password').focus();
    return;
  } finally {
    $('login-submit').disabled = false;
  }
  $('login-password').value = '';
  await onSignedIn();
}

/** Registers an owner; the service's validation errors are shown at their fields. */
async function onRegister(event, onSignedIn) {
  event.preventDefault();
  const form = $('register-form');
  const fields = {
    fullName: $('register-name').value.trim(),
    email: $('register-email').value.trim(),
    password: $('register-password').value,
  };
  const phone = $('register-phone').value.trim();
  if (phone) fields.phone = phone;
  clearErrors(form);
  $('register-submit').disabled = true;
  try {
    await register(fields);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      // The registration was received but this password does not open the address's account:
      // it already had one. Said without confirming it to whoever typed the address.
      form.reset();
      showSignIn('If you already have an account with this email, sign in with its password.');
      $('login-email').value = fields.email;
      $('login-password').focus();
      return;
    }
    showErrors(form, e);
    return;
  } finally {
    $('register-submit').disabled = false;
  }
  form.reset();
  await onSignedIn();
}

function clearErrors(form) {
  $('register-error').textContent = '';
  for (const error of form.querySelectorAll('.field-error')) {
    error.textContent = '';
    const input = error.parentElement.querySelector('input');
    if (input) input.removeAttribute('aria-invalid');
  }
}

function showErrors(form, e) {
  const fields = e instanceof ApiError && e.details && Array.isArray(e.details.fields) ? e.details.fields : [];
  let first = null;
  for (const { field, message } of fields) {
    const error = form.querySelector('.field-error[data-field="' + CSS.escape(String(field)) + '"]');
    if (!error) continue;
    error.textContent = message;
    const input = error.parentElement.querySelector('input');
    input.setAttribute('aria-invalid', 'true');
    first = first || input;
  }
  $('register-error').textContent = first ? 'Please correct the marked fields.' : describeFailure(e);
  if (first) first.focus();
}
