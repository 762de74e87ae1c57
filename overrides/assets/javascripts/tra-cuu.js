// "Tra cứu": Vietnamese search and filters over the Pagefind index.
// Profiles are indexed without tone marks or "đ" (showcase/search.py), and so is the query.
// Here: filters with counts, exact matches first, state kept in the URL so results can be shared.
// Other agencies' sites (mkdocs.yml `extra: tra_cuu_chung`) are searched with this one through
// Pagefind's mergeIndex; their results link to them and name them. The aggregate portal
// (showcase/federation/portal.py) runs this script too, over an index of many sites' profiles.
const root = document.querySelector("[data-sc-search]");
const FILTERS = JSON.parse(root.dataset.filters); // [[key, Vietnamese label], ...]
const SITES = JSON.parse(root.dataset.sites || "[]"); // [{name, url}]: other sites, checked by the build
const SITE_NAME = root.dataset.siteName || ""; // this site's, for the "site" filter
// More parts of this site's own index (the portal's is built in parts, relative to the site's root).
const SHARDS = JSON.parse(root.dataset.shards || "[]");
const SHARD_PAGES = Number(root.dataset.shardPages || 20000); // pages of a full part of an index
const MERGE_TIMEOUT = 8000; // ms a merged site has to answer before the search goes on without it
const PAGE_SIZE = 20; // results a page: the first query loads their fragments, and ranks them (see rank)
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const text = (tag, className, content) => {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (content !== undefined) el.textContent = content;
  return el;
};

// A word with its tone mark moved to the end, so "hoà" and "hòa" compare equal.
// Tested in a real browser: tests/test_search_browser.py.
const toneKey = (word) => {
  const nfd = word.toLowerCase().normalize("NFD");
  return nfd.replace(TONES, "").normalize("NFC") + (nfd.match(TONES) || []).join("");
};
const split = (s) => s.normalize("NFC").match(/[\p{L}\p{N}]+/gu) || [];
const words = (s) => split(s).map(toneKey);
// Without tone marks or "đ", as Pagefind compares (with the đ-twins): "Đắk" -> "dak".
const fold = (s) => s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
const folded = (s) => split(fold(s));
const ownText = (d) => `${d.meta.title} ${d.meta.summary || ""} ${d.content}`;

const form = root.querySelector("form");
const input = form.querySelector("input[name=q]");
const filterBox = root.querySelector(".sc-search__filters");
const filterDetails = root.querySelector(".sc-search__filter-box");
const status = root.querySelector(".sc-search__status");
const list = root.querySelector(".sc-search__results");
const more = root.querySelector(".sc-search__more");
const note = text("p", "sc-search__note");
note.hidden = true;
status.after(note);
const bundle = new URL(root.dataset.bundle, location.href);
const siteRoot = new URL("../", bundle);
let pagefind;
let pending = [];
let shown = 0;
let preloaded = []; // the first page's data, loaded to tell a match from nonsense
let missing = []; // merged sites that could not be searched: the page says so

async function engine() {
  if (!pagefind) {
    const answering = Promise.all(SITES.map(answers)); // asked while this site's engine loads
    pagefind = await import(new URL("pagefind.js", bundle).href);
    const up = await answering;
    SITES.forEach((site, i) => { site.parts = up[i] || []; });
    let sites = SITES.filter((site, i) => up[i]);
    // A site that answered may still fail to merge (a broken or incompatible index): Pagefind
    // keeps a failed index among those it searches, so the engine starts again without it.
    for (let merged = await start(sites); merged.length < sites.length; merged = await start(sites)) {
      sites = merged;
    }
    missing = SITES.filter((site) => !sites.includes(site));
  }
  return pagefind;
}

