"""A Language Server Protocol client for the tests: rubric lsp as a child process, spoken to
over its standard input and output in Content-Length frames, as an editor does."""
import json
import subprocess


class Client:
    def __init__(self, rubric, *args, env=None):
        self.process = subprocess.Popen([rubric, *args, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env=env)
        self.next_id = 0
        self.notifications = []

    def send_raw(self, body: bytes, header: bytes = None):
        if header is None:
            header = b"Content-Length: %d\r\n\r\n" % len(body)
        self.process.stdin.write(header + body)
        self.process.stdin.flush()

    def send(self, message):
        self.send_raw(json.dumps(message, ensure_ascii=False).encode("utf-8"))

    def read(self):
        """The next message the server sends."""
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            line = line.rstrip(b"\r\n")
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        assert length is not None, "a frame without Content-Length"
        return json.loads(self.process.stdout.read(length).decode("utf-8"))

    def request(self, method, params=None):
        """Sends a request; returns its response, keeping the notifications that came first."""
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.response(self.next_id)

    def response(self, id):
        while True:
            message = self.read()
            if "method" in message and "id" not in message:
                self.notifications.append(message)
                continue
            assert message.get("id") == id, message
            return message

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def diagnostics(self, uri):
        """The next diagnostics published for [uri]."""
        for i, message in enumerate(self.notifications):
            if message["method"] == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                del self.notifications[i]
                return message["params"]["diagnostics"]
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]
            self.notifications.append(message)

    def close(self, timeout=10):
        self.process.stdin.close()
        return self.process.wait(timeout=timeout)
