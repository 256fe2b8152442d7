/**
 * The module installer: from the list of declarations (modules/index.ts) to the registries core
 * reads, in a defined order. One composition root per process calls it (boot.ts `openPlatform`),
 * before the database opens: models run when it does.
 */
import { useModels } from './db/index.js';
import { installEvents, installSubscriptions } from './events.js';
import { assertPlansKnowTheirFeatures, installFeatures, installPlans } from './features.js';
import { installHooks } from './hooks.js';
import { installRoutes } from './http.js';
import { installJobs, installSweeps } from './jobs.js';
import type { ModuleDefinition } from './module.js';
import { installPermissions } from './permissions.js';
import { coreHooks, coreJobs, coreModels } from './platform.js';
import { installFeeds, installSocketHandlers } from './realtime.js';
import { installSettings } from './settings.js';
import { installSteps } from './steps.js';

let installed: readonly ModuleDefinition[] | undefined;

/** Names unique, every dependency declared earlier in the list, every job named under its module. */
export function checkModules(modules: readonly ModuleDefinition[]): void {
  const seen = new Set<string>();
  for (const m of modules) {
    if (seen.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    for (const dep of m.dependsOn ?? []) {
      if (dep === m.name) throw new Error(`module ${m.name} depends on itself`);
      if (!seen.has(dep)) {
        const later = modules.some((x) => x.name === dep);
        throw new Error(later ? `module ${m.name} depends on ${dep}, which comes after it in the list` : `module ${m.name} depends on ${dep}, which is not in the list`);
      }
    }
    for (const job of Object.keys(m.jobs ?? {})) {
      if (!job.startsWith(`${m.name}.`)) throw new Error(`module ${m.name}: job ${job} is not named under the module (${m.name}.…)`);
    }
    for (const sweep of m.sweeps ?? []) {
      if (!sweep.name.startsWith(`${m.name}.`)) throw new Error(`module ${m.name}: sweep ${sweep.name} is not named under the module (${m.name}.…)`);
    }
    seen.add(m.name);
  }
}

const sameList = (a: readonly ModuleDefinition[], b: readonly ModuleDefinition[]) => a.length === b.length && a.every((m, i) => m === b[i]);

/** Installing the same list again is a no-op; another list after the first is an error. */
export function installModules(modules: readonly ModuleDefinition[]): void {
  if (installed) {
    if (sameList(installed, modules)) return;
    throw new Error('modules are already installed, with another list');
  }
  checkModules(modules);
  const all = <T>(pick: (m: ModuleDefinition) => readonly T[] | undefined): T[] => modules.flatMap((m) => pick(m) ?? []);
  useModels({ models: [...coreModels, ...all((m) => m.models)], associations: all((m) => (m.associate ? [m.associate] : [])) });
  installPermissions({ policies: all((m) => m.policies), merchant: all((m) => m.permissions), platform: all((m) => m.platformPermissions) });
  // before the routes: mounting them checks that each route's feature exists
  installSettings(modules.flatMap((m) => (m.settings ? [{ module: m.name, schema: m.settings }] : [])));
  installFeatures(all((m) => m.features));
  const planOwners = modules.filter((m) => m.plans);
  if (planOwners.length > 1) throw new Error(`plans are declared by ${planOwners.map((m) => m.name).join(' and ')}; one module owns them`);
  installPlans(planOwners[0]?.plans ?? {});
  assertPlansKnowTheirFeatures();
  installRoutes(all((m) => m.routes));
  installJobs(coreJobs);
  for (const m of modules) installJobs(m.jobs ?? {});
  installSweeps(all((m) => m.sweeps));
  installSteps(all((m) => m.steps));
  installHooks([...coreHooks, ...all((m) => m.hooks)]);
  installEvents(all((m) => m.events));
  installSubscriptions(all((m) => m.subscriptions));
  installSocketHandlers(all((m) => m.sockets));
  installFeeds(all((m) => m.feeds));
  installed = modules;
}

/** What this process installed (empty before openPlatform). */
export function installedModules(): readonly ModuleDefinition[] {
  return installed ?? [];
}
