/* Data desk: send the upload with a progress bar, then follow the import job until it ends.
   Without JavaScript the form posts normally and the job page refreshes itself. */
(function () {
  "use strict";

  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function upload() {
    var form = document.getElementById("upload-form");
    if (!form) return;
    var box = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-bar");
    var status = document.getElementById("upload-status");
    var button = document.getElementById("upload-button");
    form.addEventListener("submit", function (ev) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      ev.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-CSRFToken", csrf(form));
      box.hidden = false;
      button.disabled = true;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
      });
      xhr.addEventListener("load", function () {
        var data = {};
        try { data = JSON.parse(xhr.responseText); } catch (err) { data = {}; }
        if (xhr.status === 202 && data.url) { window.location.assign(data.url); return; }
        button.disabled = false;
        var e = data.error || {};
        status.textContent = (document.documentElement.lang === "fa" ? e.message_fa : e.message_en) || ("HTTP " + xhr.status);
        status.className = "error-box";
      });
      xhr.addEventListener("error", function () { button.disabled = false; status.textContent = "network error"; });
      xhr.send(new FormData(form));
    });
  }

  function follow() {
    var box = document.getElementById("job");
    if (!box || box.dataset.finished === "1") return;
    var bar = document.getElementById("job-bar");
    function poll() {
      fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (d) {
          bar.value = d.progress_pct;
          if (d.finished) { window.location.reload(); return; }
          window.setTimeout(poll, 500);
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    }
    window.setTimeout(poll, 300);
  }

  document.addEventListener("DOMContentLoaded", function () { upload(); follow(); });
})();
