import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebServer {
  port: number;
  close(): Promise<void>;
}

/** A plain HTTP server on every loopback address, so `localhost` and `*.localhost` reach it however they resolve. */
export async function startWebServer(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<WebServer> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
