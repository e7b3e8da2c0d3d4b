// The reception desk: where the browser has a barcode detector (BarcodeDetector: Chrome on
// Android, for instance), offer to read QR codes with the camera. Without it the page works as
// it is: a scanner or a phone's keyboard types into the field and the form is sent.
(function () {
  "use strict";
  var form = document.querySelector(".reception-form");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var field = form.querySelector(".reception-field");
  var start = form.querySelector("[data-scan]");
  var camera = form.querySelector("[data-camera]");
  var video = form.querySelector("[data-video]");
  var stop = form.querySelector("[data-stop]");
  var stream = null;
  var timer = null;

  function close() {
    if (timer) { window.clearTimeout(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); stream = null; }
    camera.hidden = true;
    start.hidden = false;
    field.focus();
  }

  function scan(detector) {
    detector.detect(video).then(function (codes) {
      if (codes.length) {
        field.value = codes[0].rawValue;
        close();
        form.requestSubmit();
        return;
      }
      timer = window.setTimeout(function () { scan(detector); }, 250);
    }).catch(function () { close(); });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) {
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    start.hidden = false;
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (media) {
        stream = media;
        video.srcObject = media;
        camera.hidden = false;
        start.hidden = true;
        stop.focus();
        return video.play();
      }).then(function () { scan(detector); }).catch(function () { close(); });
    });
    stop.addEventListener("click", close);
  });
})();
