import type { ClientConfig } from '../../shared/client.ts';

type GppCall = [command: string, callback?: (data: unknown, success: boolean) => void, ...rest: unknown[]];

/**
 * The IAB GPP stub, defined before any tag: `ping` is answered at once, every other command waits in a queue
 * until the full CMP API (@iabgpp/cmpapi, loaded only when someone asks) takes `window.__gpp` over and replays it.
 */
export function installGppStub(sections: ClientConfig['gppSections'], loadFull: () => void): void {
  const queue: GppCall[] = [];
  (window as unknown as { __gpp: unknown }).__gpp = (...call: GppCall | []) => {
    if (call.length === 0) return queue;
    if (call[0] !== 'ping') {
      queue.push(call as GppCall);
      return loadFull();
    }
    call[1]?.({ gppVersion: '1.1', cmpStatus: 'stub', cmpDisplayStatus: 'hidden', signalStatus: 'not ready',
      supportedAPIs: sections.map((name) => `${name === 'usnat' ? 7 : 8}:${name}`), cmpId: 0, sectionList: [],
      applicableSections: [-1], gppString: '', parsedSections: {} }, true);
  };
}
