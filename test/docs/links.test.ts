/**
 * Every relative link in README.md and docs/*.md leads to a file inside the repository: a reader
 * of a fresh clone (or of the repository on the web) must not meet a link that goes nowhere.
 */
import { existsSync, readdirSync, readFileSync } from "fs";
import { dirname, join, relative, resolve, sep } from "path";

const ROOT = resolve(__dirname, "../..");
const pages = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join("docs", name)),
];

/**
 * Markdown links and images, `[text](target)`, outside code blocks and code spans; and a code span
 * that is a relative path (`../x/y.md`), which a reader follows as well.
 */
function linkTargets(markdown: string): string[] {
  const withoutBlocks = markdown.replace(/```[\s\S]*?```/g, "");
  const prose = withoutBlocks.replace(/`[^`\n]*`/g, "");
  const paths = [...withoutBlocks.matchAll(/`(\.\.?\/[^`\s]+)`/g)].map((match) => match[1]);
  const links = [
    ...prose.matchAll(/!?\[[^\]]*\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g),
  ].map((match) => match[1] ?? match[2]);
  return [...paths, ...links];
}

const isExternal = (target: string) =>
  /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#");

describe("links in README.md and docs/", () => {
  it("finds the pages and their links", () => {
    expect(pages).toContain(join("docs", "architecture.md"));
    expect(linkTargets(readFileSync(join(ROOT, "README.md"), "utf8"))).toContain(
      "docs/architecture.md"
    );
  });

  it.each(pages)("%s: every relative link resolves to a file in the repository", (page) => {
    const broken: string[] = [];
    for (const target of linkTargets(readFileSync(join(ROOT, page), "utf8"))) {
      if (isExternal(target)) continue;
      const file = resolve(dirname(join(ROOT, page)), decodeURIComponent(target.split("#")[0]));
      const inside = file === ROOT || file.startsWith(ROOT + sep);
      if (!inside || !existsSync(file)) broken.push(`${target} (${relative(ROOT, file)})`);
    }
    expect(broken).toEqual([]);
  });

  it("reads links the way Markdown does (the checker's own cases)", () => {
    expect(
      linkTargets(
        'see [a](docs/a.md), ![logo](assets/x.png "t"), [b](<c d.md>), `[no](x.md)` and `../up.md`'
      )
    ).toEqual(["../up.md", "docs/a.md", "assets/x.png", "c d.md"]);
  });
});
