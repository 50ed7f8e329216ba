// The workspace's only script. sosmed.fetch() is fetch() with the page's CSRF token in the
// X-CSRF-Token header (every request that is not a GET needs it); forms send theirs as a
// hidden field and need no script.
"use strict";
window.sosmed = {
  token: function () {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  },
  fetch: function (url, options) {
    options = options || {};
    var headers = new Headers(options.headers || {});
    headers.set("X-CSRF-Token", window.sosmed.token());
    options.headers = headers;
    options.credentials = "same-origin";
    return window.fetch(url, options);
  },
};
// A form whose button says data-confirm asks first.
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var question = button && button.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