// This site's index (all its parts), then the other sites' (each tagged with its name as the
// "site" filter); returns the sites merged, and leaves the engine stopped if any failed.
async function start(sites) {
  // noWorker: searching on the main thread spares a phone the worker script (41 KB).
  await pagefind.options({ baseUrl: siteRoot.pathname, noWorker: true,
    ...(SITES.length ? { mergeFilter: { site: [SITE_NAME] } } : {}) });
  await pagefind.init();
  await Promise.all(SHARDS.map((shard) => pagefind.mergeIndex(new URL(shard, siteRoot).href,
    { baseUrl: siteRoot.pathname, ...(SITES.length ? { mergeFilter: { site: [SITE_NAME] } } : {}) })));
  // Another site's index, with its further parts when it is large (`answers`).
  const merge = (site) => Promise.all(site.parts.map((href) =>
    pagefind.mergeIndex(href, { baseUrl: site.url, mergeFilter: { site: [site.name] } })));
  const outcomes = await Promise.allSettled(sites.map((site) => within(MERGE_TIMEOUT, merge(site))));
  const merged = sites.filter((site, i) => outcomes[i].status === "fulfilled");
  if (merged.length < sites.length) await pagefind.destroy();
  return merged;
}

// Whether a merged site's index answers (a site that is down must not hold the search back):
// the addresses of its index's parts, or false. A full first part (SHARD_PAGES pages,
// showcase/search.py) means there may be more: they are listed in its `shards.json`.
async function answers(site) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), MERGE_TIMEOUT);
  const bundle = new URL("pagefind/", site.url);
  try {
    const response = await fetch(new URL("pagefind-entry.json", bundle), { signal: controller.signal });
    if (!response.ok) return false;
    const entry = await response.json();
    const pages = Object.values(entry.languages || {}).reduce((sum, l) => sum + (l.page_count || 0), 0);
    let parts = [];
    if (pages >= SHARD_PAGES) {
      const more = await fetch(new URL("shards.json", bundle), { signal: controller.signal });
      parts = more.ok ? (await more.json()).filter((part) => /^shard-\d+\/$/.test(part)) : [];
    }
    return [bundle.href, ...parts.map((part) => new URL(part, bundle).href)];
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const within = (ms, promise) => Promise.race([promise, new Promise((resolve, reject) => setTimeout(reject, ms))]);
// The site a result comes from: named in the portal's index, or one of the merged sites.
const siteOf = (data) => {
  const merged = SITES.find((site) => data.url.startsWith(site.url));
  return { name: data.meta.site || merged?.name, root: merged ? new URL(merged.url) : siteRoot };
};

// Filter counts need every filter's data, which a first query with words does not: it is
// loaded when the filters are shown (wide screens, "Bộ lọc" opened, a filter chosen, no words).
let filtersLoaded = false;
async function loadFilters() {
  if (!filtersLoaded) {
    await (await engine()).filters();
    filtersLoaded = true;
  }
}
const wantFilters = (query, filters) =>
  !query || Object.keys(filters).length > 0 || filterDetails.open || matchMedia("(min-width: 60em)").matches;

function state() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [key] of FILTERS) if (params.get(key)) filters[key] = [params.get(key)];
  return { query: (params.get("q") || "").trim(), filters };
}

function setState(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [key, values] of Object.entries(filters)) params.set(key, values[0]);
  history.replaceState(null, "", `${location.pathname}${params.size ? "?" + params : ""}`);
}

// The selects are made once and updated in place: one chosen with the arrow keys keeps the
// focus, and a chosen filter keeps its other values (`others`: counted without its own choice)
// so that the next arrow press reaches them.
function renderFilters(available, selected, others = {}) {
  for (const [key, label] of FILTERS) {
    const counts = (selected[key] && others[key]) || available[key] || {};
    const values = [...new Set([...Object.keys(counts), ...(selected[key] || [])])]
      .filter((v) => counts[v] > 0 || selected[key]?.[0] === v) // no dead ends
      .sort((a, b) => a.localeCompare(b, "vi", { numeric: true }));
    const id = `sc-filter-${key}`;
    let select = filterBox.querySelector(`#${id}`);
    if (!select) {
      const wrap = text("div", "sc-search__filter");
      const name = text("label", null, label);
      name.htmlFor = id;
      select = text("select");
      select.id = id;
      select.name = key;
      select.addEventListener("change", run);
      wrap.append(name, select);
      filterBox.append(wrap);
    }
    select.parentElement.hidden = !values.length && !selected[key];
    select.replaceChildren(new Option("Tất cả", ""), ...values.map((value) => {
      const option = new Option(`${value} (${counts[value] ?? 0})`, value);
      option.selected = selected[key]?.[0] === value;
      return option;
    }));
  }
  // Folded on phones so that results come first; open on wide screens or while filtering.
  const active = Object.keys(selected).length;
  filterDetails.querySelector("summary").textContent = active ? `Bộ lọc (${active} đang chọn)` : "Bộ lọc";
  if (active || matchMedia("(min-width: 60em)").matches) filterDetails.open = true;
}

