// Sign in with a user name and password.
import { signIn } from '../api.js';
import { h, mount, field } from '../dom.js';

export function render(main, { signedIn }) {
  const username = h('input#username', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input#password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const error = h('div.alert#login-error', { role: 'alert' });
  const button = h('button.primary#login-button', { type: 'submit', text: 'Sign in' });
  const form = h('form.card', { 'aria-label': 'Sign in' },
    h('h1', { text: 'Sign in to imagegen' }),
    field('User name', username), field('Password', password), error,
    h('div.row', {}, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      signedIn(await signIn(username.value.trim(), password.value));
    } catch (e) {
      error.textContent = e.status === 401 ? 'Wrong user name or password, or the account is inactive.' : e.message;
      button.disabled = false;
      button.textContent = 'Sign in';
      password.select();
    }
  });
  mount(main, h('div.login', {}, form));
  username.focus();
}
