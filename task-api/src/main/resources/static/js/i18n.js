// The page's language: zh-CN or English, from the browser unless chosen in the header (remembered).
import en from './i18n/en.js';
import zhCN from './i18n/zh-CN.js';

export const LOCALES = { en, 'zh-CN': zhCN };
const STORED = 'imagegen.locale';

let current = initial();

function initial() {
  const stored = localStorage.getItem(STORED);
  if (stored && LOCALES[stored]) return stored;
  const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  for (const tag of wanted) {
    if (/^zh\b/i.test(tag)) return 'zh-CN';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'en';
}

/** The current locale, 'en' or 'zh-CN'. */
export function locale() {
  return current;
}

/** Switches the language and remembers the choice; the caller re-renders. */
export function setLocale(next) {
  if (!LOCALES[next]) throw new Error(`unknown locale ${next}`);
  current = next;
  localStorage.setItem(STORED, next);
  document.documentElement.lang = next;
}

/** The text of key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = LOCALES[current][key] ?? en[key];
  if (text === undefined) {
    console.warn(`missing message ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** A date and time in the current locale; '—' when absent. */
export function formatDateTime(value) {
  if (!value) return '—';
  const d = new Date(value);
  return isNaN(d) ? String(value) : d.toLocaleString(current);
}

/** A number in the current locale. */
export function formatNumber(n) {
  return Number(n).toLocaleString(current);
}

document.documentElement.lang = current;