function selectedFilters() {
  const filters = {};
  for (const select of filterBox.querySelectorAll("select")) if (select.value) filters[select.name] = [select.value];
  return filters;
}

function card(data) {
  const item = text("li", "sc-search__result");
  const link = text("a", "sc-search__title", data.meta.title);
  link.href = data.url;
  const body = text("div", "sc-search__body");
  body.append(link);
  if (data.meta.summary) body.append(text("p", "sc-search__summary", data.meta.summary));
  const tags = [data.filters.type?.includes("Phong trào") ? "Phong trào thi đua" : null,
    data.filters.kind, data.filters.province, data.filters.year].flat().filter(Boolean);
  if (tags.length) body.append(text("p", "sc-search__tags", tags.join(" · ")));
  const site = siteOf(data);
  if (site.name) body.append(text("p", "sc-search__tags sc-search__site", `Trang: ${site.name}`));
  if (data.meta.thumb) {
    const img = text("img", "sc-search__image");
    img.src = new URL(data.meta.thumb, site.root).href;
    img.alt = data.meta.thumb_alt || "";
    img.loading = "lazy";
    img.width = 96;
    img.height = 64;
    item.append(img);
  }
  item.append(body);
  return item;
}

// Order of a page of results: pages holding more of the query's words as whole words first
// (Pagefind also matches a word's beginning: "phong" finds "phong trào"), then those holding
// the query as a phrase, profiles before movement pages (a reader looks for exemplars; the
// movement page follows them), then exact tone marks ("hoà" before "hòa" for "hoà"), then
// Pagefind's order.
function rank(loaded, query) {
  const plain = folded(query);
  if (!plain.length) return loaded;
  const phrase = ` ${plain.join(" ")} `;
  const toned = words(query);
  const accented = toned.some((w) => /[^a-z0-9]/.test(w));
  const key = (d, i) => {
    const text = ownText(d);
    const own = new Set(folded(text));
    const exact = accented ? new Set(words(text)) : null;
    return [
      -plain.filter((w) => own.has(w)).length,
      ` ${folded(text).join(" ")} `.includes(phrase) ? -1 : 0,
      d.filters.type?.includes("Phong trào") ? 1 : 0, // a movement page after its equals among profiles
      accented ? -toned.filter((w) => exact.has(w)).length : 0,
      i,
    ];
  };
  const keys = new Map(loaded.map((d, i) => [d, key(d, i)]));
  const order = (a, b) => {
    const [x, y] = [keys.get(a), keys.get(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3] || x[4] - y[4];
  };
  return [...loaded].sort(order);
}

// Pagefind answers a word it does not know with the pages of its longest known beginning
// ("xyzxyz" finds "X"). A query none of whose words begins a word of the first results
// found nothing.
function matchesAnyWord(loaded, query) {
  const plain = folded(query);
  return loaded.some((d) => {
    const own = folded(ownText(d));
    return plain.some((w) => own.some((o) => o.startsWith(w)));
  });
}

// Pagefind returns the pages that have every word. When none has, the pages missing one word
// are shown (a story is indexed by a few of its words only: showcase/search.py), those
// matching rarer words first (the sum of Pagefind's scores). The words' index chunks are
// loaded already: this costs no transfer.
async function nearly(pf, query, options) {
  const terms = folded(query);
  if (terms.length < 2) return [];
  const near = new Map();
  for (const result of await Promise.all(terms.map((term) => pf.search(term, options)))) {
    for (const r of result.results) {
      const entry = near.get(r.id) || { r, words: 0, score: 0 };
      entry.words += 1;
      entry.score += r.score;
      near.set(r.id, entry);
    }
  }
  return [...near.values()]
    .filter((e) => e.words >= terms.length - 1)
    .sort((a, b) => b.words - a.words || b.score - a.score)
    .map((e) => e.r);
}

// Show the next page of results, ranked (see `rank`).
async function showMore(query) {
  const batch = pending.slice(shown, shown + PAGE_SIZE);
  const loaded = shown === 0 && preloaded.length ? preloaded : await Promise.all(batch.map((r) => r.data()));
  shown += batch.length;
  list.append(...rank(loaded, query).map(card));
  more.hidden = shown >= pending.length;
}

async function run(event) {
  event?.preventDefault();
  const query = input.value.normalize("NFC").trim();
  const filters = selectedFilters();
  setState(query, filters);
  await search(query, filters);
}

let searches = 0; // a filter changed with the arrow keys starts one search per key press: the last one wins

async function search(query, filters) {
  const ticket = ++searches;
  root.setAttribute("aria-busy", "true");
  status.textContent = "Đang tìm…";
  const pf = await engine();
  if (wantFilters(query, filters)) await loadFilters();
  // Without words: every profile (in the index's order: a sort index would add 25 KB to every
  // first search at 10,000 profiles; the listings by year are the newest-first browse). With
  // words: movements may match too.
  const options = { filters: query ? { ...filters } : { type: ["Điển hình"], ...filters } };
  // Profiles are indexed folded (showcase/search.py): so is the query.
  const term = query ? folded(query).join(" ") : null;
  const result = await pf.search(term, options);
  // A chosen filter offers the values it could change to: counted without its own choice.
  const others = {};
  if (filtersLoaded) {
    for (const key of Object.keys(filters)) {
      const rest = { ...options.filters };
      delete rest[key];
      others[key] = (await pf.search(term, { ...options, filters: rest })).filters[key];
    }
  }
  let found = result.results;
  if (query && !found.length) found = await nearly(pf, query, options);
  let first = [];
  if (query && found.length) {
    first = await Promise.all(found.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (!matchesAnyWord(first, query)) found = first = [];
  }
  if (ticket !== searches) return; // a newer search is under way: its results are the ones to show
  [pending, preloaded, shown] = [found, first, 0];
  list.replaceChildren();
  if (filtersLoaded) renderFilters(result.filters, filters, others);
  const n = pending.length;
  const count = n.toLocaleString("vi-VN");
  status.textContent = !n
    ? `Không tìm thấy kết quả nào${query ? ` khớp với “${query}”` : ""}. ${query
      ? "Kiểm tra lại dấu và chính tả (gõ không dấu cũng được), bớt từ, hoặc dùng bộ lọc để duyệt hồ sơ."
      : "Thử bỏ bớt bộ lọc."}`
    : query ? `${count} kết quả khớp với “${query}”.` : `${count} hồ sơ.`;
  note.hidden = !missing.length;
  note.textContent = missing.length ? `Chưa tra cứu được trên ${missing.map((site) => site.name).join(", ")} `
    + "(trang đó không trả lời); kết quả chỉ gồm các trang còn lại." : "";
  await showMore(query);
  root.setAttribute("aria-busy", "false");
}

form.addEventListener("submit", run);
filterDetails.addEventListener("toggle", () => {
  if (filterDetails.open && !filtersLoaded) run();
});
more.addEventListener("click", async () => {
  if (!pending.length) { // after the newest profiles drawn by the page: the rest, newest first, by year
    location.href = more.dataset.all;
    return;
  }
  await showMore(input.value.normalize("NFC").trim());
});
const initial = state();
input.value = initial.query;
// Arriving from the header's magnifier with nothing typed: ready to type.
if (new URLSearchParams(location.search).has("q") && !initial.query) input.focus();
const failed = () => {
  status.textContent = "Không tải được bộ tra cứu. Vui lòng tải lại trang.";
  root.setAttribute("aria-busy", "false");
};
shown = Number(list.dataset.latest || 0);
if (!initial.query && !Object.keys(initial.filters).length && shown) {
  // The page already shows the newest profiles (search.html): Pagefind loads only when a
  // reader searches, opens "Bộ lọc" or asks for more, and nothing moves before that.
  root.setAttribute("aria-busy", "false");
} else {
  shown = 0;
  list.replaceChildren(); // not what was asked for: the results replace it
  search(initial.query, initial.filters).catch(failed);
}
