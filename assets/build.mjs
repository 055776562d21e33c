// Builds Convenor's static assets from npm packages into src/convenor/ui/static/ui/.
// The output is committed so that the demo needs no Node.js; run `npm run build` after changing
// convenor.scss or a package version.
import * as sass from "sass";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

const out = "../src/convenor/ui/static/ui";
mkdirSync(out, { recursive: true });

const css = sass.compile("convenor.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["mixed-decls", "import", "global-builtin", "slash-div"],
});
writeFileSync(`${out}/convenor.css`, css.css);

copyFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/govuk-frontend.min.js`);
copyFileSync("node_modules/htmx.org/dist/htmx.min.js", `${out}/htmx.min.js`);
copyFileSync("node_modules/govuk-frontend/dist/govuk/assets/images/favicon.ico", `${out}/favicon.ico`);
console.log(`built ${out}/convenor.css (${css.css.length} bytes)`);
