"""Planning: validated outline → Deck of slides that every renderer consumes unchanged."""
