"""How much one course may hold: limits far above real use that bound the work and memory of a build.

Measured on the flagship course (`slides/llm-course`, 7 lectures, 109 outline slides): its largest
lecture file is 40 KB and 26 slides, all its files 150 KB, its deepest value 9 levels, its longest
text 142 characters, its longest notes 1,008 and its longest listing 645. A lecture at these limits
(a 1 MB file of 150 slides, each a 5,000-character bullet with notes) plans and renders to Markdown
and PPTX in about 6 s in 120 MB; a whole course at the limit in about 30 s.
"""

from __future__ import annotations

MAX_FILE_BYTES = 1_000_000  # one YAML file (course.yaml or a lecture); the largest real lecture is 40 KB
MAX_COURSE_BYTES = 5_000_000  # all YAML files of one course together; the flagship course is 150 KB
MAX_LECTURES = 100  # lectures in one course
MAX_SLIDES = 300  # slides written in one lecture file (continuation slides not counted)
MAX_TEXT_CHARS = 5_000  # one text field (a title, bullet, paragraph, cell, caption, formula …)
MAX_NOTES_CHARS = 20_000  # the speaker notes of one slide
MAX_CODE_CHARS = 20_000  # one code listing or mermaid diagram
MAX_DEPTH = 24  # levels of YAML nesting; outlines need at most 14 (a mind map with 4 levels of branches)
MAX_NODES = 200_000  # YAML values after aliases are expanded ("billion laughs")
