"""An SMTP server on 127.0.0.1 for TLS Boot's mail tests (Debian's python3-aiosmtpd, run by /usr/bin/python3).

It requires a client certificate of the given CA, and either STARTTLS before MAIL (the default) or TLS from the
connect (--implicit-tls). Each message received is written to the directory as <n>.json with the envelope, the
content, the TLS protocol and the subject of the client certificate, before the server answers 250, so a sender
finds it there as soon as its send returns. Prints READY once it accepts connections; SIGTERM stops it.

usage: smtp-server.py PORT CERT KEY CA DIRECTORY [--implicit-tls]
"""

import itertools
import json
import os
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller


class Recorder:

    def __init__(self, directory):
        self.directory = directory
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        transport = server.transport
        subject = dict(item[0] for item in (transport.get_extra_info("peercert") or {}).get("subject", ()))
        record = {
            "protocol": transport.get_extra_info("ssl_object").version(),
            "client": "CN=" + subject.get("commonName", ""),
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "content": envelope.content.decode("utf-8", "replace"),
        }
        path = os.path.join(self.directory, "%d.json" % next(self.numbers))
        with open(path + ".tmp", "w") as out:
            json.dump(record, out)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


class ImplicitTlsController(Controller):

    def _trigger_server(self):
        # The server demands a client certificate, which aiosmtpd's own TLS probe has not: a plain connect is enough
        # for asyncio to make the SMTP protocol object, which is all the probe waits for.
        with socket.create_connection((self.hostname, self.port), 1.0):
            pass


def main(port, cert, key, ca, directory, *mode):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=ca)
    context.load_cert_chain(cert, key)
    context.verify_mode = ssl.CERT_REQUIRED
    handler = Recorder(directory)
    if "--implicit-tls" in mode:
        controller = ImplicitTlsController(handler, hostname="127.0.0.1", port=int(port), ssl_context=context)
    else:
        controller = Controller(handler, hostname="127.0.0.1", port=int(port), tls_context=context,
                                require_starttls=True)
    controller.start()
    print("READY", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main(*sys.argv[1:])
