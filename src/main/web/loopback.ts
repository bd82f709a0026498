import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. Anything else, including undefined, is remote. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  return address === '::1';
}

/**
 * DNS-rebinding guard: a page on some other site that resolves its name to 127.0.0.1 still sends
 * its own name in Host, so only loopback names on our port are answered.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

/** Both checks for one request: from this machine, addressed to this host by a loopback name. */
export function isLocalRequest(
  req: { socket: { remoteAddress?: string | undefined }; headers: { host?: string | undefined } },
  port: number,
): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHost(req.headers.host, port);
}
