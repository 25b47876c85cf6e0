// The public checker: a token in the address's fragment (#t=...) is read here, never sent
// with the address; it is posted to the server's check and the verdict shown as text.
(function () {
  "use strict";
  var section = document.getElementById("by-link");
  if (!section) return;
  var token = "";
  location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var i = pair.indexOf("=");
    if (i > 0 && pair.slice(0, i) === "t") token = decodeURIComponent(pair.slice(i + 1));
  });
  if (!token) return;
  section.hidden = false;
  var verdict = document.getElementById("verdict");
  var claims = document.getElementById("claims");
  fetch(section.dataset.check, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: token }),
    credentials: "omit",
  })
    .then(function (r) { return r.json(); })
    .then(function (answer) {
      if (answer.error) {
        verdict.textContent = answer.error.message;
        return;
      }
      var head = answer.valid ? section.dataset.valid : section.dataset.invalid;
      verdict.textContent = answer.message ? head + ": " + answer.message : head;
      var facts = document.getElementById("facts");
      (answer.facts || []).forEach(function (pair) {
        var dt = document.createElement("dt");
        var dd = document.createElement("dd");
        var text = document.createElement("bdi");
        dt.textContent = pair[0];
        text.textContent = pair[1];
        dd.appendChild(text);
        facts.append(dt, dd);
      });
      facts.hidden = !(answer.facts || []).length;
      if (answer.claims) claims.textContent = JSON.stringify(answer.claims, null, 2);
    })
    .catch(function () { verdict.textContent = section.dataset.error; });
})();
