// Build the plotly.js bundles the pages load and the critical stylesheet, then precompress what static/vendor serves
// (brotli at its best quality and gzip, once here instead of in every server process).
// Usage: node assets/build.mjs static/vendor
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { criticalCss } from "./critical.mjs";

const vendor = process.argv[2] || "static/vendor";
const BUNDLES = ["plotly-basic", "plotly-geo"];
const COMPRESSIBLE = /\.(js|css|json|svg)$/;
const MIN_SIZE = 1024; // smaller files gain nothing worth a request header

for (const name of BUNDLES) {
  await build({
    entryPoints: [`assets/${name}.js`],
    outfile: join(vendor, "plotly", `${name}.min.js`),
    bundle: true,
    minify: true,
    format: "iife",
    globalName: "Plotly",
    target: "es2016",
    // What plotly.js's own build defines; map (MapLibre) styles are not used by our traces.
    define: { global: "window", "define.amd": "false", "process.env.NODE_DEBUG": "false" },
    loader: { ".css": "empty" },
    logLevel: "warning",
  });
}

// The stylesheet pages write inline (see critical.mjs), beside the full one.
writeFileSync(
  join(vendor, "bootstrap", "critical.css"),
  criticalCss(
    readFileSync(join(vendor, "bootstrap", "bootstrap.min.css"), "utf8"),
    readFileSync("static/css/app.css", "utf8"),
  ),
);

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(entry.name)) yield path;
  }
}

for (const path of files(vendor)) {
  const data = readFileSync(path);
  if (data.length < MIN_SIZE) continue;
  writeFileSync(`${path}.br`, brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }));
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
}
