import { type ClientRequest, get } from 'node:http';

/**
 * A minimal EventSource for node (Node 20 has none): reads `data:` frames from a real HTTP
 * response. Shaped like the browser's, so the web bridge can use it unchanged.
 */
export class NodeEventSource {
  private readonly request: ClientRequest;
  private readonly listeners = new Set<(event: { data: string }) => void>();
  readonly opened: Promise<void>;

  constructor(url: string) {
    let buffer = '';
    let markOpen: () => void = () => {};
    this.opened = new Promise((resolve) => {
      markOpen = resolve;
    });
    this.request = get(url, { headers: { Accept: 'text/event-stream' } }, (res) => {
      markOpen();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data) for (const listener of this.listeners) listener({ data });
          end = buffer.indexOf('\n\n');
        }
      });
    });
    this.request.on('error', () => {});
  }

  addEventListener(_type: 'message', listener: (event: { data: string }) => void): void {
    this.listeners.add(listener);
  }

  close(): void {
    this.request.destroy();
  }
}
