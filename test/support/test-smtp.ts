import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients. */
  rcptTo: string[];
  mail: ParsedMail;
}

/** A reply the server keeps back (see `holdRcpt`, `holdDataReply`). */
export interface HeldReply {
  stage: 'rcpt' | 'data';
  rcptTo: string[];
  /** The message, when it was already kept ('data'). */
  mail?: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Addresses the server answers RCPT TO with 550 (a mailbox that does not exist). */
  reject: Set<string>;
  /** Addresses whose RCPT TO is not answered until `releaseHeld` (a send in flight whose message never arrives). */
  holdRcpt: Set<string>;
  /**
   * Messages kept (in `received`) whose reply to DATA is not sent until `releaseHeld`: the message arrived but the
   * sender does not know it (a send in flight whose fate the sender cannot tell).
   */
  holdDataReply: (mail: ReceivedMail) => boolean;
  /** The replies kept back now. */
  held: HeldReply[];
  /** Answers every reply kept back with 421 (the sender, if still there, sees a failure) and holds nothing more. */
  releaseHeld(): void;
  stop(): Promise<void>;
}

/** A real SMTP server (smtp-server) on 127.0.0.1, a free port, plain text, no authentication: keeps every message it accepts. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const reject = new Set<string>();
  const holdRcpt = new Set<string>();
  const held: (HeldReply & { answer: (error?: Error) => void })[] = [];
  const unavailable = () => Object.assign(new Error('4.3.0 Service shutting down'), { responseCode: 421 });
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address)) {
        callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
        return;
      }
      if (holdRcpt.has(address.address)) {
        held.push({ stage: 'rcpt', rcptTo: [address.address], answer: (error) => callback(error) });
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const kept = { rcptTo: session.envelope.rcptTo.map((a) => a.address), mail };
          received.push(kept);
          if (api.holdDataReply(kept)) held.push({ stage: 'data', rcptTo: kept.rcptTo, mail, answer: (error) => callback(error) });
          else callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const api: TestSmtpServer = {
    port,
    received,
    reject,
    holdRcpt,
    holdDataReply: () => false,
    held,
    releaseHeld() {
      holdRcpt.clear();
      api.holdDataReply = () => false;
      for (const h of held.splice(0)) {
        try {
          h.answer(unavailable());
        } catch {
          // the sender is gone (its connection closed)
        }
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return api;
}
