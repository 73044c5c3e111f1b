// The incident page follows the store: every two seconds it asks whether the live part changed
// (the server answers 204 when it did not) and swaps in the new one. Served as a file: the page's
// Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var POLL_MS = 2000;

  function follow() {
    var live = document.getElementById("live");
    if (!live) {
      return;
    }
    var url = live.getAttribute("data-url");
    var revision = live.getAttribute("data-revision");
    fetch(url + "&since=" + encodeURIComponent(revision), {
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    }).then(function (response) {
      if (response.status !== 200) {
        return null;
      }
      return response.text();
    }).then(function (html) {
      if (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("live");
        if (fresh) {
          live.replaceWith(document.adoptNode(fresh));
        }
      }
    }).catch(function () {
      // The server restarts or the network blips: the next poll tries again.
    }).then(function () {
      window.setTimeout(follow, POLL_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("live")) {
      window.setTimeout(follow, POLL_MS);
    }
  });
})();
