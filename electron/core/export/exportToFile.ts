import fs from 'node:fs';
import type { ExportResult, ExportToFileParams } from '../../../shared/api/export.js';
import type { Engine } from '../engine.js';
import { checkTarget, commitTemp, refuseDatabaseFile, removeQuietly, tempPathFor } from '../files/atomicFile.js';
import { removeStalePartials } from '../files/stalePartials.js';
import { chainHead } from '../audit/queries.js';
import { signatureResult, signFiles } from '../signing/signFiles.js';
import { requireKeypair } from '../signing/signingKey.js';
import { type ExportCallContext, runExport } from './exportSession.js';

/**
 * export.toFile: writes '.<name>.partial-<pid>-<rand>' next to the target and renames it at the end, so a killed,
 * failed or cancelled export never leaves a half-written file under the chosen name.
 */
export async function exportToFile(engine: Engine, params: ExportToFileParams, ctx: ExportCallContext = {}): Promise<ExportResult> {
  const file = checkTarget(params.path, 'export');
  refuseDatabaseFile(file, engine.dbPath, 'export');
  // The key is read before any work, so a missing or bad key file fails the export at once.
  const keypair = params.sign ? await requireKeypair(engine.signingKeys) : null;
  removeStalePartials(file);
  const tmp = tempPathFor(file);
  let handle: fs.promises.FileHandle | null = null;
  const closeHandle = async () => {
    const h = handle;
    handle = null;
    await h?.close();
  };
  return runExport(engine, params, { ...ctx, note: params.note ?? ctx.note, jobId: params.jobId ?? ctx.jobId }, { path: file }, {
    async open() {
      // 'wx': never reuse an existing temp file.
      const h = await fs.promises.open(tmp, 'wx');
      handle = h;
      return {
        async write(chunk) {
          let off = 0;
          while (off < chunk.length) off += (await h.write(chunk, off, chunk.length - off)).bytesWritten;
        },
      };
    },
    async commit(outcome, op) {
      await closeHandle();
      commitTemp(tmp, file);
      op.setResult({ outputFiles: [{ path: file, sha256: outcome.sha256, bytes: outcome.bytes }] });
      const result: ExportResult = { file, rows: outcome.rows, bytes: outcome.bytes, sha256: outcome.sha256, operationId: op.id };
      if (!keypair) return result;
      const signed = await signFiles([file], keypair, chainHead(engine.reader()));
      op.setResult(signatureResult(signed));
      return { ...result, signatureFile: signed[0]?.signatureFile };
    },
    async abort() {
      await closeHandle().catch(() => undefined);
      removeQuietly(tmp);
    },
  });
}

