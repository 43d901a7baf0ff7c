"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 in a thread of the test process.

`Sink` keeps every message it accepted (an `email.message.Message`, in arrival order). It can refuse
addresses for good (550) or for now (450), and answer RCPT slowly, as a busy server does.
"""

import asyncio
import email
import socket
from contextlib import contextmanager


class Sink(list):
    poort: int

    def __init__(self):
        super().__init__()
        self.weigeren: set[str] = set()  # 550: the mailbox does not exist
        self.later: set[str] = set()  # 450: try again later
        self.rcpt_vertraging = 0.0  # seconds before RCPT is answered

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_vertraging:
            await asyncio.sleep(self.rcpt_vertraging)
        if address in self.weigeren:
            return "550 5.1.1 Mailbox unavailable"
        if address in self.later:
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.append(email.message_from_bytes(envelope.original_content))
        return "250 OK"


@contextmanager
def smtp_sink():
    from aiosmtpd.controller import Controller

    sink = Sink()
    # aiosmtpd's start() connects to its own port to check it is up, so it needs a real number.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=poort)
    controller.start()
    sink.poort = poort
    try:
        yield sink
    finally:
        controller.stop()
