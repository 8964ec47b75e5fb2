// lecturedeck course home: search every lecture's slide titles, text and notes (offline, from file://).
// The index is data only: every result is built with textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("search-index").textContent);
  var words = data.words;
  var input = document.getElementById("search");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var MAX_RESULTS = 100;
  var CONTEXT = 40;
  var FIELDS = [1, 2, 3]; // title, text, notes of [number, title, text, notes]

  function lowered(text) {
    var lower = text.toLowerCase();
    // a character whose lower case is longer (İ) would shift the marked place: keep such text as lowered
    return { text: lower.length === text.length ? text : lower, lower: lower };
  }

  var slides = [];
  data.lectures.forEach(function (lecture) {
    lecture.slides.forEach(function (slide) {
      slides.push({ lecture: lecture, slide: slide, fields: FIELDS.map(function (i) { return lowered(slide[i]); }) });
    });
  });

  function snippet(field, at, length) {
    var start = Math.max(0, at - CONTEXT);
    var end = Math.min(field.text.length, at + length + CONTEXT);
    var p = document.createElement("p");
    p.appendChild(document.createTextNode((start > 0 ? "…" : "") + field.text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = field.text.slice(at, at + length);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(field.text.slice(at + length, end) + (end < field.text.length ? "…" : "")));
    return p;
  }

  function result(hit, term) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    var number = hit.slide[0];
    link.href = encodeURIComponent(hit.lecture.stem) + ".html#" + number;
    link.textContent = hit.slide[1] || hit.lecture.title;
    li.appendChild(link);
    var where = document.createElement("span");
    where.className = "where";
    var place = " · " + hit.lecture.title + " · " + words.home_slide.replace("{n}", number);
    where.textContent = place + (hit.field === 2 ? " · " + words.home_notes : "");
    li.appendChild(where);
    li.appendChild(snippet(hit.fields[hit.field], hit.at, term.length));
    return li;
  }

  function search() {
    var term = input.value.trim().toLowerCase();
    list.textContent = "";
    status.textContent = "";
    if (!term) return;
    var count = 0;
    slides.forEach(function (entry) {
      for (var i = 0; i < entry.fields.length; i++) {
        var at = entry.fields[i].lower.indexOf(term);
        if (at >= 0) {
          count += 1;
          if (count <= MAX_RESULTS) {
            list.appendChild(result({ lecture: entry.lecture, slide: entry.slide, fields: entry.fields, field: i, at: at }, term));
          }
          return;
        }
      }
    });
    status.textContent = count ? words.home_results.replace("{n}", count) : words.home_no_results;
  }

  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; search(); input.blur(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== input && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  search();
})();
