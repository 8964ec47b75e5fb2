/* lecturedeck quiz slides: a static script added to the HTML after marp-cli (never built from outline text).
   The layout names each piece of a quiz in its classes: choice-b-right / choice-b-wrong (the box),
   choice-b-letter, choice-b-text, choice-b-mark (highlight over a correct choice), explanation(-panel).
   A choice box becomes a button (click, or Enter / Space when focused); "e" shows the explanation.
   What is answered in one window of the deck (the presenter view) shows in its others (the audience's
   window) too, through a BroadcastChannel of this page. */
(function () {
  "use strict";
  var CHOICE = /(?:^|\s)choice-([a-h])-(right|wrong)(?:\s|$)/;
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("lecturedeck-quiz:" + location.pathname) : null;
  var quizzes = [];

  function tell(section, message) {
    if (!channel) return;
    message.quiz = quizzes.indexOf(section);
    channel.postMessage(message);
  }

  function pieces(section, letter) {
    return section.querySelectorAll('[class*="choice-' + letter + '-"]');
  }

  function solve(section) {
    section.classList.add("quiz-solved");
  }

  function choose(section, box) {
    var m = CHOICE.exec(box.className);
    var right = m[2] === "right";
    pieces(section, m[1]).forEach(function (el) {
      el.classList.add(right ? "quiz-right" : "quiz-wrong");
      if (el.classList.contains("choice-" + m[1] + "-mark")) el.classList.add("quiz-shown");
    });
    box.setAttribute("aria-pressed", "true");
    var open = section.querySelectorAll(".quiz-choice[data-quiz=right]:not(.quiz-right)");
    if (right && open.length === 0) solve(section);
  }

  function setUp(section) {
    section.classList.add("quiz-live");
    section.querySelectorAll(".g").forEach(function (el) {
      var m = CHOICE.exec(el.className);
      if (m) {
        el.classList.add("quiz-choice");
        el.setAttribute("data-quiz", m[2]);
        el.setAttribute("role", "button");
        el.setAttribute("tabindex", "0");
        var text = section.querySelector(".choice-" + m[1] + "-text");
        el.setAttribute("aria-label", m[1].toUpperCase() + ". " + (text ? text.textContent.trim() : ""));
        var pick = function (event) {
          event.stopPropagation();
          tell(section, { letter: m[1] });
          choose(section, el);
        };
        el.addEventListener("click", pick);
        el.addEventListener("keydown", function (event) {
          if (event.key !== "Enter" && event.key !== " ") return;
          event.preventDefault();
          pick(event);
        });
      } else if (/(?:^|\s)choice-[a-h]-text(?:\s|$)/.test(el.className)) {
        el.classList.add("quiz-text");
      } else if (/(?:^|\s)choice-[a-h]-mark(?:\s|$)/.test(el.className)) {
        el.classList.add("quiz-mark");
      } else if (/(?:^|\s)explanation(?:-panel)?(?:\s|$)/.test(el.className)) {
        el.classList.add("quiz-explain");
      }
    });
  }

  function shownQuizzes() {
    /* the slide on screen: bespoke marks its svg active (in the presenter view too) */
    return document.querySelectorAll(".bespoke-marp-active section.kind-quiz.quiz-live");
  }

  function heard(event) {
    var message = event.data || {};
    var section = quizzes[message.quiz];
    if (!section) return;
    if (message.solve) return solve(section);
    if (!/^[a-h]$/.test(message.letter)) return;
    var box = section.querySelector(".quiz-choice[class*='choice-" + message.letter + "-']");
    if (box) choose(section, box);
  }

  function start() {
    quizzes = Array.prototype.slice.call(document.querySelectorAll("section.kind-quiz"));
    quizzes.forEach(setUp);
    if (channel) channel.onmessage = heard;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "e" || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      shownQuizzes().forEach(function (section) {
        solve(section);
        tell(section, { solve: true });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
