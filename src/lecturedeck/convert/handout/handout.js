/* lecturedeck handouts: a static script (never built from outline text) that runs before the page is printed.
   Notes too long for their box are set smaller, down to the minimum size; what still does not fit continues
   on a page inserted after, and the box ends with a line saying on which page. Then every page is numbered. */
(function () {
  "use strict";
  var body = document.body;
  var MIN = parseFloat(body.getAttribute("data-min-size"));
  var MORE = body.getAttribute("data-more");
  var STEP = 0.5;
  var LATIN = /[0-9A-Za-z\u00C0-\u024F]/;
  var CLOSING = /[\u3001\u3002\uFF0C\uFF0E\uFF1A\uFF1B\uFF01\uFF1F\uFF09\u300D\u300F\u300B\u3009\u3011\u201D]/;
  var links = [];

  function overflows(box) {
    return box.scrollHeight > box.clientHeight + 0.5;
  }

  function largest(lo, hi, fits) {
    /* the largest n in lo..hi for which fits(n), else lo (a binary search: fits(n) applies n to the page) */
    while (lo < hi) {
      var mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function shrink(box) {
    /* the largest size in STEPs between MIN and the box's own at which its notes fit, else MIN */
    var steps = Math.round((parseFloat(getComputedStyle(box).fontSize) * 0.75 - MIN) / STEP);
    if (!overflows(box) || steps <= 0) return;
    function size(n) {
      box.style.fontSize = MIN + n * STEP + "pt";
      return !overflows(box);
    }
    size(largest(0, steps - 1, size));
  }

  function breakAt(text, k) {
    /* k characters fit: in Latin text end at the space before the word they cut (unless it is far back), in
       CJK text anywhere but before a closing mark (，。」), which stays with what it closes */
    if (k <= 1 || k >= text.length || /\s/.test(text[k - 1] + text[k])) return k;
    if (!LATIN.test(text[k - 1]) && !LATIN.test(text[k])) return CLOSING.test(text[k]) ? k - 1 : k;
    var space = text.lastIndexOf(" ", k);
    return space > 0 && k - space < 40 ? space : k;
  }

  function cut(box, text, marker) {
    /* what does not fit the box leaves its text, whole elements from the end, then the last one is split */
    var rest = [];
    text.appendChild(marker);
    while (overflows(box) && marker.previousElementSibling) {
      rest.unshift(marker.previousElementSibling);
      text.removeChild(rest[0]);
    }
    if (!rest.length || rest[0].tagName !== "P") return rest;
    var whole = rest[0].textContent;
    var part = rest[0].cloneNode(false);
    text.insertBefore(part, marker);
    var k = breakAt(whole, largest(0, whole.length, function (n) {
      part.textContent = whole.slice(0, n);
      return !overflows(box);
    }));
    if (k > 0) {
      part.textContent = whole.slice(0, k);
      rest[0].textContent = whole.slice(k).replace(/^\s+/, "");
    } else {
      text.removeChild(part);
    }
    return rest;
  }

  function continuation(sheet) {
    var next = document.createElement("div");
    next.className = "sheet more";
    next.appendChild(sheet.querySelector("header").cloneNode(true));
    var cells = document.createElement("div");
    cells.className = "cells";
    cells.innerHTML = '<div class="notes"><div class="text"></div><div class="lines"></div></div>';
    next.appendChild(cells);
    sheet.parentNode.insertBefore(next, sheet.nextSibling);
    return next;
  }

  function settle(sheet) {
    var next = null;
    sheet.querySelectorAll(".notes").forEach(function (box) {
      if (!sheet.classList.contains("more")) shrink(box);
      if (!overflows(box)) return;
      var marker = document.createElement("p");
      marker.className = "more-note";
      marker.textContent = MORE.replace("{n}", "999");
      var rest = cut(box, box.querySelector(".text"), marker);
      if (!rest.length) return marker.remove();
      next = next || continuation(sheet);
      var text = next.querySelector(".text");
      var heading = box.getAttribute("data-heading");
      if (heading) {
        var title = document.createElement("h2");
        title.textContent = heading;
        text.appendChild(title);
      }
      rest.forEach(function (element) { text.appendChild(element); });
      links.push([marker, next]);
    });
  }

  for (var sheet = document.querySelector(".sheet"); sheet; sheet = sheet.nextElementSibling) settle(sheet);
  var sheets = Array.prototype.slice.call(document.querySelectorAll(".sheet"));
  sheets.forEach(function (sheet, i) {
    sheet.querySelector(".page-no").textContent = i + 1 + " / " + sheets.length;
  });
  links.forEach(function (link) {
    link[0].textContent = MORE.replace("{n}", String(sheets.indexOf(link[1]) + 1));
  });
})();
