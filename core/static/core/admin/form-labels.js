// Accessible names the admin's autocomplete fields (select2) lack: the combobox is named by
// the field's own label and its current value (axe: aria-input-field-name). Loaded on every
// admin page (templates/admin/base_site.html).
(function () {
  "use strict";

  var counter = 0;

  function labelId(label) {
    if (!label.id) {
      counter += 1;
      label.id = "admin-field-label-" + counter;
    }
    return label.id;
  }

  function nameComboboxes() {
    document.querySelectorAll("select.admin-autocomplete[id]").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      var combobox = container && container.querySelector(".select2-selection[role=combobox]");
      if (!label || !combobox) {
        return;
      }
      var rendered = combobox.querySelector(".select2-selection__rendered");
      var ids = [labelId(label)];
      if (rendered && rendered.id) {
        ids.push(rendered.id);
        // select2 gives the shown value role=textbox without a name.
        rendered.setAttribute("aria-labelledby", label.id);
      }
      combobox.setAttribute("aria-labelledby", ids.join(" "));
    });
  }

  // select2 is set up by the admin's autocomplete.js when the document is ready, and again for
  // rows added to inlines: name whatever it adds.
  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        nameComboboxes();
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  nameComboboxes();
})();
