// Reviews: inline spoilers become buttons that reveal them (click, Enter,
// Space), the review form previews the grade as it is typed, and its copy
// desk panel follows the text. Pages work without this file: a checkbox
// reveals spoilers, and the form's Preview button shows the grade's value
// and the copy desk's panel from the server.
"use strict";

(() => {
  // Spoilers: each hidden span is a button until revealed. Its accessible
  // name stays its own text (a label that hid it would not match what is on
  // screen); a shared description says what activating it does.
  const hint = document.createElement("span");
  hint.id = "spoiler-hint";
  hint.hidden = true;
  hint.textContent = "Spoiler, hidden: activate to reveal";
  document.body.appendChild(hint);
  const reveal = (span) => {
    span.classList.add("is-revealed");
    span.removeAttribute("role");
    span.removeAttribute("tabindex");
    span.removeAttribute("aria-describedby");
    span.removeAttribute("aria-pressed");
  };
  const spoilers = document.querySelectorAll(".review-body span.spoiler");
  spoilers.forEach((span) => {
    span.setAttribute("role", "button");
    span.setAttribute("tabindex", "0");
    span.setAttribute("aria-pressed", "false");
    span.setAttribute("aria-describedby", "spoiler-hint");
    span.addEventListener("click", () => reveal(span));
    span.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        reveal(span);
      }
    });
  });
  if (spoilers.length) {
    document.querySelectorAll(".spoiler-toggle, .spoiler-switch").forEach((el) => el.remove());
  }

  // Grade preview: ask the server (one parser, one truth) after a pause in
  // typing; only the latest answer is shown.
  const DELAY_MS = 250;
  document.querySelectorAll("input[data-grade-preview]").forEach((input) => {
    const out = document.getElementById("grade-value");
    const field = input.closest(".field");
    let err = document.getElementById("grade-error");
    let timer = 0;
    let seq = 0;
    const showError = (msg) => {
      if (!err) {
        err = document.createElement("p");
        err.id = "grade-error";
        err.className = "field__error";
        out.insertAdjacentElement("afterend", err);
      }
      err.textContent = msg;
      err.hidden = !msg;
      field.classList.toggle("field--error", !!msg);
      if (msg) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    };
    const check = async () => {
      const text = input.value.trim();
      const n = ++seq;
      if (!text) {
        out.textContent = "";
        showError("");
        return;
      }
      try {
        const resp = await fetch(input.dataset.gradePreview + "?text=" + encodeURIComponent(text));
        const body = await resp.json();
        if (n !== seq) return;
        if (resp.ok) {
          out.textContent = "= " + Math.round(body.value * 10) / 10 + "/100 · " + body.verdict;
          showError("");
        } else {
          out.textContent = "";
          showError(body.error ? body.error.message : "This is not a grade reel can read.");
        }
      } catch (_) {
        // Offline or the server is down: the form still validates on save.
      }
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(check, DELAY_MS);
    });
  });

  // Spoiler marking: wrap the selected text of the body in ||…||.
  document.querySelectorAll("[data-editor-tools]").forEach((tools) => {
    tools.hidden = false;
  });
  document.querySelectorAll("button[data-spoiler-mark]").forEach((button) => {
    const area = document.getElementById(button.dataset.spoilerMark);
    button.addEventListener("click", () => {
      const { selectionStart: a, selectionEnd: b, value } = area;
      if (a === b) {
        area.focus();
        return;
      }
      area.value = value.slice(0, a) + "||" + value.slice(a, b) + "||" + value.slice(b);
      area.focus();
      area.setSelectionRange(a + 2, b + 2);
    });
  });

  // Copy desk panel: after a pause in typing, and only when the text or the
  // film changed, post them to the site's panel endpoint and swap in the
  // HTML it answers (the same template the Preview renders, escaped by the
  // server). A newer request aborts the one in flight.
  const PANEL_DELAY_MS = 600;
  const panel = document.querySelector("[data-desk-panel]");
  const form = document.getElementById("review-form");
  const body = document.getElementById("f-body");
  if (panel && form && body) {
    const how = document.querySelector("[data-desk-how]");
    const status = document.querySelector("[data-desk-status]");
    const quote = document.getElementById("f-quote");
    const filmOf = () => {
      const f = form.querySelector('input[name="film"]:checked, input[name="film"]:not([type="radio"])');
      return f ? f.value.trim() : "";
    };
    const state = () => {
      const p = new URLSearchParams({ body: body.value, film: filmOf() });
      if (quote) p.set("pull_quote", quote.value);
      return p;
    };
    if (how) how.textContent = "It reads the review again as you type.";
    // The panel's edit buttons need this script; without it they stay hidden.
    const showEdits = () => panel.querySelectorAll("button[data-desk-edit]").forEach((b) => (b.hidden = false));
    showEdits();
    // The panel's offsets are UTF-8 bytes of the text it read; a textarea
    // counts UTF-16 units.
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    const unitsOf = (text, bytes) => dec.decode(enc.encode(text).subarray(0, bytes)).length;
    let shown = state().toString(); // the server rendered the panel for this
    let timer = 0;
    let inFlight = null;
    const say = (msg) => {
      status.textContent = msg;
      status.hidden = !msg;
    };
    const refresh = async () => {
      const params = state();
      const key = params.toString();
      if (inFlight) inFlight.abort(); // stale: the text has moved on, or back
      if (key === shown) return;
      const ctl = new AbortController();
      inFlight = ctl;
      panel.setAttribute("aria-busy", "true");
      try {
        const resp = await fetch(panel.dataset.deskPanel, { method: "POST", body: params, signal: ctl.signal, credentials: "same-origin" });
        if (!resp.ok) throw new Error("status " + resp.status);
        const html = await resp.text();
        if (ctl.signal.aborted) return;
        panel.innerHTML = html;
        shown = key;
        showEdits();
        say("");
      } catch (e) {
        if (ctl.signal.aborted) return;
        say("The copy desk could not read the latest text; the panel shows an earlier reading.");
      } finally {
        if (inFlight === ctl) {
          inFlight = null;
          panel.removeAttribute("aria-busy");
        }
      }
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, PANEL_DELAY_MS);
    };
    body.addEventListener("input", later);
    if (quote) quote.addEventListener("input", later);
    form.addEventListener("change", (e) => {
      if (e.target.name === "film") later();
    });
    // "Use as the pull quote" fills the field here instead of posting the
    // form (which is what it does without this script).
    // A check's suggestion or a spoiler's ||…|| goes into the text, as an
    // edit the critic can undo, if the panel read the text as it is now.
    panel.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-desk-edit]");
      if (!button) return;
      if (state().toString() !== shown) {
        say("The text changed since the copy desk read it: wait a moment for it to catch up.");
        return;
      }
      const text = body.value;
      const a = unitsOf(text, Number(button.dataset.start));
      const b = unitsOf(text, Number(button.dataset.end));
      const span = text.slice(a, b);
      const next = button.dataset.deskEdit === "spoiler" ? "||" + span + "||" : button.dataset.text;
      body.focus();
      body.setSelectionRange(a, b);
      // insertText keeps the browser's undo history; setRangeText is the fallback.
      if (!document.execCommand("insertText", false, next)) {
        body.setRangeText(next, a, b, "end");
        later();
      }
    });
    panel.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-use-quote]");
      if (!button || !quote) return;
      e.preventDefault();
      quote.value = button.dataset.useQuote;
      quote.focus();
      refresh();
    });
  }
})();
