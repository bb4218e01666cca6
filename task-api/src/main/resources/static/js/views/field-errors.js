// Puts each problem+json field error next to the control whose data-path best matches its JSON path.

function covers(path, candidate) {
  return path === candidate || path.startsWith(`${candidate}.`) || path.startsWith(`${candidate}[`);
}

export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of form.querySelectorAll('.has-error')) el.classList.remove('has-error');
}

/** Shows errors [{path, message}] in form; those without a matching field go to the general box. */
export function showErrors(form, errors, generalBox) {
  clearErrors(form);
  const targets = [...form.querySelectorAll('[data-path]')];
  const unplaced = [];
  for (const error of errors) {
    const { path } = error;
    const best = targets.filter((t) => covers(path, t.dataset.path))
      .sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0];
    const box = best && (best.querySelector(':scope > .field-error') || best.querySelector('.field-error'));
    if (!box) { unplaced.push(error); continue; }
    const rest = path.slice(best.dataset.path.length).replace(/^\./, '');
    // "$.batch_size.value" next to the batch size field reads best as the message alone.
    const text = rest && rest !== 'value' ? `${rest}: ${error.message}` : error.message;
    box.textContent = box.textContent ? `${box.textContent}; ${text}` : text;
    best.classList.add('has-error');
  }
  generalBox.textContent = unplaced.map((e) => `${e.path} ${e.message}`).join('; ');
  const first = form.querySelector('.has-error input, .has-error select, .has-error textarea');
  if (first) first.focus();
}
