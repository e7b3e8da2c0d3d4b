// The rich-text editor's menu in Japanese. django-prose-editor writes its menu labels in English
// (its dialogs go through gettext: locale/ja/LC_MESSAGES/djangojs.po); when an editor announces
// itself with "prose-editor:ready", its buttons' titles and accessible names and the entries of
// its block-style menu are given Japanese text.
(function () {
  "use strict";

  var LABELS = {
    "bold": "太字",
    "italic": "斜体",
    "underline": "下線",
    "strike": "取り消し線",
    "subscript": "下付き文字",
    "superscript": "上付き文字",
    "paragraph": "段落",
    "heading 2": "見出し2",
    "heading 3": "見出し3",
    "heading 4": "見出し4",
    "unordered list": "箇条書き",
    "ordered list": "番号付きリスト",
    "blockquote": "引用",
    "horizontal rule": "区切り線",
    "insert link": "リンク",
    "remove link": "リンクを解除",
    "undo": "元に戻す",
    "redo": "やり直す",
    "edit html": "HTMLを編集",
    "insert table": "表を挿入",
    "merge cells": "セルを結合",
    "split cell": "セルを分割",
    "add column": "列を追加",
    "add row": "行を追加",
    "delete column": "列を削除",
    "delete row": "行を削除",
    "delete table": "表を削除",
    "toggle header cell": "見出しセルの切り替え",
    "code block": "コードブロック",
    "code": "コード",
    "block style": "段落の種類",
    "reset all classes": "書式をすべて解除",
    "toggle fullscreen": "全画面表示の切り替え",
    "list properties": "リストの設定"
  };

  function translated(text) {
    return text ? LABELS[text.trim().toLowerCase()] : undefined;
  }

  function translate(root) {
    root.querySelectorAll("[title], [aria-label]").forEach(function (element) {
      ["title", "aria-label"].forEach(function (attribute) {
        var label = translated(element.getAttribute(attribute));
        if (label) {
          element.setAttribute(attribute, label);
        }
      });
    });
    // Entries of the block-style menu are elements whose only content is their English name.
    root.querySelectorAll("*").forEach(function (element) {
      if (element.children.length === 0 && !element.classList.contains("material-icons")) {
        var label = translated(element.textContent);
        if (label) {
          element.textContent = label;
        }
      }
    });
  }

  // The editable area is named by its field's label, like the textarea it replaces.
  function nameEditableArea(textarea, container) {
    var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
    var area = container.querySelector("[contenteditable]");
    if (!label || !area) {
      return;
    }
    if (!label.id) {
      label.id = textarea.id + "-label";
    }
    area.setAttribute("aria-labelledby", label.id);
    area.setAttribute("aria-multiline", "true");
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var container = event.target.closest(".prose-editor") || event.target.parentElement;
    if (!container) {
      return;
    }
    translate(container);
    nameEditableArea(event.target, container);
    // Menus and dialogs added later (dropdowns, table tools) get the same treatment.
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            translate(node.parentElement || node);
          }
        });
      });
    }).observe(container, { childList: true, subtree: true });
  });
})();
