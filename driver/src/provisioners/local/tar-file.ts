const BLOCK = 512;

const octal = (field: Buffer): number => {
  const text = field.toString("ascii").replace(/\0.*$/s, "").trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
};

/** The content of the first regular file in a tar archive (what a container engine's archive API returns). */
export function firstFileInTar(archive: Buffer): Buffer {
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = octal(header.subarray(124, 136));
    const type = header[156];
    const start = offset + BLOCK;
    // "0" and NUL mark regular files; PAX headers and directories are skipped.
    if (type === 0x30 || type === 0) {
      if (start + size > archive.length) throw new Error("the tar archive ends inside a file");
      return archive.subarray(start, start + size);
    }
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error("the tar archive holds no regular file");
}
