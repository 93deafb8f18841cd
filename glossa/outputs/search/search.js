// The search page: Pagefind's index, queried in the browser, with results paragraph by paragraph.
// Pagefind ranks pages; this script splits each page's hits by the element they fall in (a paragraph #p-N, a
// note, a calculation: Pagefind records every element with an id and the word it starts at) and links each.
// Everything it needs is read from data- attributes the template writes (search.html).

const root = document.querySelector("[data-search]");
const form = root.querySelector("[data-search-form]");
const input = root.querySelector("[data-search-input]");
const edition = root.querySelector("[data-search-edition]");
const status = root.querySelector("[data-search-status]");
const list = root.querySelector("[data-search-results]");
const kinds = Array.from(root.querySelectorAll("[data-search-kind]"));
const PAGES = 20;          // pages whose hits are shown (Pagefind's best first)
const WORDS = 30;          // words in an excerpt

// Which kind of place an element with an id is, by the id the site gives it (glossa/urls.py).
const PLACES = [
  [/^p-\d+$/, "text"],
  [/^note-/, "note"],
  [/^calc-[^_]+$/, "computation"],
];

function placeOf(anchor) {
  for (const [pattern, kind] of PLACES) if (pattern.test(anchor.id)) return kind;
  return null;
}

// Each hit goes to the nearest element before it that is a paragraph, a note or a calculation; a block of another
// kind with an id (a heading, a list of emendations, one of its items) ends the one before it. A note is named by
// the paragraph it annotates.
function placesOf(data) {
  if ((data.filters.kind || []).includes("glossary")) {
    return [{ id: "", kind: "glossary", paragraph: "", locations: data.locations }];
  }
  const anchors = (data.anchors || []).filter(a => placeOf(a) || /^(section|h\d|li)$/i.test(a.element))
    .sort((a, b) => a.location - b.location);
  const found = new Map();
  for (const location of data.locations) {
    let anchor = null, paragraph = "";
    for (const a of anchors) {
      if (a.location > location) break;
      anchor = a;
      const number = /^p-(\d+)$/.exec(a.id);
      if (number) paragraph = number[1];
    }
    const kind = anchor ? placeOf(anchor) : null;
    const id = kind ? anchor.id : "";
    if (!found.has(id)) found.set(id, { id, kind: kind || "text", paragraph: kind ? paragraph : "", locations: [] });
    found.get(id).locations.push(location);
  }
  return [...found.values()];
}

function excerpt(words, locations) {
  const start = Math.max(0, Math.min(...locations) - 8);
  const fragment = document.createDocumentFragment();
  if (start > 0) fragment.append("… ");
  words.slice(start, start + WORDS).forEach((word, i) => {
    if (i) fragment.append(" ");
    if (locations.includes(start + i)) {
      const mark = document.createElement("mark");
      mark.textContent = word;
      fragment.append(mark);
    } else {
      fragment.append(word);
    }
  });
  if (start + WORDS < words.length) fragment.append(" …");
  return fragment;
}

const KIND_LABELS = Object.fromEntries(kinds.map(k => [k.value, k.dataset.label]));

function describe(place, data) {
  const where = !place.paragraph ? "" : place.kind === "text" ? `paragraph ${place.paragraph}` :
    `${place.kind === "note" ? "note" : "calculation"} at paragraph ${place.paragraph}`;
  return [KIND_LABELS[place.kind] || place.kind, data.meta.title, where].filter(Boolean).join(" · ");
}

function show(pages, wanted) {
  list.replaceChildren();
  let count = 0;
  for (const data of pages) {
    const words = (data.raw_content || data.content).split(/[\r\n\s]+/g);
    for (const place of placesOf(data)) {
      if (!wanted.includes(place.kind)) continue;
      const item = document.createElement("li");
      item.className = "search-result";
      item.dataset.kind = place.kind;
      const link = document.createElement("a");
      link.href = data.url + (place.id ? "#" + place.id : "");
      link.textContent = describe(place, data);
      const text = document.createElement("p");
      text.append(excerpt(words, place.locations));
      item.append(link, text);
      list.append(item);
      count += 1;
    }
  }
  return count;
}

async function start() {
  let pagefind;
  try {
    const bundle = new URL(root.dataset.bundle, document.baseURI);
    const baseUrl = new URL(root.dataset.siteRoot, document.baseURI).pathname;
    pagefind = await import(new URL("pagefind.js", bundle).href);
    await pagefind.options({ baseUrl });
    await pagefind.init();
    // The index comes in parts (glossa/outputs/search/index.py): the site's own pages here, each group of
    // editions in a folder of its own, merged into one search whose results and filters span them all.
    const answer = await fetch(new URL("glossa-parts.json", bundle));
    if (!answer.ok) throw new Error(`the index's list of parts is missing (${answer.status})`);
    const parts = await answer.json();
    await Promise.all(parts.merge.map(part => pagefind.mergeIndex(new URL(part, bundle).pathname, { baseUrl })));
  } catch (problem) {
    status.textContent = `Search could not start in this browser (${problem.message}).`;
    return;
  }
  root.querySelector("[data-search-needs]").hidden = true;
  form.hidden = false;
  let latest = 0;

  async function run() {
    const term = input.value.trim();
    const asked = ++latest;
    const wanted = kinds.filter(k => k.checked).map(k => k.value);
    if (!term) { list.replaceChildren(); status.textContent = ""; return; }
    const filters = {};
    if (edition.value) filters.edition = edition.value;
    if (wanted.length < kinds.length) filters.kind = { any: wanted };
    const search = await pagefind.search(term, { filters });
    const pages = await Promise.all(search.results.slice(0, PAGES).map(r => r.data()));
    if (asked !== latest) return;   // a later search has started: its results are the ones to show
    const count = show(pages, wanted);
    status.textContent = count ? `${count} place${count === 1 ? "" : "s"} found.` : `Nothing found for “${term}”.`;
  }

  form.addEventListener("submit", event => { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  edition.addEventListener("change", run);
  for (const kind of kinds) kind.addEventListener("change", run);
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) { input.value = asked; run(); }
}

start();
