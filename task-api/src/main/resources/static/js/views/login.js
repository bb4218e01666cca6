// Sign in with a user name and password.
import { signIn } from '../api.js';
import { h, mount, field } from '../dom.js';
import { t } from '../i18n.js';

export function render(main, { signedIn }) {
  const username = h('input#username', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input#password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const error = h('div.alert#login-error', { role: 'alert' });
  const button = h('button.primary#login-button', { type: 'submit', text: t('login.submit') });
  const form = h('form.card', { 'aria-label': t('login.submit') },
    h('h1', { text: t('login.title') }),
    field(t('login.username'), username), field(t('login.password'), password), error,
    h('div.row', {}, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    button.disabled = true;
    button.textContent = t('login.submitting');
    try {
      signedIn(await signIn(username.value.trim(), password.value));
    } catch (e) {
      error.textContent = e.status === 401 ? t('login.refused') : e.message;
      button.disabled = false;
      button.textContent = t('login.submit');
      password.select();
    }
  });
  mount(main, h('div.login', {}, form));
  username.focus();
}
