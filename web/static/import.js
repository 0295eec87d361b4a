// The Import page's enhancement. Without this file the progress page
// reloads itself every two seconds (a <noscript> meta refresh) and the
// report works as a plain form. With it, the progress page asks the job's
// small status endpoint instead and updates the progress bar and the status
// line in place, reloading once, when the report is ready; and typing a
// film into a row's box picks that row's "Another film" choice.
"use strict";

(() => {
  const root = document.getElementById("import-job");
  if (!root) return;
  const statusURL = root.dataset.status;
  const POLL_MS = 1000;
  const FOCUS_KEY = "reel-import-done";

  const remember = (on) => {
    try {
      if (on) sessionStorage.setItem(FOCUS_KEY, statusURL);
      else sessionStorage.removeItem(FOCUS_KEY);
    } catch (_) {
      // Storage may be off; focus then stays where the browser puts it.
    }
  };
  const remembered = () => {
    try {
      return sessionStorage.getItem(FOCUS_KEY) === statusURL;
    } catch (_) {
      return false;
    }
  };

  // After the reload that shows the report, move focus to its heading, so
  // a screen reader announces the outcome rather than the page's top.
  if (remembered()) {
    remember(false);
    const h = document.getElementById("report-h") || document.getElementById("import-error");
    if (h) {
      if (!h.hasAttribute("tabindex")) h.setAttribute("tabindex", "-1");
      h.focus();
    }
  }

  // Typing a film picks "Another film" for that row.
  for (const box of document.querySelectorAll(".import-film__other input[type=text]")) {
    box.addEventListener("input", () => {
      const pick = box.parentElement.querySelector("input[type=radio]");
      if (pick && box.value.trim() !== "") pick.checked = true;
    });
  }

  const bar = document.getElementById("import-progress");
  const line = document.getElementById("import-phase");
  if (!bar || !line) return;
  const num = (n) => n.toLocaleString("en-US");

  const describe = (st) => {
    switch (st.phase) {
      case "matching":
        return "Matching films: " + num(st.done) + " of " + num(st.total) + " rows";
      case "storing":
        return "Storing the matched rows of " + num(st.total);
      default:
        return "Reading your export…";
    }
  };

  // The status line is a live region: it changes with each phase and each
  // tenth of the matching, not on every poll, so it informs without chatter.
  let announced = "";
  const show = (st) => {
    if (st.total > 0) {
      bar.max = st.total;
      bar.value = st.done;
      bar.textContent = Math.floor((100 * st.done) / st.total) + "%";
    }
    const step = st.phase + ":" + (st.total > 0 ? Math.floor((10 * st.done) / st.total) : 0);
    if (step !== announced) {
      announced = step;
      line.textContent = describe(st);
    }
  };

  const poll = async () => {
    let st;
    try {
      const resp = await fetch(statusURL, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (resp.status === 404) {
        location.reload(); // expired: the page says so
        return;
      }
      if (!resp.ok) throw new Error("status " + resp.status);
      st = await resp.json();
    } catch (_) {
      setTimeout(poll, POLL_MS * 3); // a hiccup: try again, more slowly
      return;
    }
    if (st.state !== "running") {
      remember(true);
      location.reload();
      return;
    }
    show(st);
    setTimeout(poll, POLL_MS);
  };
  setTimeout(poll, POLL_MS);
})();
