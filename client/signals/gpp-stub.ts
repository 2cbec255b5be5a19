type GppCallback = (data: unknown, success: boolean) => void;
type GppCall = [command: string, callback?: GppCallback, parameter?: unknown, version?: string];

/**
 * The IAB GPP stub, defined before any tag: `ping` is answered at once, every other command waits in a queue
 * until the full CMP API (@iabgpp/cmpapi, loaded only when someone asks) takes `window.__gpp` over and replays it.
 */
export function installGppStub(sectionIds: number[], loadFull: () => void): void {
  const queue: GppCall[] = [];
  const w = window as unknown as { __gpp?: unknown };
  w.__gpp = (...call: GppCall | []) => {
    if (call.length === 0) return queue;
    const [command, callback] = call;
    if (command === 'ping') {
      callback?.({ gppVersion: '1.1', cmpStatus: 'stub', cmpDisplayStatus: 'hidden', signalStatus: 'not ready',
        supportedAPIs: sectionIds.map((id) => `${id}:${id === 7 ? 'usnat' : 'usca'}`), cmpId: 0, sectionList: [],
        applicableSections: [-1], gppString: '', parsedSections: {} }, true);
      return undefined;
    }
    queue.push(call as GppCall);
    loadFull();
    return undefined;
  };
}
