/* Applies the saved text size before the page is drawn (loaded synchronously in <head>). */
(function () {
  "use strict";
  try {
    var size = window.localStorage.getItem("ntm-text-size");
    if (size === "large" || size === "largest") {
      document.documentElement.classList.add("text-size-" + size);
    }
  } catch (e) {
    /* Storage can be unavailable (private mode); the standard size is used. */
  }
})();
