/* A paragraph number is its permalink: clicking it also copies the link, and says so. */

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

export function setUpPermalinks(root) {
  const links = root.querySelectorAll("a.pnum");
  if (links.length) statusRegion();
  links.forEach((link) => {
    link.addEventListener("click", () => {
      const done = () => {
        const status = statusRegion();
        status.textContent = "Link to paragraph copied";
        setTimeout(() => { status.textContent = ""; }, 2500);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link.href).then(done, () => {});
    });
  });
}
