"""Rendering: a planned Deck → Marp markdown or PPTX. Renderers never re-paginate."""
