"""How much one course may hold: limits far above real use that bound the work and memory of a build.

Real use, measured on the flagship course (`slides/llm-course`: 7 lectures, 109 outline slides, 170 in
the decks): its largest lecture file is 43 KB, its longest lecture 26 slides making a deck of 37, all its
files 152 KB, its deepest value 10 levels (a mind map with 4 levels of branches needs 14), its longest
text 142 characters, notes 988 and listing 645. Each limit is a located error saying how to split.

What a build at the limits costs (`deck build`, md + html + pptx, 2 cores): a lecture of 500 slides from
82 bullets of 5,000 characters with 5,000 characters of notes each (825 KB) 5.8 s and 145 MB; from 99
listings of 80 lines 8.3 s and 310 MB (PPTX runs); a course of five such text lectures (4.1 MB, 2,475
slides) 17 s and 230 MB. A 52 MB outline is refused in 0.5 s (it took 92 s and 1.4 GB), a file nested
10,000 levels deep in 0.2 s.
"""

from __future__ import annotations

MAX_FILE_BYTES = 1_000_000  # one YAML file (course.yaml or a lecture); the largest real lecture is 43 KB
MAX_COURSE_BYTES = 5_000_000  # all YAML files of one course together; the flagship course is 150 KB
MAX_LECTURES = 100  # lectures in one course
MAX_SLIDES = 300  # slides written in one lecture file (continuation slides not counted)
MAX_DECK_SLIDES = 500  # slides of one lecture's deck, continuation and generated slides included
MAX_TEXT_CHARS = 5_000  # one text field (a title, bullet, paragraph, cell, caption, formula …)
MAX_NOTES_CHARS = 20_000  # the speaker notes of one slide
MAX_CODE_CHARS = 20_000  # one code listing or mermaid diagram
MAX_DEPTH = 24  # levels of YAML nesting; outlines need at most 14 (a mind map with 4 levels of branches)
MAX_NODES = 50_000  # YAML values in one file, aliases expanded ("billion laughs"); real lectures have 500
