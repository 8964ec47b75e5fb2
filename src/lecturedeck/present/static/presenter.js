/* lecturedeck live: the presenter's side, added by `deck present` to the lecture page it serves. It tells the
   server which slide is on screen, draws the live answers into each quiz and poll slide (a bar in every choice
   box, the number of answers, the share correct once revealed), opens, closes and reveals questions (buttons on
   the slide, or the keys o, c, r), hides the counts (h) and shows how to join (j: QR code, link, room code; the
   same on every `kind: join` slide).
   The server's data goes in with textContent and element properties, never as markup. */
(function () {
  "use strict";
  var script = document.currentScript;
  var view = new URLSearchParams(location.search).get("view");
  if (!script || view === "next") return; /* the presenter view's preview of the next slide stays passive */
  var config = {
    token: script.getAttribute("data-token") || "",
    room: script.getAttribute("data-room") || "",
    join: script.getAttribute("data-join") || ""
  };
  var CHOICE = /(?:^|\s)choice-([a-h])-(right|wrong|box)(?:\s|$)/;
  var zh = (document.documentElement.lang || (document.querySelector("section[lang]") || {}).lang || "")
    .toLowerCase().indexOf("zh") === 0;
  var T = zh ? {
    waiting: "未开放", open: "作答中", closed: "已截止", revealed: "已公布",
    answers: function (n) { return n + " 人作答"; },
    correct: function (p) { return p + "% 正确"; },
    openB: "开放", closeB: "截止", revealB: "公布",
    join: "扫码或打开链接加入", room: "房间号", failed: "操作失败："
  } : {
    waiting: "Not open yet", open: "Open", closed: "Closed", revealed: "Revealed",
    answers: function (n) { return n === 1 ? "1 answer" : n + " answers"; },
    correct: function (p) { return p + "% correct"; },
    openB: "Open", closeB: "Close", revealB: "Reveal",
    join: "Scan or open the link to join", room: "Room", failed: "Not done: "
  };

  var questions = {};  /* by slide number: {q, kind, slide, correct, views (each copy of the slide), tally} */
  var overlay = null;
  var reported = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function api(method, path, body) {
    var headers = { Authorization: "Bearer " + config.token };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(path, {
      method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.error || String(response.status));
        return data;
      });
    });
  }

  /* --- the slides --- */

  function sections(number) {
    /* every copy of a slide (the presenter view shows it too) */
    return document.querySelectorAll('section[id="' + number + '"]');
  }

  function activeSlide() {
    var active = document.querySelector("svg.bespoke-marp-active section[id]");
    return active ? Number(active.id) : 0;
  }

  function setUp(question) {
    question.views = [];
    sections(question.slide).forEach(function (section) {
      var boxes = {};
      section.querySelectorAll(".g").forEach(function (g) {
        var m = CHOICE.exec(g.className);
        if (!m) return;
        var id = m[1].toUpperCase();
        var bar = el("div", "ld-bar");
        var count = el("div", "ld-count");
        g.appendChild(bar);
        g.appendChild(count);
        boxes[id] = { box: g, bar: bar, count: count };
      });
      var panel = el("div", "ld-live");
      var status = el("span", "ld-status");
      var figures = el("span", "ld-figures");
      var buttons = el("span", "ld-buttons");
      [["open", T.openB, "o"], ["close", T.closeB, "c"], ["reveal", T.revealB, "r"]].forEach(function (b) {
        if (b[0] === "reveal" && question.kind === "poll") return;
        var button = el("button", "ld-button ld-" + b[0]);
        button.type = "button";
        button.appendChild(el("span", "", b[1]));
        button.appendChild(el("kbd", "", b[2]));
        button.addEventListener("click", function (event) {
          event.stopPropagation();
          act(question, b[0]);
        });
        buttons.appendChild(button);
      });
      var join = el("span", "ld-join", shortJoin());
      panel.appendChild(status);
      panel.appendChild(figures);
      panel.appendChild(join);
      panel.appendChild(buttons);
      panel.addEventListener("click", function (event) { event.stopPropagation(); });
      section.appendChild(panel);
      section.classList.add("ld-question");
      question.views.push({ section: section, boxes: boxes, status: status, figures: figures });
    });
    question.tally = { counts: {}, answers: 0, status: "waiting", correct_share: null };
  }

  function draw(question) {
    var t = question.tally;
    var top = 0;
    Object.keys(t.counts).forEach(function (id) { top = Math.max(top, t.counts[id]); });
    question.views.forEach(function (v) {
      v.section.setAttribute("data-ld-status", t.status);
      v.status.textContent = T[t.status] || t.status;
      var parts = t.status === "waiting" ? [] : [T.answers(t.answers)];
      if (t.status === "revealed" && t.correct_share !== null && t.correct_share !== undefined) {
        parts.push(T.correct(Math.round(100 * t.correct_share)));
      }
      v.figures.textContent = parts.join(" · ");
      Object.keys(v.boxes).forEach(function (id) {
        var n = t.counts[id] || 0;
        var share = t.answers ? n / t.answers : 0;
        v.boxes[id].bar.style.width = (top ? (100 * n) / top : 0) + "%";
        v.boxes[id].count.textContent = n ? n + " · " + Math.round(100 * share) + "%" : "0";
        v.boxes[id].count.classList.toggle("ld-zero", !n);
        v.boxes[id].box.classList.toggle("ld-correct", t.status === "revealed" && question.correct.indexOf(id) >= 0);
      });
      if (question.kind === "quiz" && (t.status === "revealed") !== (v.revealed || false)) {
        /* quiz.js's own classes: the highlight over the right choices and the explanation (hidden again when
           the question is opened anew) */
        v.revealed = t.status === "revealed";
        v.section.classList.toggle("quiz-solved", v.revealed);
        v.section.querySelectorAll(".quiz-mark").forEach(function (m) { m.classList.toggle("quiz-shown", v.revealed); });
      }
    });
  }

  function act(question, action) {
    var view = question.views[0];
    api("POST", "/api/q/" + question.q + "/" + action).catch(function (error) {
      if (view) view.figures.textContent = T.failed + error.message;
    });
  }

  function report() {
    var slide = activeSlide();
    if (!slide || slide === reported) return;
    reported = slide;
    api("POST", "/api/slide", { slide: slide }).catch(function () { reported = 0; });
  }

  /* --- joining --- */

  function shortJoin() {
    return config.join.replace(/^https?:\/\//, "");
  }

  function qrSource() {
    return "data:image/svg+xml;charset=utf-8," + encodeURIComponent(config.qr);
  }

  function write(box, text) {
    /* a laid-out text box: its one paragraph holds the placeholder */
    var paragraph = box && (box.querySelector("p") || box);
    if (paragraph) paragraph.textContent = text;
  }

  function fillJoinSlides() {
    /* kind: join: the QR code into its white square, the link and room code in place of the placeholders */
    document.querySelectorAll("section.kind-join").forEach(function (section) {
      var square = section.querySelector(".join-code");
      if (square && config.qr && !square.querySelector("img")) {
        var qr = el("img", "ld-join-qr");
        qr.alt = config.join;
        qr.src = qrSource();
        square.appendChild(qr);
        section.classList.add("ld-joined");
      }
      write(section.querySelector(".join-link"), shortJoin());
      write(section.querySelector(".join-room"), config.room);
    });
  }

  function toggleJoin(show) {
    if (!overlay) {
      overlay = el("div", "ld-overlay");
      overlay.setAttribute("role", "dialog");
      overlay.setAttribute("aria-label", T.join);
      var card = el("div", "ld-card");
      var qr = el("img", "ld-qr");
      qr.alt = config.join;
      qr.hidden = true;
      card.appendChild(qr);
      var words = el("div", "ld-words");
      words.appendChild(el("p", "ld-how", T.join));
      words.appendChild(el("p", "ld-url", shortJoin()));
      var room = el("p", "ld-room");
      room.appendChild(el("span", "", T.room));
      room.appendChild(el("b", "", config.room));
      words.appendChild(room);
      card.appendChild(words);
      overlay.appendChild(card);
      overlay.addEventListener("click", function () { toggleJoin(false); });
      document.body.appendChild(overlay);
      overlay.hidden = true;
      overlay.qr = qr;
    }
    if (config.qr) {
      overlay.qr.src = qrSource();
      overlay.qr.hidden = false;
    }
    overlay.hidden = show === undefined ? !overlay.hidden : !show;
  }

  /* --- keys: o, c, r act on the question on screen (o stays bespoke's overview elsewhere) --- */

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    var key = event.key;
    if (key === "Escape" && overlay && !overlay.hidden) {
      toggleJoin(false);
    } else if (key === "j") {
      toggleJoin();
    } else if (key === "h") {
      document.body.classList.toggle("ld-hide-results");
    } else {
      var question = questions[activeSlide()];
      var action = { o: "open", c: "close", r: "reveal" }[key];
      if (!question || !action || (action === "reveal" && question.kind === "poll")) return;
      act(question, action);
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  function listen() {
    var source = new EventSource("/api/present/events?token=" + encodeURIComponent(config.token));
    source.addEventListener("tally", function (event) {
      var tally = JSON.parse(event.data);
      var question = questions[Number(String(tally.q).slice(1))];
      if (!question) return;
      question.tally = tally;
      draw(question);
    });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) setTimeout(listen, 3000);
    });
  }

  function start() {
    var css = el("link");
    css.rel = "stylesheet";
    css.href = "/present-static/presenter.css";
    document.head.appendChild(css);
    window.addEventListener("keydown", onKey, true);
    api("GET", "/api/present/info").then(function (info) {
      config.qr = info.qr || "";
      config.join = info.join || config.join;
      config.room = info.room || config.room;
      fillJoinSlides();
      (info.questions || []).forEach(function (q) {
        var question = { q: q.q, kind: q.kind, slide: q.slide, correct: q.correct || [] };
        questions[q.slide] = question;
        setUp(question);
        draw(question);
      });
      listen();
    });
    new MutationObserver(report).observe(document.body, { attributes: true, attributeFilter: ["class"], subtree: true });
    report();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
