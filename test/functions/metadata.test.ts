/**
 * functions.json, generated from the JSDoc in src/functions/functions.ts exactly as the build's
 * custom-functions-metadata-plugin does, against the parameter tables the adapter enforces: the
 * help Excel shows must describe the arguments the code actually takes.
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as path from "path";
import { FUNCTION_CATALOG } from "../../src/functions/catalog";
import { FUNCTION_HELP } from "../../src/functions/help";

interface MetadataParam {
  name: string;
  description?: string;
  optional?: boolean;
  dimensionality?: string;
}
interface MetadataFunction {
  id: string;
  description?: string;
  parameters: MetadataParam[];
}

let functions: MetadataFunction[];

beforeAll(async () => {
  const { metadataJson, errors } = await generateCustomFunctionsMetadata(
    path.resolve(__dirname, "../../src/functions/functions.ts")
  );
  expect(errors).toEqual([]);
  functions = JSON.parse(metadataJson).functions;
}, 60000);

describe("functions.json", () => {
  it("lists exactly the functions of the catalog", () => {
    expect(functions.map((f) => f.id).sort()).toEqual(FUNCTION_CATALOG.map((f) => f.name).sort());
  });

  it.each(FUNCTION_CATALOG.map((fn) => [fn.name, fn] as const))(
    "%s matches its parameter table",
    (_, fn) => {
      const metadata = functions.find((f) => f.id === fn.name)!;
      expect(metadata.description?.length).toBeGreaterThan(30);
      const hasOutput = fn.fields.length > 0;
      const expected = [
        ...fn.params.map((p) => ({
          name: p.name,
          optional: Boolean(p.optional),
          range: p.kind === "numberList" || p.kind === "table",
        })),
        ...(hasOutput ? [{ name: "output", optional: true, range: false }] : []),
      ];
      const actual = metadata.parameters.map((p) => ({
        name: p.name,
        optional: Boolean(p.optional),
        range: p.dimensionality === "matrix",
      }));
      expect(actual).toEqual(expected);
      for (const param of metadata.parameters)
        expect(param.description?.length).toBeGreaterThan(15);
    }
  );

  it("names each function's fields in the output argument's help", () => {
    for (const fn of FUNCTION_CATALOG.filter((f) => f.fields.length > 0)) {
      const help = functions
        .find((f) => f.id === fn.name)!
        .parameters.find((p) => p.name === "output")!.description;
      for (const field of fn.fields) expect(`${fn.name}: ${help}`).toContain(field);
    }
  });

  it("is what the command line's help shows (npm run docs regenerates that copy)", () => {
    const generated = functions.map(({ id, description, parameters }) => ({
      name: id,
      description,
      parameters: parameters.map((p) => ({ name: p.name, description: p.description })),
    }));
    expect(FUNCTION_HELP).toEqual(generated);
  });
});
