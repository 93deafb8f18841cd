/* Glossa reader enhancements, the entry module (loaded with <script type="module">, so it and the modules
   it imports run after the page is parsed). The build ships it as one file, with the modules it imports below
   written in (glossa/outputs/html/bundle.py): one request instead of four. The page is complete without them;
   with them:
   - a paragraph number copies its permalink (permalinks.js);
   - from 60rem notes and calculations sit beside their reference line, nudged down where they would
     collide; on narrow screens each opens alone, inline, from its number (layout.js);
   - note numbers and calculation chips move focus into what they call, and Escape returns it (notes.js);
   - printed, the page names its own address under the citation (data-page-url);
   - glossary terms open a popover with their definition (glossary-popover.js, loaded when a term is first
     hovered, focused or activated);
   - adjustable inputs of calculations can be changed, and every dependent calculation is recomputed
     (calculations/, loaded when a calculation's working is first opened: formula.js and verdicts.js are
     the twins of glossa/resolve/formula.py and glossa/resolve/verdicts.py).

   The data contract. Every id and URL the script needs is read from the page, as the templates write it
   from glossa/urls.py; the script spells no URL or id pattern of its own:
     a.pnum[href]                      a paragraph's permalink
     section.text, p.body              the text and its paragraphs
     .margin > .note, .margin > .callout
                                       a paragraph's notes and calculations, in reading order
     p.body a[data-ed][href="#ID"]     the mark that calls one (a.noteref or a.calcref); ID is its id
     a.backlink                        a note's way back to its mark
     a[href="#ID"]                     any same-page link; when ID is in a closed note, the note opens
     [data-page-url]                   filled with the page's address (shown in print)
     a.term[href]                      a glossary term: href its full entry; its definition on this page is the
                                       .term-def whose dt links to the same entry (a dt and a dd; the dd's .occurs
                                       is left out)
     a[data-computations][href]        the edition's calculations as data (computations.json), fetched when a
                                       working is first opened: each one's inputs, formula, claim and display
     .callout[id]                      a calculation: its id is its "anchor" in that data, and its chip is the
                                       mark that calls it; data-verdict is rewritten with the new verdict
     .callout .calc-details            its working; opening one loads the calculation modules
     .callout .calc-formula, .calc-result, .verdict-symbol, .verdict-label, and the td of the row of input
                                       NAME (the tbody tr whose th code reads NAME): the parts of a callout that
                                       are rewritten
     chip: .calc-symbol and .calcref-value (drawn, aria-hidden), and its .visually-hidden name, one sentence:
                                       "Calculation N: ", the figure, then its words and verdict
   No eval, no inline script: the page's Content-Security-Policy allows scripts from the site only. */
import { setUpPermalinks } from "./permalinks.js";
import { setUpMargins } from "./layout.js";
import { setUpNotes } from "./notes.js";

// Formula evaluations made by the page, so a test can show that one change costs one evaluation per
// calculation (not one per path through the dependencies). The tests import the calculation modules
// themselves to run the shared cases.
const stats = { evaluations: 0 };
window.Glossa = { stats };

/* The calculation modules are half of the script, and only a reader who changes an input needs them: they
   load when a calculation's working is first opened, where its inputs become fields. Until then every
   figure, verdict and chip is as built. */
function setUpCalculationsOnDemand(root) {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    import("./calculations/setup.js").then((module) => module.setUpCalculations(root, stats));
  };
  root.addEventListener("toggle", (event) => {  // toggle does not bubble: listen while it is captured
    if (event.target.matches && event.target.matches(".callout .calc-details") && event.target.open) start();
  }, true);
  if (root.querySelector(".callout .calc-details[open]")) start();
}

/* The popover is a quarter of the script, and a reader who never points at a term does not need it. Until it
   has loaded, a click (or Space) on a term waits for it rather than leaving for the glossary page; a click with
   a modifier still opens the entry in a new tab. */
function setUpGlossaryOnDemand(root) {
  if (!root.querySelector("a.term")) return;
  let popover = null, pending = null;
  const load = () => {
    if (!pending) pending = import("./glossary-popover.js").then((module) => { popover = module.setUpGlossaryPopover(root); });
    return pending;
  };
  const termOf = (event) => event.target.closest && event.target.closest("a.term");
  const early = (event, pin) => {
    const term = termOf(event);
    if (!term || popover) return;
    if (pin) event.preventDefault();
    load().then(() => popover.open(term, pin));
  };
  root.addEventListener("pointerover", (event) => early(event, false));
  root.addEventListener("focusin", (event) => early(event, false));
  root.addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    early(event, true);
  });
  root.addEventListener("keydown", (event) => { if (event.key === " ") early(event, true); });
}

setUpPermalinks(document);
setUpNotes(document, setUpMargins(document));
document.querySelectorAll("[data-page-url]").forEach((el) => { el.textContent = location.href.split("#")[0]; });
setUpGlossaryOnDemand(document);
setUpCalculationsOnDemand(document);
