/* Application form: focus the error summary, move focus to a field from the summary, show the
   organisation-only fields for 企業・団体, and send the final step once. Works without it too. */
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

    var organisationFields = document.querySelector(".apply-organisation-fields");
    var kindInputs = document.querySelectorAll("input[name='kind']");
    function toggleOrganisationFields() {
      var checked = document.querySelector("input[name='kind']:checked");
      if (organisationFields) {
        organisationFields.hidden = Boolean(checked && checked.value === "individual");
      }
    }
    kindInputs.forEach(function (input) {
      input.addEventListener("change", toggleOrganisationFields);
    });
    toggleOrganisationFields();

    document.querySelectorAll("[data-apply-form]").forEach(function (form) {
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
