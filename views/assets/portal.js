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
