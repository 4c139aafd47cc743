// office-addin-lint's rules (eslint-plugin-office-addins, with React and Prettier), extended to
// .tsx files and to the Node side of the project (CLI, tests, benchmarks, scripts).
import tsParser from "@typescript-eslint/parser";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

const [reactRecommended, ...officeRules] = officeAddins.configs.react;
const tsRules = officeRules.find((config) => config.files);

export default [
  { ignores: ["dist/**", "out/**", "coverage/**", "test/artifacts/**", "node_modules/**"] },
  { ...reactRecommended, files: ["**/*.tsx"] },
  ...officeRules,
  { ...tsRules, files: ["**/*.tsx"] },
  {
    // The plugin's own config loses the TypeScript parser to an ESM/CommonJS interop bug (its
    // `parser` comes out undefined with @typescript-eslint/parser 8), so it is named here.
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.es2021 },
    },
    settings: { react: { version: "detect" } },
    rules: {
      "react/react-in-jsx-scope": "off",
      // TypeScript checks names and redeclarations itself (a value and a type may share a name).
      "no-undef": "off",
      "no-redeclare": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { ignoreRestSiblings: true, varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/cli/**", "test/**", "bench/**", "scripts/**", "bin/**", "*.js", "*.mjs"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    // The Office.js load/sync rules match names (getCell, load) that ExcelJS code shares.
    files: ["src/workbook/xlsx*.ts", "test/pack/**", "test/workbook/shareXlsx.test.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
];
