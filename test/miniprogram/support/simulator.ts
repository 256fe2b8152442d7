/**
 * miniprogram-simulate under Node, shared by the test harness and the benchmark: registers jsdom
 * (global-jsdom) and loads the simulator lazily, so nothing of it exists before `openSimulator()` and
 * nothing of jsdom after `close()`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The little of the DOM tests touch (the root tsconfig has no DOM lib; jsdom provides it at run time). */
export interface DomNode {
  textContent: string | null;
  innerHTML: string;
}
declare const document: { createElement(tag: string): unknown };

/** What miniprogram-simulate's render answers (j-component's root component), as far as tests use it. */
export interface SimComponent {
  dom: DomNode;
  data: Record<string, any>;
  instance: Record<string, any> & { data: Record<string, any>; setData(d: Record<string, unknown>): void };
  attach(parent: unknown): void;
  detach(): void;
  querySelector(selector: string): SimComponent | undefined;
  querySelectorAll(selector: string): SimComponent[];
  dispatchEvent(name: string, detail?: Record<string, unknown>): void;
  triggerLifeTime(name: string): void;
  triggerPageLifeTime(name: string, arg?: unknown): void;
}

interface Simulate {
  load(componentPath: string, tagName: string, options: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimComponent;
}

export interface Simulator {
  /** Loads, renders and attaches a page or component of the built app; runs onLoad(options) and onShow. */
  open(dir: string, route: string, options?: Record<string, string>, properties?: Record<string, unknown>): SimComponent;
  close(): void;
}

export function openSimulator(): Simulator {
  const cleanup = (require('global-jsdom') as (html?: string, opts?: Record<string, unknown>) => () => void)(undefined, { url: 'http://localhost/' });
  const g = globalThis as Record<string, unknown>;
  g.CustomEvent = (g.window as { CustomEvent: unknown }).CustomEvent;
  // loaded only now: it registers its components against the DOM just created
  const sim = require('miniprogram-simulate') as Simulate;
  return {
    open(dir, route, options = {}, properties) {
      const id = sim.load(path.join(dir, route.replace(/\.js$/, '')), 'page', { rootPath: dir });
      const comp = sim.render(id, properties);
      comp.attach(document.createElement('parent-wrapper'));
      if (typeof comp.instance.onLoad === 'function') comp.instance.onLoad(options);
      if (typeof comp.instance.onShow === 'function') comp.instance.onShow();
      return comp;
    },
    close() {
      cleanup();
      delete g.CustomEvent;
    },
  };
}

/** Forgets the built app's modules, so the next page starts with fresh lib state (a new app launch). */
export function resetModules(dir: string): void {
  for (const key of Object.keys(require.cache)) if (key.startsWith(dir + path.sep)) delete require.cache[key];
}

/** Installs a `wx` API over the simulator's own (its mocks stay for what is not stubbed). */
export function installWx(api: Record<string, unknown>): void {
  const g = globalThis as unknown as { wx: Record<string, unknown> };
  g.wx = Object.assign(g.wx ?? {}, api);
}
