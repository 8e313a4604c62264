import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback that keeps every message it accepts, parsed with mailparser,
// with the envelope recipients. It can stop and start again on the same port, to play a relay
// that is down for a while. With saveDir, each message is also written there as <n>.eml, for
// test processes other than the one running the server (the browser tests' workers).

export interface CaughtMail {
  envelopeTo: string[];
  mail: ParsedMail;
  raw: string;
}

export interface SmtpCatcher {
  readonly port: number;
  readonly url: string;
  readonly messages: CaughtMail[];
  /** Stops listening (connections are refused) until start() is called again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpCatcher(options: { port?: number; saveDir?: string } = {}): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  let server: SMTPServer | null = null;
  let port = options.port ?? 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const raw = Buffer.concat(chunks).toString("utf8");
            if (options.saveDir) writeFileSync(path.join(options.saveDir, `${Date.now()}-${messages.length + 1}.eml`), raw);
            simpleParser(raw)
              .then((mail) => {
                messages.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail, raw });
                callback();
              })
              .catch(callback);
          });
        },
      });
      s.on("error", () => undefined);
      s.server.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        port = (s.server.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const s = server;
      server = null;
      s.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    stop,
    start: listen,
    close: stop,
  };
}
