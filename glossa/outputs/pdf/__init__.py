"""The edition printed to PDF (SLUG/SLUG.pdf) by the same Chromium the tests use, from the reader's print
stylesheet. Printing needs a browser and a build must not, so it is its own command (`build.py pdf`, printer.py):
it keeps each PDF in the build cache under the key of the edition's inputs (printed.py), and a build publishes a
PDF, and links it, only while the edition is exactly as it was when printed."""
