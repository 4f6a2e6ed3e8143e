/*
 * Autocomplete for search boxes (ARIA 1.2 combobox with a listbox popup).
 *
 * Enhances every <input data-autocomplete-url="…">: typing (2+ characters) asks the URL for
 * matching titles ({results: [{title, url, type, kommune}]}) and lists them. Arrow keys move
 * through the list (the input keeps focus, aria-activedescendant names the option), Enter opens
 * the chosen page, Escape closes the list, Tab leaves it. Without JavaScript the form simply
 * submits. Also moves focus to the results heading after a search, so screen readers start there.
 */
(function () {
  "use strict";

  var DELAY_MS = 150;
  var counter = 0;

  function enhance(input) {
    var url = input.getAttribute("data-autocomplete-url");
    var id = "ac-" + (++counter);
    var wrapper = input.parentNode;
    var listbox = document.createElement("ul");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var request = null;

    listbox.id = id + "-list";
    listbox.className = "autocomplete__list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Vorschläge");
    listbox.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.classList.add("autocomplete");
    wrapper.appendChild(listbox);
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      listbox.textContent = "";
      options = results.map(function (result, i) {
        var option = document.createElement("li");
        var title = document.createElement("span");
        var meta = document.createElement("span");
        option.id = id + "-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", result.url);
        option.className = "autocomplete__option";
        title.textContent = result.title;
        meta.className = "autocomplete__meta";
        meta.textContent = [result.type, result.kommune].filter(Boolean).join(" · ");
        option.appendChild(title);
        option.appendChild(meta);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input
          window.location.href = result.url;
        });
        listbox.appendChild(option);
        return option;
      });
      active = -1;
      if (options.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = options.length === 1
          ? "1 Vorschlag. Mit den Pfeiltasten auswählen."
          : options.length + " Vorschläge. Mit den Pfeiltasten auswählen.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 2) {
        render([]);
        return;
      }
      if (request) request.abort();
      request = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: request.signal
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === query) render(data.results || []); })
        .catch(function () { /* aborted or offline: keep the plain search box */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        if (!open) { lastQuery = ""; fetchSuggestions(); return; }
        event.preventDefault();
        highlight(active < options.length - 1 ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.href = options[active].getAttribute("data-url");
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  function init() {
    Array.prototype.forEach.call(
      document.querySelectorAll("input[data-autocomplete-url]"), enhance
    );
    var heading = document.querySelector("[data-focus-on-load]");
    if (heading && !document.querySelector(":focus")) heading.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
