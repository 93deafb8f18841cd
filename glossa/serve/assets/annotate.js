// Served by `build.py serve` only, never part of the published site: annotate from the page.
// Select words of one paragraph; a small bar offers the YAML for a note, a glossary entry or a computation
// input on the clipboard, or writes a new note file. The paragraph and the words are worked out here from the
// page (editorial marks left out, emended readings put back as the transcription has them); the server checks
// them against source.txt, as the build will, and makes the YAML with the skeletons of `build.py new`.
//
// The data contract, all of it on this script's tag (written by glossa/serve_annotate.py):
//   data-edition, data-token, data-paragraph-prefix ("p-"), data-snippet and data-annotations (endpoints),
//   and on a part's page of a book-length edition data-part (the part's id: paragraph numbers restart in it).
// In the reader: [data-ed] marks editorial elements (note and calculation marks, paragraph numbers), and
// [data-original] holds the transcription's reading of an emended passage.
(() => {
  "use strict";
  const tag = document.currentScript;
  if (!tag) return;
  const { edition, part, token, paragraphPrefix, snippet, annotations } = tag.dataset;

  // The paragraph's transcription text, and the DOM pieces it is made of: [node, start, end, emended].
  function pieces(paragraph) {
    const found = [];
    let text = "";
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          found.push([child, text.length, text.length + child.data.length, false]);
          text += child.data;
        } else if (child.nodeType === Node.ELEMENT_NODE && !child.hasAttribute("data-ed")) {
          if (child.hasAttribute("data-original")) {
            const original = child.getAttribute("data-original");
            found.push([child, text.length, text.length + original.length, true]);
            text += original;
          } else {
            walk(child);
          }
        }
      }
    };
    walk(paragraph);
    return { text, found };
  }

  function paragraphOf(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const p = element && element.closest("p[id]");
    return p && p.id.startsWith(paragraphPrefix) && /^\d+$/.test(p.id.slice(paragraphPrefix.length)) ? p : null;
  }

  // {paragraph, quote, occurrence} for the current selection, or a sentence saying why there is none.
  function selected() {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount !== 1) return null;
    const range = selection.getRangeAt(0);
    const p = paragraphOf(range.startContainer);
    if (!p || paragraphOf(range.endContainer) !== p) return "Select words within one paragraph of the text.";
    const { text, found } = pieces(p);
    let start = -1;
    let end = -1;
    for (const [node, from, to, emended] of found) {
      if (!range.intersectsNode(node)) continue;
      let a = from;
      let b = to;
      if (!emended && node === range.startContainer) a = from + range.startOffset;
      if (!emended && node === range.endContainer) b = from + range.endOffset;
      if (b <= a && !emended) continue;
      if (start < 0) start = a;
      end = b;
    }
    if (start < 0) return "Select words of the text, not only the editor's marks.";
    while (start < end && /\s/.test(text[start])) start += 1;
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    const quote = text.slice(start, end);
    if (!quote) return "Select words of the text.";
    const starts = [];
    for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) starts.push(at);
    const occurrence = starts.length > 1 ? starts.indexOf(start) + 1 : null;
    return { paragraph: Number(p.id.slice(paragraphPrefix.length)), quote, occurrence };
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Glossa-Token": token },
      body: JSON.stringify({ edition, ...(part ? { part } : {}), ...body }),
    });
    const type = response.headers.get("Content-Type") || "";
    const answer = type.startsWith("application/json") ? await response.json() : await response.text();
    if (!response.ok) throw new Error(answer.error || `The server answered ${response.status}.`);
    return answer;
  }

  // The bar, made once and moved to each selection.
  const bar = document.createElement("div");
  bar.className = "glossa-annotate";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Annotate the selected words (serve mode only)");
  bar.hidden = true;
  const button = (label, kind) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.dataset.kind = kind;
    bar.append(b);
    return b;
  };
  button("Copy as note", "note");
  button("Copy as glossary entry", "entry");
  button("Copy as computation input", "input");
  const id = document.createElement("input");
  id.type = "text";
  id.placeholder = "new-note-id";
  id.setAttribute("aria-label", "Id of the new note");
  id.spellcheck = false;
  bar.append(id);
  const save = button("Save as new note", "save");
  const status = document.createElement("p");
  status.className = "glossa-annotate-status";
  status.setAttribute("role", "status");
  bar.append(status);
  let current = null;

  const show = () => {
    const found = selected();
    if (found === null) return;
    bar.hidden = false;
    document.body.append(bar);
    if (typeof found === "string") {
      current = null;
      status.textContent = found;
      for (const b of bar.querySelectorAll("button")) b.disabled = true;
    } else {
      current = found;
      status.textContent = `Paragraph ${found.paragraph}` + (part ? ` of part ${part}` : "") + (found.occurrence ? `, occurrence ${found.occurrence}` : "");
      for (const b of bar.querySelectorAll("button")) b.disabled = false;
    }
    const box = document.getSelection().getRangeAt(0).getBoundingClientRect();
    bar.style.top = `${window.scrollY + box.bottom + 6}px`;
    bar.style.left = `${Math.max(8, window.scrollX + box.left)}px`;
  };
  document.addEventListener("mouseup", (event) => { if (!bar.contains(event.target)) show(); });
  document.addEventListener("keyup", (event) => { if (event.shiftKey && !bar.contains(event.target)) show(); });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") bar.hidden = true; });

  bar.addEventListener("click", async (event) => {
    const kind = event.target instanceof HTMLButtonElement ? event.target.dataset.kind : null;
    if (!kind || !current) return;
    const request = { ...current };
    try {
      if (kind === "save") {
        const answer = await post(annotations, { kind: "note", id: id.value.trim(), ...request });
        status.textContent = `Created ${answer.path}; the page reloads when the rebuild is done.`;
        return;
      }
      // The clipboard is written while the click still counts as the user's gesture; the text follows.
      const text = post(snippet, { kind, ...request });
      const blob = text.then((yaml) => new Blob([yaml], { type: "text/plain" }));
      await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
      status.textContent = "Copied: paste it into a new file (or, for an input, under inputs:).";
      bar.dataset.copied = kind;
    } catch (error) {
      status.textContent = error.message;
    }
  });
})();
