/* A glossary term opens a popover with the definition this page already prints in its list of terms
   (hover, focus, click, Enter or Space; Escape closes). The link itself still leads to the full entry.
   main.js imports this module when a term is first hovered, focused or activated, and hands that first
   interaction over (the returned `open`). */

function popoverElement() {
  const pop = document.createElement("div");
  pop.className = "glossary-popover"; pop.id = "glossary-popover"; pop.hidden = true;
  pop.setAttribute("role", "dialog"); pop.setAttribute("tabindex", "-1");
  document.body.appendChild(pop);
  return pop;
}

// The definitions this page prints, by the address of the entry their dt links to (the address each term links to).
function definitions(root) {
  const found = new Map();
  root.querySelectorAll(".term-def").forEach((def) => {
    const entry = def.querySelector("dt a[href]");
    if (entry) found.set(entry.href, def);
  });
  return found;
}

// The popover's content: the term, its definition (without the list of paragraphs), a link to the entry.
function fill(pop, link, def, close) {
  pop.textContent = "";
  const button = document.createElement("button");
  button.type = "button"; button.className = "popover-close"; button.textContent = "Close";
  button.addEventListener("click", close);
  const title = document.createElement("p");
  title.className = "popover-term"; title.id = "glossary-popover-title";
  title.textContent = def ? def.querySelector("dt").textContent.trim() : link.textContent;
  pop.appendChild(button); pop.appendChild(title);
  if (def) {
    const body = def.querySelector("dd").cloneNode(true);
    const occurs = body.querySelector(".occurs");
    if (occurs) occurs.remove();
    while (body.firstChild) pop.appendChild(body.firstChild);
  }
  const more = document.createElement("p");
  const a = document.createElement("a");
  a.href = link.href; a.textContent = "Full entry in the glossary";
  more.appendChild(a); pop.appendChild(more);
  pop.setAttribute("aria-labelledby", title.id);
}

// Below the term, or above it if there is no room: never over the words it explains.
function place(pop, link) {
  const r = link.getBoundingClientRect();
  pop.style.left = "0px"; pop.style.top = "0px";
  const width = pop.offsetWidth, height = pop.offsetHeight;
  const left = Math.min(Math.max(8, r.left), document.documentElement.clientWidth - width - 8);
  let top = r.bottom + 6;
  if (top + height > window.innerHeight && r.top - height - 6 > 0) top = r.top - height - 6;
  pop.style.left = (left + window.scrollX) + "px";
  pop.style.top = (top + window.scrollY) + "px";
}

export function setUpGlossaryPopover(root) {
  const terms = root.querySelectorAll("a.term");
  if (!terms.length) return { open: () => {} };
  const pop = popoverElement(), defs = definitions(root);
  let owner = null, pinned = false, hideTimer = null, returning = false;

  function show(link, pin) {
    clearTimeout(hideTimer);
    if (owner && owner !== link) owner.setAttribute("aria-expanded", "false");
    owner = link; pinned = pin;
    fill(pop, link, defs.get(link.href) || null, () => hide(true));
    pop.hidden = false;
    link.setAttribute("aria-expanded", "true");
    place(pop, link);
    if (pin) pop.focus();
  }

  function hide(returnFocus) {
    if (!owner) return;
    pop.hidden = true;
    owner.setAttribute("aria-expanded", "false");
    const was = owner;
    owner = null; pinned = false;
    if (returnFocus) {
      returning = true;  // focus goes back to the term: that must not open the popover again
      try { was.focus(); } finally { returning = false; }
    }
  }

  const hideSoon = (delay) => { hideTimer = setTimeout(() => hide(false), delay); };

  terms.forEach((link) => {
    link.setAttribute("aria-expanded", "false");
    link.setAttribute("aria-controls", pop.id);
    link.addEventListener("mouseenter", () => { if (!pinned) show(link, false); });
    link.addEventListener("mouseleave", () => { if (!pinned) hideSoon(300); });
    link.addEventListener("focus", () => { if (!pinned && !returning) show(link, false); });
    link.addEventListener("blur", () => {
      if (!pinned) hideTimer = setTimeout(() => { if (!pinned && !pop.contains(document.activeElement)) hide(false); }, 150);
    });
    link.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;  // open-in-new-tab still works
      event.preventDefault();
      show(link, true);
    });
    link.addEventListener("keydown", (event) => {
      if (event.key === " ") { event.preventDefault(); show(link, true); }
      else if (event.key === "Escape") hide(false);
    });
  });
  pop.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  pop.addEventListener("mouseleave", () => { if (!pinned) hideSoon(300); });
  pop.addEventListener("keydown", (event) => { if (event.key === "Escape") { event.preventDefault(); hide(true); } });
  pop.addEventListener("focusout", (event) => {
    // Tabbing out of an open popover closes it, unless focus goes back to its term.
    const next = event.relatedTarget;
    if (owner && pinned && next && !pop.contains(next) && next !== owner) hide(false);
  });
  document.addEventListener("click", (event) => {
    if (owner && pinned && !pop.contains(event.target) && event.target !== owner && !owner.contains(event.target)) hide(false);
  });
  // The interaction that loaded this module: a click or Space pins the popover; a hover or focus shows it only
  // while the pointer or focus is still on the term.
  return {
    open: (link, pin) => {
      if (pin) show(link, true);
      else if (link.matches(":hover") || document.activeElement === link) show(link, false);
    },
  };
}
