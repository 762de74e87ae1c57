"""The exemplar showcase core: load, validate, enrich and render profiles.

This package never imports MkDocs; `showcase.mkdocs_hooks` is the only adapter.
"""
