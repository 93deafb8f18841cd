/* On narrow screens each paragraph's notes and calculations fold into a button under the paragraph, so
   the text reads on; they open in place. hidden="until-found" keeps them findable with find-in-page (the
   browser opens them on a match or on a link to them). Without JavaScript, or on wide screens,
   everything stays open in the margin. */

const NARROW = "(max-width: 67.99rem)";  // the width below which glossa.css stacks the margin

function marginToggle(margin) {
  return document.querySelector('button.margin-toggle[aria-controls="' + margin.id + '"]');
}

function setMarginOpen(margin, open) {
  const button = marginToggle(margin);
  if (!button) return;
  if (open) margin.removeAttribute("hidden"); else margin.setAttribute("hidden", "until-found");
  button.setAttribute("aria-expanded", open ? "true" : "false");
}

// Opens the folded margin that holds `element`, if any (a note or calculation about to be shown).
export function revealMargin(element) {
  const margin = element.closest(".margin");
  if (margin) setMarginOpen(margin, true);
}

function describeMargin(margin) {
  const notes = margin.querySelectorAll(".note").length, calcs = margin.querySelectorAll(".callout").length;
  const parts = [];
  if (notes) parts.push(notes + (notes === 1 ? " note" : " notes"));
  if (calcs) parts.push(calcs + (calcs === 1 ? " calculation" : " calculations"));
  return parts.join(", ");
}

function hashTarget() {
  return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
}

function foldButton(margin) {
  const button = document.createElement("button");
  button.type = "button"; button.className = "margin-toggle";
  button.setAttribute("aria-controls", margin.id);
  button.textContent = "Editor: " + describeMargin(margin);
  const where = document.createElement("span");
  where.className = "visually-hidden";
  where.textContent = " on paragraph " + (margin.dataset.paragraph || "");
  button.appendChild(where);
  button.addEventListener("click", () => setMarginOpen(margin, button.getAttribute("aria-expanded") !== "true"));
  return button;
}

export function setUpNarrowMargins(root) {
  const query = window.matchMedia(NARROW);
  const margins = Array.from(root.querySelectorAll(".margin[id]"));
  if (!margins.length) return;
  function apply() {
    margins.forEach((margin) => {
      let button = marginToggle(margin);
      if (query.matches && !button) {
        button = foldButton(margin);
        margin.parentNode.insertBefore(button, margin);
        margin.addEventListener("beforematch", () => button.setAttribute("aria-expanded", "true"));
        const target = hashTarget();
        setMarginOpen(margin, !!(target && margin.contains(target)));
      } else if (!query.matches && button) {
        margin.removeAttribute("hidden");
        button.remove();
      }
    });
  }
  apply();
  if (query.addEventListener) query.addEventListener("change", apply);
  // A same-page link to something in a folded margin (a chip, a calculation's input) opens that margin first.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#"]');
    const id = link && decodeURIComponent(link.getAttribute("href").slice(1));
    const target = id && document.getElementById(id);
    if (target) revealMargin(target);
  }, true);
  window.addEventListener("hashchange", () => {
    const target = hashTarget();
    if (target) revealMargin(target);
  });
}
