import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { DataSource } from 'typeorm';
import type { BrokenLink, EventStore } from './event-store';

/** The HMAC key of checkpoints, kept outside the database (CHECKPOINT_KEY, or a file in the data folder). */
export interface CheckpointKey {
  secret: string;
}

export interface Checkpoint {
  sequence: number;
  globalPosition: string;
  streams: number;
  headsDigest: string;
  createdAt: string;
  keyId: string;
  previousSignature: string | null;
  signature: string;
}

export type CheckpointStatus =
  /** no checkpoint written yet */
  | 'none'
  /** no key configured: checkpoints cannot be checked */
  | 'unchecked'
  /** signatures, the chain of checkpoints and the log's heads as of the latest one all agree */
  | 'intact'
  /** the log's stream heads as of the latest checkpoint differ from what it signed: events deleted or rewritten */
  | 'log_mismatch'
  /** a checkpoint's signature does not verify with the key, or the sequence of checkpoints has a gap */
  | 'checkpoint_invalid';

export interface CheckpointCheck {
  status: CheckpointStatus;
  latest?: { sequence: number; globalPosition: string; streams: number; createdAt: string };
  /** What the log gives as of the latest checkpoint's position, when it differs. */
  found?: { streams: number };
  message?: string;
}

/** Identifies which key signed a checkpoint without revealing it. */
export const keyIdOf = (key: CheckpointKey) =>
  createHash('sha256').update(`kybaocao-checkpoint-key\u0000${key.secret}`).digest('hex').slice(0, 16);

function sign(key: CheckpointKey, c: Omit<Checkpoint, 'signature'>): string {
  return createHmac('sha256', key.secret)
    .update(
      canonicalize({
        sequence: c.sequence,
        globalPosition: c.globalPosition,
        streams: c.streams,
        headsDigest: c.headsDigest,
        createdAt: c.createdAt,
        keyId: c.keyId,
        previousSignature: c.previousSignature,
      }),
    )
    .digest('hex');
}

const toCheckpoint = (r: any): Checkpoint => ({
  sequence: Number(r.sequence),
  globalPosition: String(r.global_position),
  streams: Number(r.streams),
  headsDigest: r.heads_digest,
  createdAt: new Date(r.created_at).toISOString(),
  keyId: r.key_id,
  previousSignature: r.previous_signature ?? null,
  signature: r.signature,
});

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Signed checkpoints of the event log: the head (version, hash) of every stream and the global position, digested
 * by the database (event_heads_digest) and signed here with a key the database never sees. An owner of the
 * database can delete or rewrite events and recompute their hashes, but cannot sign a checkpoint that agrees.
 */
export class EventCheckpoints {
  constructor(
    private readonly db: DataSource,
    private readonly key: CheckpointKey | null,
  ) {}

  /** Records a checkpoint if the log moved since the last one; returns it (null: nothing new, or no key). */
  async write(now: Date): Promise<Checkpoint | null> {
    const key = this.key;
    if (!key) return null;
    return this.db.transaction(async (m) => {
      const [heads] = await m.query(`SELECT global_position, streams, digest FROM event_heads_for_checkpoint()`);
      const [last] = await m.query(`SELECT * FROM event_checkpoints ORDER BY sequence DESC LIMIT 1`);
      const previous = last ? toCheckpoint(last) : null;
      if (previous && previous.globalPosition === String(heads.global_position) && previous.headsDigest === heads.digest) return null;
      const unsigned = {
        sequence: (previous?.sequence ?? 0) + 1,
        globalPosition: String(heads.global_position),
        streams: Number(heads.streams),
        headsDigest: heads.digest as string,
        createdAt: now.toISOString(),
        keyId: keyIdOf(key),
        previousSignature: previous?.signature ?? null,
      };
      const checkpoint: Checkpoint = { ...unsigned, signature: sign(key, unsigned) };
      await m.query(
        `INSERT INTO event_checkpoints (sequence, global_position, streams, heads_digest, created_at, key_id, previous_signature, signature)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sequence) DO NOTHING`,
        [
          checkpoint.sequence,
          checkpoint.globalPosition,
          checkpoint.streams,
          checkpoint.headsDigest,
          checkpoint.createdAt,
          checkpoint.keyId,
          checkpoint.previousSignature,
          checkpoint.signature,
        ],
      );
      return checkpoint;
    });
  }

