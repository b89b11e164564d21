"""An echo server with Tornado: every message goes back as it came, text as text, binary as binary.

Run: /usr/bin/python3 server.py PORT (Debian's python3-tornado)
"""
import asyncio
import sys

import tornado.web
import tornado.websocket


class Echo(tornado.websocket.WebSocketHandler):
    def check_origin(self, origin):
        return True  # a conformance prober sends no Origin; a server for browsers keeps the default

    def on_message(self, message):
        self.write_message(message, binary=isinstance(message, bytes))


async def main(port):
    # 16 MiB lets Autobahn's largest messages (category 9) through; the default is 10 MiB.
    # Every path, so the workshop's widgets find /ws/echo too.
    app = tornado.web.Application([(r"/.*", Echo)], websocket_max_message_size=16 * 2**20)
    app.listen(port, "127.0.0.1")
    print(f"listening on ws://127.0.0.1:{port}/", flush=True)
    await asyncio.Event().wait()


asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 9001))
