/* Application form: show the organisation-only fields for 企業・団体 and fill the address from the
   郵便番号 (the error summary and sending once: js/forms.js). Works without it too. */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
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

    setUpPostalLookup(document.querySelector("[data-postal-url]"));
  });

  /* 郵便番号 → 住所: seven digits typed (full-width too) fill 都道府県 and 市区町村, and 町域 into an
     empty address field, from the portal's own table per 3-digit prefix. Focus stays where it is;
     the result is announced in a polite live region. Without script the fields stay plain. */
  function setUpPostalLookup(form) {
    var code = form && form.querySelector("#id_postal_code");
    var prefecture = form && form.querySelector("#id_prefecture");
    var municipality = form && form.querySelector("#id_municipality");
    var address = form && form.querySelector("#id_address");
    if (!code || !prefecture || !municipality || !address) {
      return;
    }
    var status = document.createElement("p");
    status.id = "id_postal_code_lookup";
    status.className = "apply-postal-status";
    status.setAttribute("aria-live", "polite");
    code.parentNode.appendChild(status);
    var tables = {};
    var filled = { municipality: "", address: "" };
    var lastDigits = "";

    function digitsOf(value) {
      return value.replace(/[０-９]/g, function (digit) {
        return String.fromCharCode(digit.charCodeAt(0) - 0xfee0);
      }).replace(/[^0-9]/g, "");
    }

    function table(prefix) {
      if (!tables[prefix]) {
        var url = form.dataset.postalUrl.replace("000", prefix);
        tables[prefix] = fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) {
            throw new Error("postal table " + response.status);
          }
          return response.json();
        });
        tables[prefix].catch(function () {
          delete tables[prefix];
        });
      }
      return tables[prefix];
    }

    function setIfUntouched(field, key, value) {
      if (!field.value || field.value === filled[key]) {
        field.value = value;
        filled[key] = value;
      }
    }

    function lookUp() {
      var digits = digitsOf(code.value);
      if (digits.length !== 7 || digits === lastDigits) {
        if (digits.length !== 7) {
          lastDigits = "";
        }
        return;
      }
      lastDigits = digits;
      table(digits.slice(0, 3)).then(function (entries) {
        if (digitsOf(code.value) !== digits) {
          return;
        }
        var entry = entries[digits];
        if (!entry) {
          status.textContent = "郵便番号 " + digits.slice(0, 3) + "-" + digits.slice(3) +
            " に当たる住所が見つかりませんでした。番号を確かめるか、住所を入力してください。";
          return;
        }
        Array.prototype.forEach.call(prefecture.options, function (option) {
          if (option.textContent.trim() === entry[0]) {
            prefecture.value = option.value;
          }
        });
        setIfUntouched(municipality, "municipality", entry[1]);
        if (entry[2]) {
          setIfUntouched(address, "address", entry[2]);
        }
        status.textContent = "郵便番号から住所の一部（" + entry[0] + entry[1] + entry[2] +
          "）を入力しました。続きの番地などを入力してください。";
      }, function () {
        status.textContent = "住所を調べられませんでした。住所を入力してください。";
      });
    }

    code.addEventListener("input", lookUp);
    code.addEventListener("change", lookUp);
  }
})();
