"""The built site's pages and the two screen sizes the browser tests use."""
READER = "/20000-oppositionists-expelled/"
PAGES = {
    "index": "/",
    "reader": READER,
    "glossary": "/glossary/",
    "about": READER + "about.html",
}
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1440, "height": 900}
