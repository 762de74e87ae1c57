// "Tra cứu": Vietnamese search and filters over the Pagefind index.
// Pagefind folds tone marks; "đ" gets folded twins at build time (showcase/search.py).
// Here: filters with counts, exact matches first, state kept in the URL so results can be shared.
const root = document.querySelector("[data-sc-search]");
const FILTERS = JSON.parse(root.dataset.filters); // [[key, Vietnamese label], ...]
const PAGE_SIZE = 20;
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
const words = (s) => (s.normalize("NFC").match(/[\p{L}\p{N}]+/gu) || []).map(toneKey);

const form = root.querySelector("form");
const input = form.querySelector("input[name=q]");
const filterBox = root.querySelector(".sc-search__filters");
const filterDetails = root.querySelector(".sc-search__filter-box");
const status = root.querySelector(".sc-search__status");
const list = root.querySelector(".sc-search__results");
const more = root.querySelector(".sc-search__more");
const bundle = new URL(root.dataset.bundle, location.href);
const siteRoot = new URL("../", bundle);
let pagefind;
let pending = [];
let shown = 0;

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind.js", bundle).href);
    // noWorker: searching on the main thread spares a phone the worker script (41 KB).
    await pagefind.options({ baseUrl: siteRoot.pathname, noWorker: true });
    await pagefind.init();
  }
  return pagefind;
}

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

function renderFilters(available, selected) {
  filterBox.replaceChildren();
  for (const [key, label] of FILTERS) {
    const counts = available[key] || {};
    const values = Object.keys(counts)
      .filter((v) => counts[v] > 0 || selected[key]?.[0] === v) // no dead ends
      .sort((a, b) => a.localeCompare(b, "vi", { numeric: true }));
    if (!values.length && !selected[key]) continue;
    const id = `sc-filter-${key}`;
    const wrap = text("div", "sc-search__filter");
    const name = text("label", null, label);
    name.htmlFor = id;
    const select = text("select");
    select.id = id;
    select.name = key;
    select.append(new Option("Tất cả", ""));
    for (const value of values) {
      const option = new Option(`${value} (${counts[value]})`, value);
      option.selected = selected[key]?.[0] === value;
      select.append(option);
    }
    select.addEventListener("change", run);
    wrap.append(name, select);
    filterBox.append(wrap);
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
  if (data.meta.thumb) {
    const img = text("img", "sc-search__image");
    img.src = new URL(data.meta.thumb, siteRoot).href;
    img.alt = data.meta.thumb_alt || "";
    img.loading = "lazy";
    img.width = 96;
    img.height = 64;
    item.append(img);
  }
  item.append(body);
  return item;
}

// Load the next page of results; with a query, exact words (tone marks included) rank first.
async function showMore(queryWords) {
  const batch = pending.slice(shown, shown + PAGE_SIZE);
  shown += batch.length;
  const loaded = await Promise.all(batch.map((r) => r.data()));
  if (queryWords.length && queryWords.some((w) => /[^a-z0-9]/.test(w))) {
    const exact = (d) => {
      const own = new Set(words(`${d.meta.title} ${d.meta.summary || ""} ${d.content}`));
      return queryWords.filter((w) => own.has(w)).length;
    };
    loaded.forEach((d, i) => (d.rank = [-exact(d), i]));
    loaded.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
  }
  list.append(...loaded.map(card));
  more.hidden = shown >= pending.length;
}

async function run(event) {
  event?.preventDefault();
  const query = input.value.normalize("NFC").trim();
  const filters = selectedFilters();
  setState(query, filters);
  await search(query, filters);
}

async function search(query, filters) {
  root.setAttribute("aria-busy", "true");
  status.textContent = "Đang tìm…";
  const pf = await engine();
  if (wantFilters(query, filters)) await loadFilters();
  // Without words: every profile, newest first. With words: movements may match too.
  const options = { filters: query ? { ...filters } : { type: ["Điển hình"], ...filters } };
  if (!query) options.sort = { published: "desc" };
  const result = await pf.search(query || null, options);
  pending = result.results;
  shown = 0;
  list.replaceChildren();
  if (filtersLoaded) renderFilters(result.filters, filters);
  const n = pending.length;
  const count = n.toLocaleString("vi-VN");
  status.textContent = !n
    ? `Không tìm thấy kết quả nào${query ? ` khớp với “${query}”` : ""}. Thử bỏ bớt từ hoặc bộ lọc.`
    : query ? `${count} kết quả khớp với “${query}”.` : `${count} hồ sơ.`;
  await showMore(query ? words(query) : []);
  root.setAttribute("aria-busy", "false");
}

form.addEventListener("submit", run);
filterDetails.addEventListener("toggle", () => {
  if (filterDetails.open && !filtersLoaded) run();
});
more.addEventListener("click", () => showMore(words(input.value)));
const initial = state();
input.value = initial.query;
// Arriving from the header's magnifier with nothing typed: ready to type.
if (new URLSearchParams(location.search).has("q") && !initial.query) input.focus();
search(initial.query, initial.filters).catch(() => {
  status.textContent = "Không tải được bộ tra cứu. Vui lòng tải lại trang.";
  root.setAttribute("aria-busy", "false");
});
