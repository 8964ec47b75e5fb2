"""Live preview (`deck serve`): the built decks on 127.0.0.1, rebuilt on every save, with open tabs reloaded
on the same slide and the problems of a refused save shown over the last good build."""

from lecturedeck.serve.session import serve

__all__ = ["serve"]
