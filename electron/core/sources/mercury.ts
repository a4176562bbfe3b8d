import { AppError } from '../../../shared/errors.js';
import type { HttpClient } from './http.js';
import { checkedAddress, checkedContract, checkedHash, checkedInteger, checkedText, type IndexedSinkCall } from './sinkCalls.js';

/**
 * Mercury Retroshades: `SELECT * FROM sink_event<MD5> WHERE ledger > <L>` posted with the key as the Authorization
 * header (sc-audit's query), through the HTTP client (timeouts, retries, 429 waits). Each event is checked.
 */
export async function mercurySinkEvents(http: HttpClient, url: string, key: string, md5: string, afterLedger: number): Promise<IndexedSinkCall[]> {
  const query = `SELECT * FROM sink_event${md5} WHERE ledger > ${afterLedger}`;
  const res = await http.postJson<unknown>(url, { query }, { authorization: key }).catch((err: unknown) => {
    if (err instanceof AppError && /does not exist/.test(err.message)) {
      throw new AppError('SOURCE_ERROR', `Mercury Retroshades ${url}: the table sink_event${md5} does not exist (check SC_RETROSHADES_MD5)`);
    }
    throw err;
  });
  if (!Array.isArray(res.body)) throw new AppError('SOURCE_ERROR', `Mercury Retroshades ${url}: the answer is not a list of events`);
  return res.body.map((e, i) => event(e as Record<string, unknown>, `Mercury Retroshades ${url} event ${i + 1}`));
}

function event(e: Record<string, unknown>, ref: string): IndexedSinkCall {
  const ledger = e.ledger;
  if (typeof ledger !== 'number' || !Number.isSafeInteger(ledger) || ledger <= 0) throw new AppError('SOURCE_ERROR', `${ref}: ledger ${JSON.stringify(ledger)} is not a ledger number; nothing of this step was stored`);
  const ts = e.timestamp;
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts < 0) throw new AppError('SOURCE_ERROR', `${ref}: timestamp ${JSON.stringify(ts)} is not a unix time; nothing of this step was stored`);
  return {
    ref,
    hash: checkedHash(e.transaction, ref),
    createdAt: new Date(ts * 1000).toISOString().slice(0, 19),
    contractId: checkedContract(e.contract_id, ref),
    funder: checkedAddress(e.funder, ref, 'funder'),
    recipient: checkedAddress(e.recipient, ref, 'recipient'),
    stroops: checkedInteger(e.amount, ref, 'amount'),
    projectId: checkedText(e.project_id, ref, 'project_id') as string,
    memo: checkedText(e.memo_text, ref, 'memo_text', true),
    toid: null,
    ledger,
  };
}
