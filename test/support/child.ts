/**
 * Real second processes for tests that need one: worker processes sharing the jobs table, an app
 * server killed with SIGKILL. A child runs a script of test/support/children/ under tsx with this
 * run's environment (the same DATABASE_URL, REDIS_URL and DATA_DIR, so the same database and
 * APP_SECRET) and talks over IPC: it sends `{ type: 'ready', ... }` once it can serve.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ChildMessage {
  type: string;
  [key: string]: unknown;
}

const childrenDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'children');

export class TestChild {
  private readonly inbox: ChildMessage[] = [];
  private readonly waiting: Array<{ type: string; resolve: (m: ChildMessage) => void }> = [];
  private output = '';
  readonly exited: Promise<void>;

  private constructor(private readonly proc: ChildProcess) {
    proc.stderr?.on('data', (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    });
    proc.on('message', (m: ChildMessage) => {
      const i = this.waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(m);
      else this.inbox.push(m);
    });
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
  }

  static async start(script: string, env: Record<string, string> = {}): Promise<{ child: TestChild; ready: ChildMessage }> {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(childrenDir, script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const child = new TestChild(proc);
    const ready = await Promise.race([
      child.next('ready', 60_000),
      child.exited.then(() => {
        throw new Error(`${script} exited before it was ready: ${child.output}`);
      }),
    ]);
    return { child, ready };
  }

  get pid(): number {
    return this.proc.pid!;
  }

  send(message: Record<string, unknown>): void {
    this.proc.send(message);
  }

  /** The next message of this type (one that came before counts). */
  next(type: string, timeoutMs = 20_000): Promise<ChildMessage> {
    const i = this.inbox.findIndex((m) => m.type === type);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${type}' from the child within ${timeoutMs} ms: ${this.output}`)), timeoutMs);
      this.waiting.push({ type, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** kill -9: the process gets no chance to finish anything. */
  async kill(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, as a supervisor stops a process; kill -9 when it has not exited within 10 s. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
