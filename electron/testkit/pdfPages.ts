/** Test support: the pages of a PDF file, counted from its page objects (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(data: Buffer): number {
  return (data.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
