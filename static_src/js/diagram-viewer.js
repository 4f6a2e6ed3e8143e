/*
 * Zoom and pan for BPMN diagrams (templates/prozesse/includes/diagram_viewer.html).
 *
 * The diagram is an inline SVG at its natural size inside a scroll container. Zooming sets the
 * SVG's width and height (text stays sharp; the container scrolls), keeping the middle of the
 * view in place. Buttons, keyboard (+, -, 0 and the arrow keys of the focused container),
 * dragging with the mouse, pinching with two fingers and Ctrl + wheel. Without this script the
 * container simply scrolls and the toolbar stays hidden. No inline scripts (CSP).
 */
(function () {
    "use strict";

    var MIN = 0.25;
    var MAX = 4;
    var STEP = 1.25;

    function setUp(viewer) {
        var svg = viewer.querySelector("svg");
        var figure = viewer.parentElement;
        var toolbar = figure ? figure.querySelector("[data-diagram-toolbar]") : null;
        if (!svg) return;
        var width = parseFloat(svg.getAttribute("width"));
        var height = parseFloat(svg.getAttribute("height"));
        if (!width || !height) return;
        var scale = 1;
        var level = toolbar ? toolbar.querySelector("[data-zoom-level]") : null;

        function apply(next, originX, originY) {
            next = Math.min(MAX, Math.max(MIN, next));
            var ox = originX === undefined ? viewer.clientWidth / 2 : originX;
            var oy = originY === undefined ? viewer.clientHeight / 2 : originY;
            var pointX = (viewer.scrollLeft + ox) / scale;
            var pointY = (viewer.scrollTop + oy) / scale;
            scale = next;
            svg.setAttribute("width", String(Math.round(width * scale)));
            svg.setAttribute("height", String(Math.round(height * scale)));
            viewer.scrollLeft = pointX * scale - ox;
            viewer.scrollTop = pointY * scale - oy;
            if (level) level.textContent = Math.round(scale * 100) + " %";
        }

        function fit() {
            var available = Math.min(viewer.clientWidth / width, viewer.clientHeight / height);
            apply(available > 0 ? available : 1);
            viewer.scrollLeft = 0;
            viewer.scrollTop = 0;
        }

        function act(action) {
            if (action === "in") apply(scale * STEP);
            else if (action === "out") apply(scale / STEP);
            else if (action === "reset") apply(1);
            else if (action === "fit") fit();
        }

        if (toolbar) {
            toolbar.hidden = false;
            toolbar.addEventListener("click", function (event) {
                var button = event.target.closest("[data-zoom]");
                if (button) act(button.getAttribute("data-zoom"));
            });
        }
        if (level) level.textContent = "100 %";

        viewer.addEventListener("keydown", function (event) {
            if (event.ctrlKey || event.metaKey || event.altKey) return;
            var keys = { "+": "in", "=": "in", "-": "out", "_": "out", "0": "reset" };
            if (keys[event.key]) {
                event.preventDefault();
                act(keys[event.key]);
            }
        });

        viewer.addEventListener(
            "wheel",
            function (event) {
                if (!event.ctrlKey) return;
                event.preventDefault();
                var box = viewer.getBoundingClientRect();
                apply(
                    scale * (event.deltaY < 0 ? STEP : 1 / STEP),
                    event.clientX - box.left,
                    event.clientY - box.top
                );
            },
            { passive: false }
        );

        // Drag to pan with the mouse (fingers scroll natively).
        var drag = null;
        viewer.addEventListener("pointerdown", function (event) {
            if (event.pointerType !== "mouse" || event.button !== 0) return;
            drag = { x: event.clientX, y: event.clientY, left: viewer.scrollLeft, top: viewer.scrollTop };
            viewer.setPointerCapture(event.pointerId);
            viewer.classList.add("is-dragging");
        });
        viewer.addEventListener("pointermove", function (event) {
            if (!drag) return;
            viewer.scrollLeft = drag.left - (event.clientX - drag.x);
            viewer.scrollTop = drag.top - (event.clientY - drag.y);
        });
        function endDrag() {
            drag = null;
            viewer.classList.remove("is-dragging");
        }
        viewer.addEventListener("pointerup", endDrag);
        viewer.addEventListener("pointercancel", endDrag);

        // Pinch with two fingers.
        var pinch = null;
        function distance(touches) {
            var dx = touches[0].clientX - touches[1].clientX;
            var dy = touches[0].clientY - touches[1].clientY;
            return Math.sqrt(dx * dx + dy * dy);
        }
        viewer.addEventListener(
            "touchstart",
            function (event) {
                if (event.touches.length === 2) pinch = { distance: distance(event.touches), scale: scale };
            },
            { passive: true }
        );
        viewer.addEventListener(
            "touchmove",
            function (event) {
                if (!pinch || event.touches.length !== 2) return;
                event.preventDefault();
                var box = viewer.getBoundingClientRect();
                var midX = (event.touches[0].clientX + event.touches[1].clientX) / 2 - box.left;
                var midY = (event.touches[0].clientY + event.touches[1].clientY) / 2 - box.top;
                apply(pinch.scale * (distance(event.touches) / pinch.distance), midX, midY);
            },
            { passive: false }
        );
        viewer.addEventListener("touchend", function (event) {
            if (event.touches.length < 2) pinch = null;
        });
    }

    function start() {
        document.querySelectorAll("[data-diagram-viewer]").forEach(setUp);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
