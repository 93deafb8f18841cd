"""The built site's pages and the two screen sizes the browser tests use."""
from glossa import urls

from editions import FIRST_EDITION, READER_URL

READER = READER_URL
PAGES = {
    "index": "/",
    "reader": READER,
    "glossary": "/" + urls.page_url(urls.INDEX_PAGE, urls.GLOSSARY_PAGE),
    "about": "/" + urls.about_page(FIRST_EDITION),
}
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1440, "height": 900}
