import { inlineCode, markdownTable } from './markdown';
import { OutputFile } from './types';
import { renderCollectScript } from '../perfkit/collect';
import { ClusterPlan } from '../plan/types';

/** Where the kit's files go in the output folder. */
export const PERF_KIT_DIR = 'perf';

/** The files of the perf test kit: `perf/collect.sh`; none without a kit. */
export function renderPerfKitFiles(plan: ClusterPlan): OutputFile[] {
  if (plan.perfKit === undefined) {
    return [];
  }
  return [{
    path: `${PERF_KIT_DIR}/collect.sh`,
    content: renderCollectScript(plan.perfKit),
    executable: true,
  }];
}

/**
 * The kit's section of `PLAN.md`: each pair, where its VMs run, what the
 * client measures to and when its turn comes, and how to collect and report.
 */
export function perfKitSection(plan: ClusterPlan): string[] {
  const kit = plan.perfKit;
  if (kit === undefined) {
    return [];
  }
  const minutes = (seconds: number) =>
    (seconds === 0 ? 'at once' : `+${Math.ceil(seconds / 60)} min`);
  const rows = kit.pairs.map((pair) => [
    inlineCode(pair.name),
    inlineCode(pair.server.spec.host ?? ''),
    inlineCode(pair.client.spec.host ?? ''),
    inlineCode(pair.peer),
    minutes(pair.startDelay),
  ]);
  return [[
    `## Performance test kit ${inlineCode(kit.name)}`,
    '',
    `${kit.pairs.length * 2} VMs in namespace ${inlineCode(kit.namespace)}, one server and one `
      + `client per pair, each with ${kit.pairs[0]?.server.spec.cpus ?? 1} vCPU(s) and `
      + `${kit.pairs[0]?.server.spec.memory ?? ''} of hugepage memory; they are among the VMs `
      + 'placed above. A client waits for its server, then for its turn (counted from its '
      + `server's first answer), and measures for about ${Math.ceil(kit.estimatedTime / 60)} `
      + 'min in all.',
    '',
    markdownTable(['pair', 'server on', 'client on', 'client measures to', 'turn'], rows),
    '',
    `Collect the clients' console logs with ${inlineCode(`${PERF_KIT_DIR}/collect.sh`)} `
      + `(again until every pair is done), then ${inlineCode('vhost-user-k8s report '
      + 'perf-logs/*.log --outdir perf-logs/report')}.`,
  ].join('\n')];
}
