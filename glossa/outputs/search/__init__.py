"""Full-text search with Pagefind: the index built from the rendered pages (index.py, made stable by canonical.py),
and the search page's model (page.py) and script (search.js)."""
