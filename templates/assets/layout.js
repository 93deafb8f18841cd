/* Where the editor's notes and calculations sit.

   From 60rem glossa.css sets `--layout: sidenotes` on the text: each item is set beside the line of its
   reference and nudged down where it would overlap the item above it in its column (glossa.css names the
   column in `--column`: notes right, calculations left on wide screens). Below 60rem each item is hidden
   until its number opens it, alone, inside the paragraph just after the number; its back link or Escape
   puts it back. hidden="until-found" keeps closed items findable with find-in-page, which opens them
   where they stand. Without JavaScript the sidenotes float beside the text in reading order, and on
   narrow screens every item follows its paragraph. */

const GAP = 10;   // px between two items of one column
const LIFT = 4;   // px: a superscript's box starts a little below the top of its line

// The mark in the text that calls an item: a.noteref or a.calcref whose href is the item's id.
function referenceOf(text, item) {
  return text.querySelector('p.body a[data-ed][href="#' + CSS.escape(item.id) + '"]');
}

export function setUpMargins(root) {
  const text = root.querySelector("section.text");
  if (!text) return null;
  const items = Array.from(text.querySelectorAll(".margin > .note, .margin > .callout"))
    .map((el) => ({ el, ref: referenceOf(text, el), home: el.parentNode, open: false }));
  const byElement = new Map(items.map((item) => [item.el, item]));
  let mode = "";

  const sidenotes = () => getComputedStyle(text).getPropertyValue("--layout").trim() === "sidenotes";

  // Stack each column's items in reading order, each at its reference line or just below the one above.
  function place() {
    text.style.minHeight = "";
    const origin = text.getBoundingClientRect().top;
    const rows = items.map((item) => ({
      el: item.el, column: getComputedStyle(item.el).getPropertyValue("--column").trim() || "right",
      want: item.ref ? item.ref.getBoundingClientRect().top - origin - LIFT : 0, height: item.el.offsetHeight,
    }));
    const next = {};
    let lowest = 0;
    rows.forEach((row) => {
      const top = Math.max(row.want, next[row.column] === undefined ? -Infinity : next[row.column]);
      row.el.style.top = Math.round(top) + "px";
      next[row.column] = top + row.height + GAP;
      lowest = Math.max(lowest, top + row.height);
    });
    if (lowest > text.offsetHeight) text.style.minHeight = Math.ceil(lowest) + "px";
  }

  // Narrow screens: an item opens alone, inside its paragraph after its number, and goes back on closing.
  // Sidenotes: a note opens whole where it stands (closed, it shows its first lines).
  function close(item) {
    if (!item.open) return;
    item.open = false;
    item.el.classList.remove("is-open");
    if (item.more) item.more.setAttribute("aria-expanded", "false");
    if (item.el.parentNode !== item.home) {
      item.home.appendChild(item.el);
      sortHome(item.home);
    }
    if (item.ref) item.ref.setAttribute("aria-expanded", "false");
    if (mode === "narrow") item.el.setAttribute("hidden", "until-found");
  }

  // Items go back in reading order, whatever order they were closed in.
  function sortHome(home) {
    items.filter((i) => i.home === home && !i.open).forEach((i) => home.appendChild(i.el));
  }

  function open(item) {
    if (mode === "narrow") {
      items.forEach((other) => { if (other !== item) close(other); });
      if (!item.open && item.ref) item.ref.after(item.el);
      item.el.removeAttribute("hidden");
    }
    item.open = true;
    item.el.classList.add("is-open");
    if (item.more) item.more.setAttribute("aria-expanded", "true");
    if (item.ref) item.ref.setAttribute("aria-expanded", "true");
  }

  // A note's "More" button (shown by glossa.css only beside the text).
  function moreButton(item) {
    const button = document.createElement("button");
    button.type = "button"; button.className = "note-more"; button.setAttribute("aria-expanded", "false");
    button.textContent = "More";
    const label = item.el.getAttribute("aria-label");
    if (label) {
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden"; hidden.textContent = " of " + label.toLowerCase();
      button.appendChild(hidden);
    }
    button.addEventListener("click", () => (item.open ? close(item) : open(item)));
    const body = item.el.querySelector(".note-body");
    (body ? body.parentNode : item.el).insertBefore(button, body ? body.nextSibling : null);
    return button;
  }
  items.forEach((item) => { if (item.el.classList.contains("note")) item.more = moreButton(item); });

  function apply() {
    const wanted = sidenotes() ? "sidenotes" : "narrow";
    if (wanted !== mode) {
      items.forEach(close);
      mode = wanted;
      text.classList.toggle("placed", mode === "sidenotes");
      text.classList.toggle("folded", mode === "narrow");
      items.forEach((item) => {
        if (mode === "narrow") {
          item.el.setAttribute("hidden", "until-found");
          if (item.ref) item.ref.setAttribute("aria-expanded", "false");
        } else {
          item.el.removeAttribute("hidden");
          item.el.style.top = "";
          if (item.ref) item.ref.setAttribute("aria-expanded", "false");
        }
      });
      if (mode === "narrow") text.style.minHeight = "";
    }
    if (mode === "sidenotes") place();
  }

  // The item that holds an element (a note, a calculation, or something inside one), if any.
  function itemHolding(element) {
    const el = element && element.closest && element.closest(".note, .callout");
    return el ? byElement.get(el) : undefined;
  }

  function reveal(element) {
    const item = itemHolding(element);
    if (item) open(item);
  }

  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; apply(); });
  };
  apply();
  const observer = new ResizeObserver(schedule);
  text.querySelectorAll("p.body").forEach((p) => observer.observe(p));
  items.forEach((item) => observer.observe(item.el));
  if (document.fonts) document.fonts.ready.then(schedule);
  items.forEach((item) => item.el.addEventListener("beforematch", () => { item.el.removeAttribute("hidden"); }));

  // A same-page link to an item or into one (a permalink, a calculation's input) opens that item first.
  const target = () => location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link && !link.matches("p.body a[data-ed]")) reveal(document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))));
  }, true);
  window.addEventListener("hashchange", () => reveal(target()));
  const initial = target();
  if (initial && itemHolding(initial)) {
    reveal(initial);
    initial.scrollIntoView();
  }

  return {
    narrow: () => mode === "narrow",
    isOpen: (el) => !!(byElement.get(el) && byElement.get(el).open),
    open: (el) => { const item = byElement.get(el); if (item) open(item); },
    close: (el) => { const item = byElement.get(el); if (item) close(item); },
    referenceOf: (el) => { const item = byElement.get(el); return item ? item.ref : null; },
  };
}
