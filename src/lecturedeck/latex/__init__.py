"""LaTeX as lecturers write it: YAML-escape mistakes, plain-word problems, multi-line environments.

`mathtext.py` checks and draws formulas; the modules here give it what matplotlib's mathtext lacks:
`escapes` (a double-quoted `\\times` that YAML turned into a tab), `problems` (errors in plain words with a
caret under the column, nesting bounded), `structure` (rows, cells and environments: aligned, cases,
matrices), `spelling` (MathJax spellings mathtext lacks), `grid` (laying them out and drawing them for the
PPTX) and `fences` (the delimiters around them).
"""
