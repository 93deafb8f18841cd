/* A note's number or a calculation's chip moves focus into its note or calculation (on a narrow screen,
   opening it alone, inline: layout.js) and marks it; Escape, or the note's back link, returns focus to
   the number and closes what was opened. A calculation has no back link of its own, so an opened one
   gets a button back. */

function markCurrent(item) {
  document.querySelectorAll(".is-current").forEach((el) => el.classList.remove("is-current"));
  if (item) item.classList.add("is-current");
}

function backButton(item, goBack) {
  let button = item.querySelector(":scope > button.back-to-text");
  if (button) return;
  button = document.createElement("button");
  button.type = "button"; button.className = "back-to-text"; button.textContent = "Back to the text";
  button.addEventListener("click", goBack);
  item.appendChild(button);
}

export function setUpNotes(root, margins) {
  if (!margins) return;
  root.querySelectorAll("p.body a.noteref[href^='#'], p.body a.calcref[href^='#']").forEach((ref) => {
    const item = document.getElementById(decodeURIComponent(ref.getAttribute("href").slice(1)));
    if (!item) return;
    item.setAttribute("tabindex", "-1");

    const goBack = (event) => {
      if (event) event.preventDefault();
      markCurrent(null);
      margins.close(item);
      ref.focus();
    };

    ref.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;  // a new tab still works
      event.preventDefault();
      if (margins.narrow() && margins.isOpen(item)) { goBack(null); return; }  // the number closes what it opened
      margins.open(item);
      if (margins.narrow() && item.classList.contains("callout")) backButton(item, goBack);
      history.replaceState(null, "", ref.getAttribute("href"));
      markCurrent(item);
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    });
    item.addEventListener("keydown", (event) => {
      if (event.key === "Escape") goBack(event);
    });
    const back = item.querySelector("a.backlink");
    if (back) back.addEventListener("click", goBack);
  });
}
