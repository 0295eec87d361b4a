// Reviews: inline spoilers become buttons that reveal them (click, Enter,
// Space), and the review form previews the grade as it is typed. Pages work
// without this file: a checkbox reveals spoilers, and the form's Preview
// button shows the grade's value from the server.
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
})();
