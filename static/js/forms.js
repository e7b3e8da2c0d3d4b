/* Public forms (the application, event registration): focus the error summary, move focus to a
   field from the summary, and send a form marked data-send-once only once. Works without it too. */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("[data-focus-target]");
        if (!link) {
          return;
        }
        var target = document.getElementById(link.dataset.focusTarget);
        if (target) {
          event.preventDefault();
          target.scrollIntoView({ block: "center" });
          target.focus();
        }
      });
    }

    document.querySelectorAll("[data-send-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.sent === "true") {
          event.preventDefault();
          return;
        }
        form.dataset.sent = "true";
        window.setTimeout(function () {
          form.dataset.sent = "false";
        }, 8000);
      });
    });
  });
})();
