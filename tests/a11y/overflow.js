// What sticks out on the right at the current window width (tests/a11y/test_layout.py):
// the page itself, or elements cut off by a container that does not scroll.
() => {
    const width = window.innerWidth;
    const problems = [];
    const page = document.documentElement.scrollWidth;
    if (page > width) problems.push(`page is ${page} px wide`);
    const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const reported = new Set();
    for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1 || box.right <= width + 1) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        let ancestor = el.parentElement, held = false, inside = false;
        while (ancestor && ancestor !== document.body) {
            if (reported.has(ancestor)) { inside = true; break; }
            if (scrolls(ancestor) && ancestor.getBoundingClientRect().right <= width + 1) {
                held = true; break;
            }
            if (getComputedStyle(ancestor).position === 'fixed') { held = true; break; }
            // Visually hidden for screen readers: 1 px and clipped.
            const frame = ancestor.getBoundingClientRect();
            const tiny = frame.width <= 1 || frame.height <= 1;
            if (tiny && getComputedStyle(ancestor).overflow === 'hidden') { held = true; break; }
            ancestor = ancestor.parentElement;
        }
        if (held || inside) continue;
        reported.add(el);
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
        problems.push(`${name} reaches ${Math.round(box.right)} px: ${(el.innerText || '').trim().slice(0, 60)}`);
    }
    return problems;
}
