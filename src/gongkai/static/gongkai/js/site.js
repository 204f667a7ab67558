// Behaviour the templates ask for with data- attributes, so no page needs inline JavaScript (the Content
// Security Policy allows scripts only from these static files or with the request's nonce).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    if (form.hasAttribute("data-submit-once")) {
      if (form.dataset.submitted) { event.preventDefault(); return; }
      form.dataset.submitted = "1";
      form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (b) { b.disabled = true; });
    }
  });
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) { field.form.submit(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-print], [data-back]") : null;
    if (!link) return;
    event.preventDefault();
    if (link.hasAttribute("data-print")) { window.print(); } else { window.history.back(); }
  });
})();
