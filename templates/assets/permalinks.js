/* A paragraph number is its permalink: clicking it copies the link, says so, and opens that paragraph's
   citation (edition, version, ¶ number and address, as the page prints it for screen readers in the paragraph's
   p[data-cite-for]) in a small panel with a button that copies it. Focus moves to that button; Escape or
   "Close" returns it to the number. Without JavaScript the number is a plain link and the citation stays in
   the page, read after its paragraph by screen readers. */

// The page's one live region; it must exist before it speaks, or a screen reader may not hear it.
export function statusRegion() {
  let el = document.getElementById("glossa-status");
  if (!el) {
    el = document.createElement("div");
    el.id = "glossa-status"; el.className = "copy-status";
    el.setAttribute("role", "status");
    document.body.appendChild(el);
  }
  return el;
}

function say(words) {
  const status = statusRegion();
  status.textContent = words;
  setTimeout(() => { if (status.textContent === words) status.textContent = ""; }, 2500);
}

function copy(text, words) {
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(() => say(words), () => {});
}

function button(label, className, action) {
  const b = document.createElement("button");
  b.type = "button"; b.className = className; b.textContent = label;
  b.addEventListener("click", action);
  return b;
}

export function setUpPermalinks(root) {
  const links = root.querySelectorAll("a.pnum");
  if (links.length) statusRegion();
  let current = null;  // {link, panel} of the open citation

  function close(returnFocus) {
    if (!current) return;
    const { link, panel } = current;
    current = null;
    panel.classList.remove("is-open"); panel.classList.add("visually-hidden");
    panel.style.top = ""; panel.style.left = ""; panel.style.width = "";
    link.setAttribute("aria-expanded", "false");
    if (returnFocus) link.focus();
  }

  // Under the paragraph's number, over the text that follows: opening it moves nothing, so the notes placed
  // beside the text stay beside their words. The panel and the paragraph share their offset parent.
  function open(link, panel) {
    close(false);
    const body = link.closest("p.body");
    panel.classList.remove("visually-hidden"); panel.classList.add("is-open");
    panel.style.top = (body.offsetTop + Math.min(body.offsetHeight, link.offsetTop + link.offsetHeight + 4)) + "px";
    panel.style.left = body.offsetLeft + "px";
    panel.style.width = body.offsetWidth + "px";
    link.setAttribute("aria-expanded", "true");
    current = { link, panel };
    // After the link's own action (going to #p-N), which would otherwise take focus back from the button.
    setTimeout(() => { if (current && current.panel === panel) panel.querySelector("button.cite-copy").focus({ preventScroll: true }); }, 0);
  }

  links.forEach((link) => {
    const body = link.closest("p.body");
    const panel = body && body.id ? root.querySelector('[data-cite-for="' + CSS.escape(body.id) + '"]') : null;
    const name = link.textContent.trim();  // "Paragraph 12", as the number is announced
    const lower = name.charAt(0).toLowerCase() + name.slice(1);
    if (panel && panel.id && panel.querySelector("cite")) {
      link.setAttribute("aria-controls", panel.id);
      link.setAttribute("aria-expanded", "false");
      panel.setAttribute("role", "group");
      panel.setAttribute("aria-label", "Citation of " + lower);
      const cited = panel.querySelector("cite").textContent;
      const actions = document.createElement("span");
      actions.className = "cite-actions";
      actions.appendChild(button("Copy citation", "cite-copy", () => copy(cited, "Citation of " + lower + " copied")));
      actions.appendChild(button("Close", "cite-close", () => close(true)));
      panel.appendChild(actions);
      panel.addEventListener("keydown", (event) => {
        if (event.key === "Escape") { event.preventDefault(); close(true); }
      });
    }
    link.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;  // a new tab still works
      copy(link.href, "Link to " + lower + " copied");
      if (!panel || !panel.querySelector("button.cite-copy")) return;
      if (current && current.panel === panel) close(false);
      else open(link, panel);
    });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) close(document.activeElement === current.link);
  });
}
