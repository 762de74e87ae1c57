"""Ways to publish without git: the form editor at /bien-tap/ (Decap CMS, `decap`) and proposals
made with the GitHub issue form turned into profiles (`issue_form`).

Both are derived from the data contract (`showcase.fields`), `criteria.yml` and the registries
(`units.yml`, `movements/`), like the template and the JSON Schema, so that they offer exactly
what the validator accepts.
"""
