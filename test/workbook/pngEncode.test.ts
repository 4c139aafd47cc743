/** The PNG encoder's checksums, checked by Node's zlib (adler-32 inside inflate) and its crc32. */
import { crc32, inflateSync } from "zlib";
import fc from "fast-check";
import { encodePng } from "../../src/workbook/pngEncode";

/** The chunks of a PNG file: type, data, and the CRC it carries. */
function chunks(png: Uint8Array): { type: string; data: Buffer; crc: number; typed: Buffer }[] {
  const file = Buffer.from(png);
  const found = [];
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at);
    const typed = file.subarray(at + 4, at + 8 + length);
    found.push({
      type: typed.subarray(0, 4).toString("latin1"),
      data: typed.subarray(4),
      crc: file.readUInt32BE(at + 8 + length),
      typed,
    });
    at += 12 + length;
  }
  return found;
}

describe("encodePng", () => {
  it("writes every chunk's CRC and the image's adler-32 as zlib computes them", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer(),
        (width, height, seed) => {
          // Pseudo-random pixels: long images cross the 5,552-byte runs and 65,535-byte blocks.
          const rgb = new Uint8Array(width * height * 3).map(
            (_, i) => (i * 2654435761 + seed) >>> 24
          );
          const parts = chunks(encodePng(width, height, rgb));
          expect(parts.map((p) => p.type)).toEqual(["IHDR", "IDAT", "IEND"]);
          for (const part of parts) expect(part.crc).toBe(crc32(part.typed));
          // inflate checks the stream's adler-32 and throws when it differs
          const raw = inflateSync(parts[1].data);
          for (let y = 0; y < height; y++) {
            const row = raw.subarray(y * (1 + 3 * width), (y + 1) * (1 + 3 * width));
            expect(row[0]).toBe(0);
            expect(Buffer.from(row.subarray(1))).toEqual(
              Buffer.from(rgb.subarray(y * 3 * width, (y + 1) * 3 * width))
            );
          }
        }
      ),
      { numRuns: 40 }
    );
  });
});
