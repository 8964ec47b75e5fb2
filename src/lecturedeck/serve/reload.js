// deck serve: reload this tab after a new build (the #N in the URL keeps the slide), and show the
// problems of a refused build over the last good one until they are fixed. Served only by deck serve.
// Only visible tabs keep the event stream open: a browser allows about six connections to one server,
// and a tab that comes back learns the state at once (and reloads if a build happened meanwhile).
(() => {
  const shown = Number(document.currentScript.dataset.generation);
  let events = null;

  function connect() {
    if (events) return;
    events = new EventSource("/__lecturedeck/events");
    events.addEventListener("state", (event) => {
      const state = JSON.parse(event.data);
      if (state.generation !== shown) {
        disconnect();
        location.reload();
        return;
      }
      overlay(state.errors);
    });
  }

  function disconnect() {
    if (events) events.close();
    events = null;
  }

  function overlay(errors) {
    let box = document.getElementById("lecturedeck-overlay");
    if (!errors.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "lecturedeck-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:0 0 auto 0;max-height:80vh;overflow:auto;z-index:2147483647;margin:0;" +
        "padding:1em 1.5em;background:#fff5f5;color:#7a0010;border-bottom:4px solid #c00018;" +
        "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;text-align:left";
      document.body.appendChild(box);
    }
    box.textContent =
      "deck serve: the last save could not be built; fix these problems and save again.\n\n" + errors.join("\n");
  }

  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  if (!document.hidden) connect();
})();
