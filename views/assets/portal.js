// The portal's only script, and only an improvement: without it every form
// still posts. With it, an upload shows its progress while it is sent.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-upload-form') || !window.XMLHttpRequest) return;
  const bar = form.querySelector('[data-upload-progress]');
  const button = form.querySelector('button[type="submit"]');
  event.preventDefault();
  const request = new XMLHttpRequest();
  request.open('POST', form.action);
  request.upload.addEventListener('progress', (e) => {
    if (!bar || !e.lengthComputable) return;
    bar.hidden = false;
    bar.value = Math.round((e.loaded / e.total) * 100);
  });
  request.addEventListener('load', () => {
    // The answer is the Documents page with what was received and refused: shown as if the form had posted.
    const page = new DOMParser().parseFromString(request.responseText, 'text/html');
    const main = page.getElementById('main');
    if (main) document.getElementById('main').replaceWith(main);
    else location.reload();
  });
  request.addEventListener('error', () => {
    if (button) button.disabled = false;
    if (bar) bar.hidden = true;
    alert('The upload did not finish. Check your connection and try again.');
  });
  if (button) button.disabled = true;
  request.send(new FormData(form));
});

// Forms: a conditional question shows only for its answer (without this
// script every question shows, each saying when it applies); answers are
// saved as they are typed; a signature is drawn with the finger.
function answerOf(form, key) {
  const picked = [];
  for (const el of form.querySelectorAll('[name="' + key + '"]')) if ((el.type !== 'radio' && el.type !== 'checkbox') || el.checked) picked.push(el.value);
  return picked;
}
function applyConditions(form) {
  for (const el of form.querySelectorAll('[data-show-if-key]')) {
    const owner = form.querySelector('[data-field="' + el.dataset.showIfKey + '"]');
    const shown = (!owner || !owner.hidden) && answerOf(form, el.dataset.showIfKey).includes(el.dataset.showIfValue);
    el.hidden = !shown;
    for (const hint of el.querySelectorAll('.only-if')) hint.hidden = true;
  }
}
function startForm(form) {
  applyConditions(form);
  form.addEventListener('change', () => applyConditions(form));
  const status = form.querySelector('[data-save-status]');
  const token = form.querySelector('input[name="_csrf"]').value;
  let timer;
  let saving = Promise.resolve();
  const save = () => {
    saving = saving.then(() => fetch(form.dataset.autosave, { method: 'POST', headers: { 'X-CSRF-Token': token, Accept: 'application/json' }, body: new URLSearchParams(new FormData(form)) })
      .then((res) => { if (status) status.textContent = res.ok ? status.dataset.saved || 'Saved' : status.dataset.failed || 'Not saved'; })
      .catch(() => { if (status) status.textContent = status.dataset.failed || 'Not saved'; }));
    return saving;
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(save, 700); };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  // A file is sent from its own form: the typed answers are saved first, so the page that comes back keeps them.
  for (const upload of document.querySelectorAll('form[data-upload-form][id^="file-"]')) upload.addEventListener('submit', () => { clearTimeout(timer); save(); }, true);
  for (const box of form.querySelectorAll('[data-signature]')) {
    if (!window.SignaturePad) continue;
    const input = form.querySelector('[data-signature-value="' + box.dataset.signature + '"]');
    const canvas = box.querySelector('canvas');
    box.hidden = false;
    input.type = 'hidden';
    const fallback = box.parentElement.querySelector('[data-signature-fallback]');
    if (fallback) fallback.hidden = true;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d').scale(ratio, ratio);
    const pad = new window.SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)' });
    if (input.value.startsWith('data:image/png')) pad.fromDataURL(input.value, { ratio });
    else input.value = '';
    pad.addEventListener('endStroke', () => { input.value = pad.toDataURL('image/png'); later(); });
    box.querySelector('[data-signature-clear]').addEventListener('click', () => { pad.clear(); input.value = ''; later(); });
  }
}
for (const form of document.querySelectorAll('form[data-autosave]')) startForm(form);
