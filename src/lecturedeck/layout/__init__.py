"""Layout: the fitted deck → a laid-out deck where every block, text box and shape has its place.

The last step of planning (load → plan: fit, then layout → render). Renderers draw the laid-out deck
and never measure, fit or paginate themselves. `layout.deck.layout_deck` is the entry point.
"""
