import { createTransport } from 'nodemailer';

/** One plain-text e-mail to one person. */
export interface OutgoingMail {
  to: { name?: string; address: string };
  subject: string;
  text: string;
  /** '<local@domain>'; the same value on every retry lets mail systems drop a duplicate. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The server's final reply ('250 OK: queued as …'). */
  response: string;
}

/** What the dispatcher needs from a mail transport (the SMTP one below, or a fake). */
export interface Mailer {
  /** The sender address ('kybaocao@tamduong.vn'): its domain names the Message-IDs. */
  readonly fromAddress: string;
  /** Resolves once the server accepted the message for the recipient; rejects otherwise. */
  send(mail: OutgoingMail): Promise<SentMail>;
  /** Connects and says EHLO (and logs in): for a health check at start. */
  verify(): Promise<void>;
  close(): void;
}

export interface SmtpMailerOptions {
  host: string;
  port: number;
  /** true: TLS from the first byte (port 465). false: plain, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** 'kybaocao@tamduong.vn' or { name: 'Ban Dân vận Huyện ủy', address: … }. */
  from: string | { name: string; address: string };
  /** Refuse to send without STARTTLS (for a server on another machine). */
  requireTLS?: boolean;
  /** Per-stage timeout (connect, greeting, idle socket); default 30 s, so a dead server fails an attempt instead of hanging. */
  timeoutMs?: number;
  /** Reuse connections across messages (a batch of reminders); default false. */
  pool?: boolean;
  /** With `pool`: connections open at once (nodemailer's default is 5); the dispatcher's concurrency fits. */
  maxConnections?: number;
}

/** An SMTP mailer (nodemailer). Every text is sent as UTF-8 in NFC; the subject is one line. */
export function createMailer(options: SmtpMailerOptions): Mailer {
  const from = typeof options.from === 'string' ? { name: '', address: options.from } : options.from;
  if (!/^[^\s@]+@[^\s@]+$/.test(from.address)) throw new RangeError(`from must be an e-mail address, got ${JSON.stringify(from.address)}`);
  const timeout = options.timeoutMs ?? 30_000;
  const transportOptions = {
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
    ...(options.requireTLS ? { requireTLS: true } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
  const transport = options.pool
    ? createTransport({ ...transportOptions, pool: true, ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}) })
    : createTransport(transportOptions);
  const fromHeader = from.name ? { name: nfc(from.name), address: from.address } : from.address;

  return {
    fromAddress: from.address,
    async send(mail) {
      const info = await transport.sendMail({
        from: fromHeader,
        to: mail.to.name ? { name: oneLine(mail.to.name), address: mail.to.address } : mail.to.address,
        subject: oneLine(mail.subject),
        text: nfc(mail.text),
        textEncoding: 'quoted-printable',
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        headers: { 'Auto-Submitted': 'auto-generated', ...(mail.headers ?? {}) },
      });
      // One recipient per message: a rejected recipient makes sendMail reject, but check anyway.
      if (info.rejected.length > 0) throw new Error(`recipient rejected by the server: ${info.rejected.join(', ')} (${info.response})`);
      return { messageId: info.messageId, response: info.response };
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}

/**
 * SMTP settings from the environment, or null when SMTP_HOST is not set (no e-mail; the inbox still works):
 * SMTP_HOST, SMTP_PORT (default 587, or 465 when SMTP_SECURE=true), SMTP_SECURE, SMTP_USER, SMTP_PASSWORD,
 * MAIL_FROM ('kybaocao@example.vn' or 'Tên <kybaocao@example.vn>'), SMTP_REQUIRE_TLS.
 */
export function smtpMailerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpMailerOptions | null {
  const host = env.SMTP_HOST;
  if (!host) return null;
  const secure = env.SMTP_SECURE === 'true';
  const port = Number(env.SMTP_PORT ?? (secure ? 465 : 587));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`SMTP_PORT=${env.SMTP_PORT} is not a port`);
  const fromValue = env.MAIL_FROM;
  if (!fromValue) throw new Error('environment variable MAIL_FROM is required when SMTP_HOST is set');
  const named = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(fromValue);
  return {
    host,
    port,
    secure,
    ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } } : {}),
    from: named ? { name: named[1], address: named[2] } : fromValue.trim(),
    requireTLS: env.SMTP_REQUIRE_TLS === 'true',
    // SMTP_POOL=true reuses connections (a reminder round sends thousands of messages); default one per message.
    ...(env.SMTP_POOL === 'true' ? { pool: true } : {}),
  };
}

function nfc(s: string): string {
  return s.normalize('NFC');
}

function oneLine(s: string): string {
  return nfc(s).replace(/\s+/gu, ' ').trim();
}
