/** Test support: the pages of a PDF file, counted from its page objects (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(data: Buffer): number {
  return (data.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** The document title in a PDF's info dictionary: `(literal)` or `<FEFF…>` UTF-16 hex, as Chromium writes it. */
export function pdfTitle(data: Buffer): string | null {
  const text = data.toString('latin1');
  const hex = /\/Title\s*<([0-9A-Fa-f\s]+)>/.exec(text);
  if (hex) {
    const bytes = Buffer.from(hex[1]!.replace(/\s/g, ''), 'hex');
    const body = bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes;
    return Buffer.from(body).swap16().toString('utf16le');
  }
  const lit = /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(text);
  return lit ? lit[1]!.replace(/\\(.)/g, '$1') : null;
}
