import { simpleParser, type ParsedMail } from 'mailparser';
import ical, { type VEvent } from 'node-ical';
import { SMTPServer } from 'smtp-server';

/**
 * The SMTP server the API sends its emails to during the browser tests (`npm test` points the API's SMTP_URL at
 * E2E_SMTP_PORT): a real server in this process that keeps every message, parsed.
 */
export async function openMailbox() {
  const port = Number(process.env.E2E_SMTP_PORT);
  if (!port) throw new Error('E2E_SMTP_PORT is not set: run the browser tests through `npm test`.');
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          done();
        })
        .catch((error: Error) => done(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const sentTo = (address: string) => received.filter((mail) => JSON.stringify(mail.to ?? '').includes(address));
  return {
    /** The messages to `address`, once at least `count` arrived (the API's outbox sends within a second or so). */
    async waitFor(address: string, count = 1, timeoutMs = 20_000): Promise<ParsedMail[]> {
      const deadline = Date.now() + timeoutMs;
      while (sentTo(address).length < count) {
        if (Date.now() > deadline) throw new Error(`${sentTo(address).length} of ${count} message(s) to ${address} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return sentTo(address);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The calendar event a message carries (its text/calendar part), parsed back. */
export function calendarEvent(mail: ParsedMail): { event: VEvent; method: string | undefined } {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error(`No calendar in "${mail.subject ?? ''}"`);
  const parsed = ical.sync.parseICS(part.content.toString('utf8'));
  const event = Object.values(parsed).find((c): c is VEvent => c?.type === 'VEVENT');
  if (!event) throw new Error('No VEVENT in the calendar');
  return { event, method: parsed.vcalendar?.method };
}
