// Before the idle limit ends a staff session, a dialog offers to continue (WCAG 2.2.1).
// "続ける" (or Esc) restarts the server's idle clock with a POST (CSRF-protected), without
// reloading the page, so whatever is typed in an open form stays.
// Markup: accounts/templates/accounts/includes/session_warning.html.
(function () {
  "use strict";

  var dialog = document.getElementById("session-warning");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var status = document.getElementById("session-warning-status");
  var message = dialog.querySelector("[data-session-warning-message]");
  var expired = dialog.querySelector("[data-session-warning-expired]");
  var failed = dialog.querySelector("[data-session-warning-error]");
  var continueButton = dialog.querySelector("[data-session-warning-continue]");
  var warningMs = Number(dialog.dataset.warningSeconds) * 1000;
  var warnTimer = null;
  var endTimer = null;
  var returnFocusTo = null;
  var ended = false;

  function show(part) {
    [message, expired, failed].forEach(function (element) {
      element.hidden = element !== part;
    });
  }

  function schedule(secondsLeft) {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    var leftMs = secondsLeft * 1000;
    warnTimer = setTimeout(open, Math.max(0, leftMs - warningMs));
    endTimer = setTimeout(end, leftMs);
  }

  function open() {
    if (dialog.open) {
      return;
    }
    returnFocusTo = document.activeElement;
    show(message);
    continueButton.hidden = false;
    dialog.showModal();
    continueButton.focus();
  }

  function close() {
    dialog.close();
    if (returnFocusTo && typeof returnFocusTo.focus === "function") {
      returnFocusTo.focus();
    }
    returnFocusTo = null;
  }

  function end() {
    ended = true;
    open();
    show(expired);
    continueButton.textContent = "閉じる";
    continueButton.focus();
  }

  function extend() {
    if (ended) {
      close();
      return;
    }
    continueButton.disabled = true;
    fetch(dialog.dataset.extendUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": dialog.dataset.csrfToken, "X-Requested-With": "XMLHttpRequest" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("not extended");
        }
        return response.json();
      })
      .then(function (data) {
        schedule(data.seconds_left);
        close();
        status.textContent = "";
        status.textContent = "ログイン状態を延長しました。作業を続けられます。";
      })
      .catch(function () {
        show(failed);
        continueButton.focus();
      })
      .finally(function () {
        continueButton.disabled = false;
      });
  }

  continueButton.addEventListener("click", extend);
  // Esc means the person is there: it continues too, instead of silently closing.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    extend();
  });

  schedule(Number(dialog.dataset.secondsLeft));
})();
