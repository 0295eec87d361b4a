// reel's progressive enhancement. Every page works without this file; with
// it, search boxes suggest films and people as you type. No inline scripts:
// the Content-Security-Policy allows scripts from this origin's files only.
"use strict";

(() => {
  const MIN_CHARS = 2;
  const DELAY_MS = 120; // wait for a pause in typing before asking the server
  const LIMIT = 8;

  const hrefOf = (hit) => (hit.kind === "film" ? "/films/" : "/people/") + encodeURIComponent(hit.id);

  // metaOf is the grey text beside a suggestion: "Film · 2019", "director, writer".
  const metaOf = (hit) => {
    if (hit.kind === "film") return hit.year ? "Film · " + hit.year : "Film";
    return hit.extra || "Person";
  };

  // enhance turns one search input into an ARIA combobox with a listbox of links.
  const enhance = (input, n) => {
    const box = input.parentElement;
    const list = document.createElement("ul");
    list.id = "suggest-" + n;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    box.appendChild(list);
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    let items = [];
    let active = -1;
    let timer = 0;
    let seq = 0;

    const show = (on) => {
      list.hidden = !on;
      input.setAttribute("aria-expanded", on ? "true" : "false");
      if (!on) {
        input.removeAttribute("aria-activedescendant");
        active = -1;
      }
    };

    // render replaces the list with the hits for query q; a selection made in
    // the previous list does not carry over.
    const render = (q, hits) => {
      list.textContent = "";
      list.dataset.query = q;
      input.removeAttribute("aria-activedescendant");
      items = hits.map((hit, i) => {
        const li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        const a = document.createElement("a");
        a.href = hrefOf(hit);
        a.tabIndex = -1;
        const name = document.createElement("span");
        name.textContent = hit.name;
        const meta = document.createElement("span");
        meta.className = "s-meta";
        meta.textContent = metaOf(hit);
        a.append(name, meta);
        li.appendChild(a);
        list.appendChild(li);
        return li;
      });
      active = -1;
      show(items.length > 0);
      status.textContent = items.length ? items.length + " suggestions; use the arrow keys to choose." : "";
    };

    const move = (step) => {
      if (!items.length) return;
      if (active >= 0) items[active].setAttribute("aria-selected", "false");
      active = (active + step + items.length) % items.length;
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
    };

    // choose opens the highlighted suggestion.
    const choose = () => window.location.assign(items[active].firstChild.href);

    const suggest = async () => {
      const q = input.value.trim();
      const mine = ++seq;
      if (q.length < MIN_CHARS) {
        show(false);
        return;
      }
      try {
        const res = await fetch("/api/v1/search?limit=" + LIMIT + "&q=" + encodeURIComponent(q), {
          headers: { Accept: "application/json" },
        });
        const body = res.ok ? await res.json() : { results: [] };
        if (mine === seq) render(q, body.results || []);
      } catch (_) {
        if (mine === seq) show(false); // the form still submits to /search
      }
    };

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY_MS);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden) return;
        e.preventDefault();
        move(e.key === "ArrowDown" ? 1 : -1);
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        choose();
      } else if (e.key === "Escape" && !list.hidden) {
        e.preventDefault();
        show(false);
      }
    });
    // Enter can also reach the form as a submission (browsers send a
    // keypress after the keydown); with a suggestion highlighted, it opens
    // the suggestion instead of the results page.
    if (input.form) {
      input.form.addEventListener("submit", (e) => {
        if (active < 0 || list.hidden) return;
        e.preventDefault();
        choose();
      });
    }
    input.addEventListener("blur", () => show(false));
    // Keep focus in the input while a suggestion is clicked, so blur does not
    // hide the list before the click lands.
    list.addEventListener("mousedown", (e) => e.preventDefault());
  };

  document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