  /** Checks every checkpoint's signature and link, then the log against the latest one. */
  async verify(): Promise<CheckpointCheck> {
    const rows: any[] = await this.db.query(`SELECT * FROM event_checkpoints ORDER BY sequence`);
    if (rows.length === 0) return { status: 'none' };
    const all = rows.map(toCheckpoint);
    const latest = all[all.length - 1];
    const summary = {
      sequence: latest.sequence,
      globalPosition: latest.globalPosition,
      streams: latest.streams,
      createdAt: latest.createdAt,
    };
    if (!this.key) return { status: 'unchecked', latest: summary, message: 'CHECKPOINT_KEY is not configured' };
    const keyId = keyIdOf(this.key);
    for (let i = 0; i < all.length; i++) {
      const c = all[i];
      const { signature, ...unsigned } = c;
      if (c.sequence !== i + 1 || c.previousSignature !== (i ? all[i - 1].signature : null)) {
        return {
          status: 'checkpoint_invalid',
          latest: summary,
          message: `checkpoint ${c.sequence} does not follow checkpoint ${i ? all[i - 1].sequence : 'none'}`,
        };
      }
      if (c.keyId === keyId && !sameHex(sign(this.key, unsigned), signature)) {
        return { status: 'checkpoint_invalid', latest: summary, message: `checkpoint ${c.sequence} is not signed with the configured key` };
      }
    }
    if (latest.keyId !== keyId)
      return {
        status: 'checkpoint_invalid',
        latest: summary,
        message: `the latest checkpoint was signed with another key (${latest.keyId})`,
      };
    const [now] = await this.db.query(`SELECT streams, digest FROM event_heads_digest($1)`, [latest.globalPosition]);
    if (Number(now.streams) !== latest.streams || now.digest !== latest.headsDigest) {
      return {
        status: 'log_mismatch',
        latest: summary,
        found: { streams: Number(now.streams) },
        message:
          `the log as of position ${latest.globalPosition} no longer matches checkpoint ${latest.sequence} ` +
          `(${latest.streams} streams signed, ${now.streams} found): events were deleted or rewritten`,
      };
    }
    return { status: 'intact', latest: summary };
  }
}

/** The key from the environment: CHECKPOINT_KEY (≥ 32 characters); null disables checkpoints. */
export function checkpointKeyFromEnv(env: NodeJS.ProcessEnv = process.env): CheckpointKey | null {
  const secret = env.CHECKPOINT_KEY;
  if (!secret) return null;
  if (secret.length < 32) throw new Error('environment variable CHECKPOINT_KEY must be at least 32 characters');
  return { secret };
}

export interface LogVerification {
  checkedEvents: number;
  broken: BrokenLink[];
  /** Only when the whole log was verified. */
  checkpoint?: CheckpointCheck;
}

/**
 * Verifies the log: each stream's chain (EventStore.verify) and, for the whole log, the latest signed checkpoint.
 * A log that disagrees with its checkpoint is reported as a broken link of stream '*' at the checkpoint's position.
 */
export async function verifyEventLog(store: EventStore, checkpoints: EventCheckpoints, streamId?: string): Promise<LogVerification> {
  const result = await store.verify(streamId);
  if (streamId) return result;
  const checkpoint = await checkpoints.verify();
  const broken = [...result.broken];
  if (checkpoint.status === 'log_mismatch' || checkpoint.status === 'checkpoint_invalid') {
    broken.push({ streamId: '*', version: 0, globalPosition: checkpoint.latest!.globalPosition, reason: checkpoint.status });
  }
  return { ...result, broken, checkpoint };
}
