"""Many agencies' sites as one, without rebuilding any of them.

Two ways, both reading only what each site already publishes:
- `sites`: the other sites a site's "Tra cứu" page searches together with its own (Pagefind's
  `mergeIndex` in the browser), listed in mkdocs.yml `extra: tra_cuu_chung`;
- `harvest`, `records`, `portal`: scripts/aggregate.py reads many sites' open data
  (`api/exemplars.json`, schema/README.md) and writes a static portal of listings that link
  back to each profile's home site, with one Pagefind search over all of them.

No MkDocs import: the portal is plain HTML written by this package.
"""
