import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Closes a socket after what was written to it is flushed. */
function closeSocket(socket: Socket): void {
  socket.end(() => socket.destroy());
}

/**
 * Tracks in-flight requests per connection so shutdown can be graceful and
 * prompt: `drain()` closes every connection that has no request in flight
 * (idle keep-alive sockets, and sockets a client opened but never used, which
 * Node's own closeIdleConnections leaves open), and each remaining one as soon
 * as its last response is done.
 */
export function trackConnections(server: Server): { drain(): void } {
  const inFlight = new Map<Socket, number>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    if (draining) return closeSocket(socket);
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (draining && left === 0) closeSocket(socket);
    });
  });
  return {
    drain() {
      draining = true;
      for (const [socket, n] of inFlight) if (n === 0) closeSocket(socket);
    },
  };
}
