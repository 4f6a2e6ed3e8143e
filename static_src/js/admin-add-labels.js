/*
 * Labelled "+" buttons in our StreamFields (prozesse/edit_panels.py, labelled_stream): the last
 * "insert" button of a field marked data-add-label reads "+ Prozessschritt" instead of an
 * unlabelled ⊕, and every insert button gets that name for screen readers. Wagtail re-renders
 * the buttons when blocks are added or removed, so a MutationObserver keeps the labels.
 */
(function () {
    "use strict";

    function label(section) {
        var text = section.getAttribute("data-add-label");
        var buttons = section.querySelectorAll("button.c-sf-add-button");
        buttons.forEach(function (button, index) {
            button.setAttribute("aria-label", text + " hinzufügen");
            var visible = button.querySelector(".add-label");
            var isLast = index === buttons.length - 1;
            if (isLast && !visible) {
                visible = document.createElement("span");
                visible.className = "add-label";
                visible.textContent = text;
                button.appendChild(visible);
                button.classList.add("c-sf-add-button--labelled");
            } else if (!isLast && visible) {
                visible.remove();
                button.classList.remove("c-sf-add-button--labelled");
            }
        });
    }

    function start() {
        document.querySelectorAll("[data-add-label]").forEach(function (section) {
            var pending = false;
            label(section);
            new MutationObserver(function () {
                if (pending) return;
                pending = true;
                window.requestAnimationFrame(function () {
                    pending = false;
                    label(section);
                });
            }).observe(section, { childList: true, subtree: true });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
