// The stylesheet every page writes inline in its head: Bootstrap's rules whose classes
// the templates, scripts and Python (which names badge and status classes) can write,
// then our own app.css. A word ending in "-" keeps every class it starts, so classes
// made up in a template (`alert-{{ category }}`) are kept; a class named nowhere in the
// sources cannot be on a page.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const SOURCES = [
  ["templates", /\.html$/],
  ["static/js", /\.js$/],
  ["roadmap", /\.py$/],
];

function* walk(dir, pattern) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path, pattern);
    else if (pattern.test(entry.name)) yield path;
  }
}

// Every word that could be a class; one ending in "-" (`alert-{{ category }}`) keeps
// every class it starts.
function words() {
  const found = new Set();
  for (const [dir, pattern] of SOURCES) {
    for (const path of walk(dir, pattern)) {
      for (const word of readFileSync(path, "utf8").match(/[A-Za-z0-9_-]+/g) || []) {
        found.add(word);
      }
    }
  }
  const prefixes = [...found].filter((word) => word.length > 2 && word.endsWith("-"));
  return (name) => found.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
}

// The index of the brace closing the block opened at `open`.
function closing(css, open) {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === "{") depth++;
    else if (css[i] === "}" && --depth === 0) return i;
  }
  return css.length - 1;
}

// Split a selector list at its top-level commas (not those inside :is(), :not()).
function selectors(prelude) {
  const parts = [];
  let depth = 0, start = 0;
  for (let i = 0; i < prelude.length; i++) {
    const c = prelude[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) { parts.push(prelude.slice(start, i)); start = i + 1; }
  }
  parts.push(prelude.slice(start));
  return parts;
}

function wanted(selector, used) {
  if (selector.includes("data-bs-theme=dark")) return false;  // the app has no dark theme
  // Classes inside :not() say where a rule does not apply: they need not be used.
  const plain = selector.replace(/:not\([^)]*\)/g, "").replace(/\[[^\]]*\]/g, "");
  return (plain.match(/\.-?[A-Za-z_][A-Za-z0-9_-]*/g) || []).every((c) => used(c.slice(1)));
}

function purge(css, used) {
  let out = "";
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf("{", i);
    if (open < 0) break;
    const prelude = css.slice(i, open).trim();
    const end = closing(css, open);
    const body = css.slice(open + 1, end);
    if (/^@(media|supports|container|layer)/.test(prelude)) {
      const inner = purge(body, used);
      if (inner) out += `${prelude}{${inner}}`;
    } else if (prelude.startsWith("@")) {
      out += `${prelude}{${body}}`;  // keyframes, font faces, charsets: kept whole
    } else {
      const kept = selectors(prelude).filter((s) => wanted(s.trim(), used));
      if (kept.length) out += `${kept.join(",")}{${body}}`;
    }
    i = end + 1;
  }
  return out;
}

export function criticalCss(bootstrapCss, appCss) {
  const css = bootstrapCss.replace(/\/\*[\s\S]*?\*\//g, "");
  return `${purge(css, words())}\n${appCss}`;
}
