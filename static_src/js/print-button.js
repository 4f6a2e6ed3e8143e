/* Buttons marked data-print open the browser's print dialog. A static file instead of
   onclick="window.print()": the Content-Security-Policy allows no inline scripts. */
document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
        event.preventDefault();
        window.print();
    }
});
