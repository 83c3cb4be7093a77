import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import ical, { type VEvent } from 'node-ical';
import { SMTPServer } from 'smtp-server';

/* A real SMTP server in the test process (smtp-server), what arrives parsed with mailparser, calendar files parsed
 * back with node-ical: for the tests of the outbox and of the emails the API sends. */

interface Arrival {
  at: number;
  mail: ParsedMail;
  raw: string;
}

/** An SMTP server on a free local port that keeps what arrives; `reject` makes it refuse every message (451). */
export async function startSmtp(options: { reject?: boolean } = {}) {
  const arrivals: Arrival[] = [];
  const attempts: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        attempts.push(Date.now());
        if (options.reject) {
          const error = Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((mail) => {
            arrivals.push({ at: Date.now(), mail, raw });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    attempts,
    to: (address: string) => arrivals.filter((a) => recipients(a.mail).includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function recipients(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((t) => t.value.map((v) => v.address ?? ''));
}

/** The .ics part of a message (nodemailer's icalEvent: a text/calendar alternative). */
export function calendarOf(mail: ParsedMail): string {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error('No text/calendar part');
  return part.content.toString('utf8');
}

export function eventOf(ics: string): { event: VEvent; method: string | undefined } {
  const parsed = ical.sync.parseICS(ics);
  const event = Object.values(parsed).find((c): c is VEvent => c?.type === 'VEVENT');
  if (!event) throw new Error('No VEVENT');
  return { event, method: parsed.vcalendar?.method };
}

export const textOf = (value: unknown) => (typeof value === 'string' ? value : ((value as { val?: string } | undefined)?.val ?? ''));
