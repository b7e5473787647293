// Casebook client behaviour that htmx attributes cannot express: dialogs,
// multi-file uploads with progress, and keeping Trix to text only.
(function () {
  'use strict';

  // Dialogs: <button data-open-dialog="id"> opens, [data-close-dialog] closes; Escape works natively.
  document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-open-dialog]');
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute('data-open-dialog'));
      if (dialog && !dialog.open) dialog.showModal();
    }
    var closer = event.target.closest('[data-close-dialog]');
    if (closer) closer.closest('dialog').close();
  });

  // Files are attached with the form's file input, not pasted into the editor.
  document.addEventListener('trix-file-accept', function (event) { event.preventDefault(); });

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token']; } catch (e) { return ''; }
  }

  // As the server writes sizes (domain/text/display-format.ts humanSize): "930 bytes", "1.5 KB", "12 MB".
  function formatSize(bytes) {
    if (bytes < 1024) return bytes + (bytes === 1 ? ' byte' : ' bytes');
    var units = ['KB', 'MB', 'GB'];
    var value = bytes / 1024;
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (value < 10 ? Math.round(value * 10) / 10 : Math.round(value)) + ' ' + units[unit];
  }

  // One request per file so each gets its own progress bar and its own error.
  function uploadFiles(zone, files) {
    var url = zone.getAttribute('data-upload-url');
    var max = Number(zone.getAttribute('data-max-bytes'));
    var list = zone.querySelector('.upload-progress');
    var pending = 0;
    Array.prototype.forEach.call(files, function (file) {
      var item = document.createElement('li');
      var label = document.createElement('span');
      label.textContent = file.name + ' (' + formatSize(file.size) + ') ';
      var bar = document.createElement('progress');
      bar.max = 100; bar.value = 0;
      bar.setAttribute('aria-label', 'Uploading ' + file.name);
      item.appendChild(label); item.appendChild(bar);
      list.appendChild(item);
      if (file.size > max) {
        bar.remove();
        label.textContent += '— too large (limit ' + formatSize(max) + ')';
        keepUntilDismissed(item);
        return;
      }
      pending++;
      var data = new FormData();
      data.append('files', file);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('X-CSRF-Token', csrfToken());
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (e) { if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100); });
      xhr.addEventListener('loadend', function () {
        var result = {};
        try { result = JSON.parse(xhr.responseText); } catch (e) { /* not JSON: a proxy or server error */ }
        if (xhr.status === 201) { bar.value = 100; label.textContent += '— uploaded'; }
        else {
          bar.remove();
          label.textContent += '— ' + ((result.rejected && result.rejected[0] && result.rejected[0].reason) || 'upload failed (' + xhr.status + ')');
          keepUntilDismissed(item);
        }
        pending--;
        if (pending === 0) refreshDocuments(zone, list);
      });
      xhr.send(data);
    });
  }

  // A refused upload stays on screen, through any reload of the documents region, until its Dismiss button is pressed.
  var refused = [];
  function keepUntilDismissed(item) {
    item.className = 'error-text';
    item.setAttribute('role', 'alert');
    item.setAttribute('data-testid', 'upload-refused');
    var dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'link small';
    dismiss.textContent = 'Dismiss';
    dismiss.addEventListener('click', function () {
      refused = refused.filter(function (i) { return i !== item; });
      item.setAttribute('data-dismissed', '');
      item.remove();
    });
    item.appendChild(dismiss);
    refused.push(item);
  }
  document.addEventListener('htmx:afterSwap', function (event) {
    var fresh = document.querySelector('#documents .upload-progress');
    if (!fresh || !refused.length || !event.target || !event.target.closest || !event.target.closest('#documents')) return;
    refused.forEach(function (i) { if (!fresh.contains(i)) fresh.appendChild(i); });
  });

  // Reload the documents region, then put the finished progress lines back so people see what happened.
  // A zone may name the region and the address to reload it from (a case's Documents tab has one zone per contact).
  function refreshDocuments(zone, list) {
    // The zone was swapped away meanwhile (another sub-tab opened): reloading its region would undo that.
    if (!document.body.contains(zone)) return;
    var items = Array.prototype.slice.call(list.children);
    var url = zone.getAttribute('data-upload-url');
    var target = zone.getAttribute('data-refresh-target') || '#documents';
    window.htmx.ajax('GET', zone.getAttribute('data-refresh-url') || url, { target: target, swap: 'innerHTML' }).then(function () {
      var fresh = document.querySelector(target + ' .dropzone[data-upload-url="' + url + '"] .upload-progress');
      if (fresh) {
        items.forEach(function (i) { if (!i.hasAttribute('data-dismissed')) fresh.appendChild(i); });
        // The region is whole again (a file chosen during the reload went to the old, detached input).
        fresh.setAttribute('data-upload-settled', '');
      }
    });
  }

  // Download All: the status fragment that first finds the bundle ready carries data-auto-download; the file starts by itself.
  document.addEventListener('htmx:load', function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.querySelectorAll) return;
    var links = Array.prototype.slice.call(elt.querySelectorAll('[data-auto-download]'));
    if (elt.matches && elt.matches('[data-auto-download]')) links.push(elt);
    links.forEach(function (a) { a.removeAttribute('data-auto-download'); window.location.assign(a.href); });
  });

  document.addEventListener('change', function (event) {
    var input = event.target;
    var zone = input.closest && input.closest('.dropzone');
    if (zone && input.type === 'file' && input.files.length) { uploadFiles(zone, input.files); input.value = ''; }
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var zone = event.target.closest && event.target.closest('.dropzone');
      if (zone) { event.preventDefault(); zone.classList.add('dragging'); }
    });
  });
  document.addEventListener('dragleave', function (event) {
    var zone = event.target.closest && event.target.closest('.dropzone');
    if (zone) zone.classList.remove('dragging');
  });
  document.addEventListener('drop', function (event) {
    var zone = event.target.closest && event.target.closest('.dropzone');
    if (!zone) return;
    event.preventDefault();
    zone.classList.remove('dragging');
    if (event.dataTransfer && event.dataTransfer.files.length) uploadFiles(zone, event.dataTransfer.files);
  });
})();
