/* A note mark moves focus to its note (opening its margin on a phone) and marks it; Escape returns. */
import { revealMargin } from "./layout.js";

export function setUpNotes(root) {
  root.querySelectorAll("a.noteref").forEach((ref) => {
    const note = document.getElementById(decodeURIComponent(ref.getAttribute("href").slice(1)));
    if (!note) return;
    note.setAttribute("tabindex", "-1");
    ref.addEventListener("click", (event) => {
      event.preventDefault();
      revealMargin(note);
      history.replaceState(null, "", ref.getAttribute("href"));
      document.querySelectorAll(".is-current").forEach((el) => el.classList.remove("is-current"));
      note.classList.add("is-current");
      note.focus({ preventScroll: true });
      note.scrollIntoView({ block: "nearest" });
    });
    note.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { note.classList.remove("is-current"); ref.focus(); }
    });
  });
}
