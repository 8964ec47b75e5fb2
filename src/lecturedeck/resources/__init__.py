"""Data shipped inside the package, read through lecturedeck.paths: `templates/` (Jinja2 templates, the
markmap page script, the example courses of `deck new`), `themes/` (the built-in themes) and `node/`
(package.json and package-lock.json pinning the Node tools `lecturedeck setup` installs).

In the repository these are symbolic links to its top-level `templates/`, `assets/themes/`, `package.json`
and `package-lock.json`, the one copy developers edit; a built wheel or sdist holds the files themselves.
"""
