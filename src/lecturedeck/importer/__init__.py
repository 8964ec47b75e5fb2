"""`deck import`: Marp decks and Markdown notes → a course folder of outlines.

read.py (front matter, blocks with line numbers) → marp.py (directives, notes, image keywords, slides) →
structure.py (lecture title, sections, slide titles) → convert.py (blocks → slide kinds; lecturedeck's
own Marp output through roundtrip.py) → merge.py (hand-split slides joined) → write.py (course folder).
"""
