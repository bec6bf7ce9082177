import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of the sync server, one per simulated device, so a
 * test can cut a device's network (every open connection dropped, new ones
 * refused) and keep a stable address while the server restarts on a new port.
 */
export class NetworkProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private connected = true;
  port = 0;

  constructor(private target: number) {
    this.server = createServer((client) => {
      if (!this.connected) {
        client.destroy();
        return;
      }
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('proxy has no port');
    this.port = address.port;
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get isUp(): boolean {
    return this.connected;
  }

  /** The device loses its network: open connections (the live stream, a push in flight) break. */
  down(): void {
    this.connected = false;
    this.dropAll();
  }

  up(): void {
    this.connected = true;
  }

  /** The server moved (restart): old connections are dead anyway. */
  retarget(port: number): void {
    this.target = port;
    this.dropAll();
  }

  private dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
