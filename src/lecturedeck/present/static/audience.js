/* lecturedeck live: the audience page. Follows the lecture through Server-Sent Events (/events) and sends the
   student's choices to /api/answer. Every text from the server goes in with textContent, never as markup. */
(function () {
  "use strict";

  var WORDS = {
    en: {
      connecting: "Connecting…", live: "Live", lost: "Reconnecting…",
      quiz: "Quiz", poll: "Poll", waiting: "Coming up", open: "Open", closed: "Closed", revealed: "Answer shown",
      soon: "Answers open when your lecturer opens the question.",
      one: "Tap your answer. You can change it until the question closes.",
      many: "Choose every answer that applies, then send. You can change it until the question closes.",
      send: "Send answer", resend: "Send changes", done: "Sent ✓", sent: "Answer saved ✓ You can still change it.",
      sending: "Sending…", pickOne: "Pick at least one answer.", closedNote: "Answers are closed.",
      late: "This question was just closed: your last answer was not counted.",
      retry: "Not sent: check your connection. Trying again…", busy: "Busy: trying again…",
      rejoin: "Open the join link again to answer.", refused: "Not accepted: ",
      right: "Right!", wrong: "Not quite.", none: "You did not answer this one.",
      thanks: "Thanks for voting: the results are on the screen.",
      title: "Live lecture", idle: "Waiting for the next question",
      idleText: "Keep this page open: each question appears here when your lecturer reaches it."
    },
    zh: {
      connecting: "正在连接…", live: "已连接", lost: "正在重新连接…",
      quiz: "测验", poll: "投票", waiting: "即将开始", open: "作答中", closed: "已截止", revealed: "已公布答案",
      soon: "老师开放这道题后即可作答。",
      one: "点选你的答案。题目截止前可以更改。",
      many: "选出所有符合的答案，然后提交。题目截止前可以更改。",
      send: "提交答案", resend: "提交修改", done: "已提交 ✓", sent: "答案已保存 ✓ 截止前仍可更改。",
      sending: "正在提交…", pickOne: "请至少选择一个答案。", closedNote: "作答已截止。",
      late: "题目刚刚截止，最后一次修改未被计入。",
      retry: "未能提交，请检查网络。正在重试…", busy: "服务器繁忙，正在重试…",
      rejoin: "请重新打开加入链接再作答。", refused: "未被接受：",
      right: "回答正确！", wrong: "回答错误。", none: "你没有回答这道题。",
      thanks: "感谢投票，结果显示在大屏幕上。",
      title: "课堂互动", idle: "等待下一道题",
      idleText: "请保持此页面打开：老师讲到题目时，题目会显示在这里。"
    }
  };
  var langs = navigator.languages || [navigator.language || "en"];
  var lang = String(langs[0] || "en").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
  var T = WORDS[lang];

  var $ = function (id) { return document.getElementById(id); };
  var shown = null;      /* the question on the page: {q, kind, question, choices, multiple, correct?, explanation?} */
  var mode = "";         /* "waiting" (on the lecturer's slide, not open yet) | "open" | "closed" | "revealed" */
  var picked = [];       /* the choices selected on this page */
  var inFlight = false;
  var queued = false;    /* the selection changed while a request was on its way: send again when it returns */
  var retries = 0;

  function saved(q) {
    try { return JSON.parse(sessionStorage.getItem("ld-answer-" + q) || "[]"); } catch (e) { return []; }
  }
  function save(q, choices) {
    try { sessionStorage.setItem("ld-answer-" + q, JSON.stringify(choices)); } catch (e) { /* private mode */ }
  }
  function same(a, b) { return a.slice().sort().join() === b.slice().sort().join(); }
  function has(list, id) { return list.indexOf(id) >= 0; }

  function note(text, kind) {
    var el = $("note");
    el.textContent = text || "";
    el.className = "note" + (kind ? " " + kind : "");
  }

  function link(state) {
    $("link").setAttribute("data-state", state);
    $("link-text").textContent = T[state];
  }

  function build(question) {
    var box = $("choices");
    box.textContent = "";
    question.choices.forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "choice";
      button.setAttribute("data-id", choice.id);
      var letter = document.createElement("span");
      letter.className = "letter";
      letter.textContent = choice.id;
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = choice.text;
      var mark = document.createElement("span");
      mark.className = "mark";
      mark.setAttribute("aria-hidden", "true");
      button.appendChild(letter);
      button.appendChild(text);
      button.appendChild(mark);
      button.addEventListener("click", function () { choose(choice.id); });
      box.appendChild(button);
    });
    $("kind").textContent = T[question.kind] || question.kind;
    $("question-text").textContent = question.question;
    $("question").classList.toggle("multiple", !!question.multiple);
  }

  function paint() {
    var open = mode === "open";
    var correct = mode === "revealed" ? shown.correct || [] : [];
    var mine = open ? picked : saved(shown.q);
    $("status").textContent = T[mode];
    $("question").classList.toggle("closed", mode === "closed" || mode === "revealed");
    $("question").classList.toggle("soon", mode === "waiting");
    $("hint").textContent = open ? (shown.multiple ? T.many : T.one) : mode === "waiting" ? T.soon : "";
    $("choices").querySelectorAll(".choice").forEach(function (button) {
      var id = button.getAttribute("data-id");
      var right = has(correct, id), chosen = has(mine, id);
      button.disabled = !open;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
      button.classList.toggle("right", right);
      button.classList.toggle("wrong", chosen && !right && correct.length > 0);
      button.querySelector(".mark").textContent = right ? "✓" : chosen && correct.length ? "✗" : "";
    });
    var send = $("send"), stored = saved(shown.q);
    send.hidden = !(open && shown.multiple);
    send.disabled = inFlight || picked.length === 0 || same(picked, stored);
    send.textContent = !stored.length ? T.send : same(picked, stored) ? T.done : T.resend;
    $("result").hidden = mode !== "revealed";
    if (mode === "revealed") {
      var verdict = $("verdict");
      if (shown.kind === "poll") {
        verdict.textContent = T.thanks;
        verdict.className = "verdict";
      } else {
        var good = mine.length > 0 && same(mine, correct);
        verdict.textContent = mine.length === 0 ? T.none : good ? T.right : T.wrong;
        verdict.className = "verdict" + (mine.length === 0 ? "" : good ? " right" : " wrong");
      }
      $("explanation").textContent = shown.explanation || "";
    }
  }

  function show(question, how) {
    var fresh = !shown || shown.q !== question.q;
    shown = question;
    if (fresh) {
      build(question);
      picked = saved(question.q);
      note("");
    }
    if (mode !== how && how !== "open") note(how === "closed" ? T.closedNote : "");
    mode = how;
    $("waiting").hidden = true;
    $("question").hidden = false;
    paint();
  }

  function wait() {
    shown = null;
    mode = "";
    $("question").hidden = true;
    $("waiting").hidden = false;
  }

  function onState(state) {
    /* the open question first (whichever slide it is on), then the question of the lecturer's slide whatever its
       status (coming up, closed, revealed), then the last one revealed until another opens */
    if (state.open) show(state.open, "open");
    else if (state.here) show(state.here, state.here.status);
    else if (state.revealed) show(state.revealed, "revealed");
    else wait();
  }

  function choose(id) {
    if (mode !== "open") return;
    if (shown.multiple) {
      picked = has(picked, id) ? picked.filter(function (c) { return c !== id; }) : picked.concat([id]);
      note(picked.length ? "" : T.pickOne);
      paint();
    } else {
      picked = [id];
      paint();
      submit();
    }
  }

  function submit() {
    if (mode !== "open" || picked.length === 0) return;
    if (inFlight) { queued = true; return; }
    var q = shown.q, choices = picked.slice();
    inFlight = true;
    note(T.sending);
    paint();
    fetch("/api/answer", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ q: q, choices: choices }),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        finish(q, choices, response.status, body);
      });
    }, function () {
      finish(q, choices, 0, {});
    });
  }

  function finish(q, choices, status, body) {
    inFlight = false;
    var again = queued;
    queued = false;
    if (status === 200) {
      retries = 0;
      save(q, choices);
      if (shown && shown.q === q) note(T.sent, "ok");
    } else if ((status === 0 || status === 429 || status >= 500) && retries < 5) {
      retries += 1;
      note(status === 0 ? T.retry : T.busy, "error");
      setTimeout(submit, 700 * retries);
    } else if (status === 409) {
      note(T.late, "error");
    } else if (status === 403) {
      note(T.rejoin, "error");
    } else {
      retries = 0;
      note(T.refused + String(body.error || status), "error");
    }
    if (shown && shown.q === q) paint();
    if (again && shown && shown.q === q && !same(picked, saved(q))) submit();
  }

  function listen() {
    var source = new EventSource("/events");
    source.addEventListener("open", function () { link("live"); });
    source.addEventListener("state", function (event) {
      link("live");
      onState(JSON.parse(event.data));
    });
    source.addEventListener("error", function () {
      link("lost");
      if (source.readyState === EventSource.CLOSED) setTimeout(listen, 3000); /* refused: try again later */
    });
  }

  function start() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = T.title;
    $("waiting-title").textContent = T.idle;
    $("waiting-text").textContent = T.idleText;
    link("connecting");
    $("send").addEventListener("click", submit);
    listen();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
