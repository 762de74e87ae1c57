"""Documents the office sends: reports as Word (Nghị định 30/2020/NĐ-CP layout) and Excel, and the
nomination dossier of a unit. No MkDocs here; scripts and the site build call it.

Modules: `agency` (agency.yml, the header data), `layout` (the decree's page and blocks),
`report_docx`, `report_xlsx`, `charts` (PNG bar charts), `dossier`, `output` (writing files),
`site` (the statistics page's downloads). Nothing is imported here, so that validating profiles,
which reads agency.yml, does not load python-docx or openpyxl.
"""
