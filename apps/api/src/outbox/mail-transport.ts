import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.js';

/** One email as the outbox sends it. */
export interface OutgoingMail {
  /** The outbox row's id: the Message-ID is made from it, so a message retried after a lost answer is recognisable. */
  id: string;
  to: string;
  subject: string;
  text: string;
  /** An iCalendar file, attached as the text/calendar alternative calendar programs act on. */
  ics?: string | null;
}

/** The METHOD of an iCalendar file (REQUEST, CANCEL, ...), for the text/calendar part's method parameter. */
export const calendarMethod = (ics: string) => /^METHOD:([A-Z-]+)\r?$/m.exec(ics)?.[1] ?? 'PUBLISH';

function mailOptions(mail: OutgoingMail, from: string): SendMailOptions {
  const domain = /@([^>\s]+)>?$/.exec(from)?.[1] ?? 'upright.invalid';
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<outbox-${mail.id}@${domain}>`,
    ...(mail.ics ? { icalEvent: { method: calendarMethod(mail.ics), filename: 'appointment.ics', content: mail.ics } } : {}),
  };
}

/**
 * Sends email: over SMTP when SMTP_URL is set; otherwise each message is written to MAIL_DIR as an .eml file
 * (any mail program opens it), so the demo and development need no mail server.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;
  /** The folder .eml files go to, or null when sending over SMTP. */
  readonly mailbox: string | null;

  constructor(private readonly config: AppConfig) {
    if (config.SMTP_URL) {
      this.mailbox = null;
      // Bounded waits: a hung server must not hold a claimed message past its lease (see OutboxWorker).
      this.transporter = createTransport({ url: config.SMTP_URL, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
    } else {
      this.mailbox = path.resolve(config.MAIL_DIR);
      this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    }
  }

  /** Resolves once the SMTP server has accepted the message (or the file is written); rejects otherwise. */
  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transporter.sendMail(mailOptions(mail, this.config.mailFrom))) as { message?: unknown };
    if (this.mailbox === null) return;
    await mkdir(this.mailbox, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(this.mailbox, `${stamp}-${mail.id}.eml`);
    // Written whole under a temporary name, then renamed: a reader never sees half a message.
    await writeFile(`${file}.tmp`, info.message as Buffer);
    await rename(`${file}.tmp`, file);
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
