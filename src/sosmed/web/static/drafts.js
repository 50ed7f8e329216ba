// The live count of a post being edited: the text goes (debounced) to the server, which
// measures it as the platform counts; the count turns red past the limit, and the preview
// shows where the platform would stop. No count is made here.
"use strict";
(function () {
  var WAIT_MS = 250;
  function setup(box) {
    var target = document.getElementById(box.getAttribute("data-target"));
    var url = box.getAttribute("data-count-url");
    var card = document.querySelector(".preview .pcard");
    var timer = null;
    var asked = 0;
    function show(answer) {
      target.textContent = answer.label;
      target.classList.toggle("over", answer.over);
      target.setAttribute("data-length", answer.length);
      if (card) {
        var text = card.querySelector(".pcard-text");
        text.textContent = "";
        var kept = document.createElement("span");
        kept.className = "kept";
        kept.textContent = answer.kept;
        text.appendChild(kept);
        if (answer.cut) {
          var cut = document.createElement("mark");
          cut.className = "cut";
          cut.textContent = answer.cut;
          text.appendChild(cut);
        }
        var count = card.querySelector(".pcard-foot .count");
        if (count) {
          count.textContent = answer.label;
          count.classList.toggle("over", answer.over);
        }
      }
    }
    function ask() {
      var mine = ++asked;
      window.sosmed
        .fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text: box.value }),
        })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (answer) {
          if (answer && mine === asked) { show(answer); }
        });
    }
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("textarea[data-count-url]");
    for (var i = 0; i < boxes.length; i++) { setup(boxes[i]); }
  });
})();
