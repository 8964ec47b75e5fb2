"""`deck import`: Marp decks and Markdown notes → a course folder of outlines.

read.py (front matter, blocks with their lines) → marp.py (separators, headingDivider, directives, notes) →
structure.py (lecture title, sections, slide titles) → convert.py (blocks → slide kinds, with inline.py for
text, images.py for pictures, markmap.py for mind maps; roundtrip.py for lecturedeck's own Marp output) →
merge.py (hand-split slides joined) → write.py (the course folder); report.py: warnings and the summary;
deck.py runs the steps for one deck.
"""
