/* Text size control (文字の大きさ): buttons with aria-pressed, remembered across pages. */
(function () {
  "use strict";
  var SIZES = ["standard", "large", "largest"];
  var KEY = "ntm-text-size";

  function apply(size) {
    var root = document.documentElement;
    SIZES.forEach(function (name) {
      root.classList.toggle("text-size-" + name, name === size && name !== "standard");
    });
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.textSize === size));
    });
  }

  function saved() {
    try {
      var size = window.localStorage.getItem(KEY);
      return SIZES.indexOf(size) >= 0 ? size : "standard";
    } catch (e) {
      return "standard";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var control = document.querySelector("[data-text-size-control]");
    if (!control) {
      return;
    }
    control.hidden = false;
    apply(saved());
    control.addEventListener("click", function (event) {
      var button = event.target.closest("[data-text-size]");
      if (!button) {
        return;
      }
      var size = button.dataset.textSize;
      try {
        window.localStorage.setItem(KEY, size);
      } catch (e) {
        /* Not remembered, but still applied to this page. */
      }
      apply(size);
    });
  });
})();
