"""Printable handouts (`deck build --to handout`): `<lecture>-handout.pdf`, the deck's slides a few to a page
with their speaker notes beside or below them, or ruled lines for writing.

The flow: the HTML deck marp-cli built → its slides and stylesheet (`slides.py`) → one HTML page of sheets
with the notes (`notes.py`, `page.py`, `handout.html.j2`, `handout.css`; `handout.js` settles notes too long
for their box) → the PDF, printed by the system Chromium (lecturedeck.convert.chromium_print).
"""
