"""An emulated network link in front of a local server: a TCP proxy on 127.0.0.1.

    link = EmulatedLink(target_port=8000, mbps=20, latency_ms=40).start()
    ...  # browse link.url
    link.close()

What it emulates, for every connection through it together, as one home connection would:
- bandwidth: one token bucket per direction, shared by all connections (each connection reserves
  the link for one chunk at a time, so parallel downloads share it, round-robin by chunk);
- latency: half the round trip added to every chunk in each direction, and one round trip before
  a new connection carries anything (TCP's handshake);
- not TCP slow start, loss or reordering.

Chromium's own throttling (DevTools' Network.emulateNetworkConditions) is no substitute: it is set
per page target, so a shared worker's and the service worker's requests escape it, and it delays
each request rather than sharing one link among connections.
"""

import asyncio
import threading
import time

CHUNK = 16 * 1024
SLACK_S = 0.05  # a pump that wakes up late may catch up on this much idle link time


class Bucket:
    """One direction of the link: serializes chunks at `rate` bytes per second."""

    def __init__(self, rate):
        self.rate = rate
        self.free_at = 0.0
        self.sent = 0

    def reserve(self, size):
        """Seconds from now until `size` bytes have crossed the link, queued behind what is already on it."""
        now = time.monotonic()
        self.free_at = max(self.free_at, now - SLACK_S) + size / self.rate
        self.sent += size
        return self.free_at - now


class EmulatedLink:
    def __init__(self, target_port, mbps=20.0, latency_ms=40.0, port=0, target_host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.one_way = latency_ms / 2000
        self.down = Bucket(mbps * 1e6 / 8)
        self.up = Bucket(mbps * 1e6 / 8)
        self.port = port
        self.connections = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def bytes_down(self):
        """Bytes sent to the browser so far (headers included)."""
        return self.down.sent

    def start(self):
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait()
        return self

    def close(self):
        self._loop.call_soon_threadsafe(self._loop.stop)

    def serve_forever(self):
        """Blocks until interrupted (for `build.py serve --link`)."""
        self._run()

    def _run(self):
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._connection, "127.0.0.1", self.port))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            server.close()
            tasks = asyncio.all_tasks(self._loop)
            for task in tasks:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))

    async def _connection(self, client_reader, client_writer):
        self.connections += 1
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        try:
            await asyncio.sleep(2 * self.one_way)  # the handshake's round trip
            up = asyncio.ensure_future(self._pump(client_reader, server_writer, self.up))
            down = asyncio.ensure_future(self._pump(server_reader, client_writer, self.down))
            await asyncio.wait([up, down], return_when=asyncio.FIRST_COMPLETED)
            if up.done():  # the browser closed the connection (a cancelled download): the rest never leaves
                down.cancel()
            await asyncio.gather(up, down, return_exceptions=True)
        except asyncio.CancelledError:  # the link is closing
            pass
        finally:
            client_writer.close()
            server_writer.close()

    async def _pump(self, reader, writer, bucket):
        """Copies reader to writer through the bucket, each chunk arriving one way's latency late."""
        loop = asyncio.get_running_loop()
        delivered = []  # futures of chunks in flight, so that closing waits for them
        try:
            while chunk := await reader.read(CHUNK):
                await asyncio.sleep(bucket.reserve(len(chunk)))
                arrival = loop.create_future()
                loop.call_later(self.one_way, self._deliver, writer, chunk, arrival)
                delivered.append(arrival)
                delivered = [future for future in delivered if not future.done()]
        except (ConnectionError, OSError):
            pass
        finally:
            if delivered:
                await asyncio.wait(delivered)
            try:
                writer.close()
            except OSError:
                pass

    @staticmethod
    def _deliver(writer, chunk, arrival):
        try:
            if not writer.is_closing():
                writer.write(chunk)
        finally:
            arrival.set_result(None)
