#!/usr/bin/env python3
"""bench/login.py -- login figures of cafed through the real OpenSSH client.

Prints, in one run:
  - time from `ssh` start to the first screen painted (median, p95 of 20
    logins), next to the same client against an OpenSSH server on loopback
    (public-key login, a trivial forced command), with default client
    settings and with -o KexAlgorithms=curve25519-sha256;
  - memory per idle login (PSS of all its processes, dashboard open);
  - 200 concurrent logins held open: total memory, and the time a new
    login takes meanwhile;
  - a burst of 50 simultaneous logins: all succeed?, time until the last
    one is in, peak memory.
Every wait is bounded. Needs root for the OpenSSH baseline (it starts
/usr/sbin/sshd on a loopback port); without it that column says so.
"""
import base64, fcntl, hashlib, hmac, os, pty, select, shutil, signal
import socket, struct, subprocess, sys, tempfile, termios, time

CAFED = os.path.abspath(os.environ.get("CAFED", "build/cafed"))
CAFECTL = os.path.abspath(os.environ.get("CAFECTL", "build/cafectl"))
PASSWORD = "Bench-Login-Lantern-2026"
MARK = b"Dashboard"
KEX = "curve25519-sha256"


def totp(secret_b32, t=None):
    key = base64.b32decode(secret_b32)
    counter = int((t if t is not None else time.time()) // 30)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    off = mac[-1] & 15
    code = (struct.unpack(">I", mac[off:off + 4])[0] & 0x7fffffff) % 10**6
    return "%06d" % code


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, limit=20):
    end = time.time() + limit
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            time.sleep(0.02)
    return False


class Client:
    """One `ssh` in a pseudo-terminal of 80x24."""

    def __init__(self, argv):
        self.t0 = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm-256color"
            os.execvp(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 24, 80, 0, 0))
        self.buf = b""

    def expect(self, what, limit=30):
        end = time.monotonic() + limit
        while what not in self.buf:
            left = end - time.monotonic()
            if left <= 0:
                return False
            r, _, _ = select.select([self.fd], [], [], left)
            if not r:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            self.buf += data
        return True

    def send(self, text):
        os.write(self.fd, text.encode() + b"\r")

    def drain(self):
        while True:
            r, _, _ = select.select([self.fd], [], [], 0)
            if not r:
                return
            try:
                if not os.read(self.fd, 65536):
                    return
            except OSError:
                return

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


def ssh_argv(user, port, kex=None, source=None, extra=()):
    argv = ["ssh", "-tt", "-p", str(port),
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR"]
    if kex:
        argv += ["-o", "KexAlgorithms=" + kex]
    if source:
        argv += ["-b", source]
    argv += list(extra)
    return argv + ["%s@127.0.0.1" % user]


class Cafe:
    def __init__(self, tmp):
        self.tmp = tmp
        self.db = os.path.join(tmp, "cafe.db")
        self.users = []
        subprocess.run([CAFECTL, "--db", self.db, "init"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def add_users(self, n):
        """n users with TOTP, two cafectl processes at a time."""
        procs = []
        for i in range(len(self.users), len(self.users) + n):
            name = "bench%03d" % i
            secret = base64.b32encode(os.urandom(20)).decode()
            p = subprocess.Popen(
                [CAFECTL, "--db", self.db, "user", "add", name, "--role",
                 "cashier", "--password-stdin", "--totp-secret", secret],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
            p.stdin.write((PASSWORD + "\n").encode())
            p.stdin.close()
            procs.append(p)
            self.users.append((name, secret))
            if len(procs) >= 2:
                procs.pop(0).wait()
        for p in procs:
            p.wait()

    def start(self):
        self.port = free_port()
        conf = os.path.join(self.tmp, "cafed.conf")
        with open(conf, "w") as f:
            f.write("[server]\n")
        self.log = open(os.path.join(self.tmp, "cafed.log"), "w")
        self.proc = subprocess.Popen(
            [CAFED, "--db", self.db, "--port", str(self.port)],
            stdout=self.log, stderr=self.log)
        if not wait_port(self.port):
            sys.exit("cafed did not start; see " + self.log.name)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def login(self, user, kex=None, source=None):
        name, secret = user
        c = Client(ssh_argv(name, self.port, kex, source,
                            ["-o", "PubkeyAuthentication=no"]))
        ok = c.expect(b"assword:") and (c.send(PASSWORD) or True) and \
            c.expect(b"code:") and (c.send(totp(secret)) or True) and \
            c.expect(MARK)
        c.elapsed = time.monotonic() - c.t0
        c.ok = ok
        return c


def pss_kib(pids):
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/smaps_rollup" % pid) as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def descendants(root):
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            kids.setdefault(int(fields[1]), []).append(int(d))
        except OSError:
            pass
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        for k in kids.get(p, []):
            out.append(k)
            todo.append(k)
    return out


def stats(xs):
    xs = sorted(xs)
    med = xs[len(xs) // 2]
    p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
    return med * 1000, p95 * 1000


class OpenSSH:
    """A throw-away sshd on loopback: key login, trivial forced command."""

    def __init__(self, tmp):
        self.ok = False
        if os.geteuid() != 0 or not os.path.exists("/usr/sbin/sshd"):
            self.why = "needs root and openssh-server"
            return
        d = os.path.join(tmp, "openssh")
        os.mkdir(d)
        os.makedirs("/run/sshd", exist_ok=True)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                        d + "/host"], check=True)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                        d + "/client"], check=True)
        with open(d + "/client.pub") as f:
            pub = f.read().strip()
        with open(d + "/authorized_keys", "w") as f:
            f.write('command="echo Dashboard; sleep 600" %s\n' % pub)
        os.chmod(d + "/authorized_keys", 0o600)
        self.port = free_port()
        with open(d + "/sshd_config", "w") as f:
            f.write("Port %d\nListenAddress 127.0.0.1\nHostKey %s/host\n"
                    "AuthorizedKeysFile %s/authorized_keys\nStrictModes no\n"
                    "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                    "UsePAM no\nPermitRootLogin prohibit-password\n"
                    "PidFile %s/sshd.pid\nMaxStartups 200\n"
                    % (self.port, d, d, d))
        self.key = d + "/client"
        self.proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f",
                                      d + "/sshd_config"],
                                     stderr=subprocess.DEVNULL)
        self.ok = wait_port(self.port)
        self.why = "" if self.ok else "sshd did not start"

    def login(self, kex=None):
        c = Client(ssh_argv("root", self.port, kex, None,
                            ["-i", self.key, "-o", "IdentitiesOnly=yes"]))
        c.ok = c.expect(MARK)
        c.elapsed = time.monotonic() - c.t0
        return c

    def stop(self):
        if self.ok:
            self.proc.terminate()
            self.proc.wait(10)


def timed_logins(fn, n=20):
    times = []
    for _ in range(n):
        c = fn()
        if not c.ok:
            c.close()
            return None
        times.append(c.elapsed)
        c.close()
    return stats(times)


def main():
    tmp = tempfile.mkdtemp(prefix="cafed-bench-")
    cafe = openssh = None
    held = []
    try:
        cafe = Cafe(tmp)
        print("creating 300 users (Argon2id t=3, 64 MiB each)...", flush=True)
        cafe.add_users(300)
        cafe.start()
        users = iter(cafe.users)
        openssh = OpenSSH(tmp)

        print("login to first screen, 20 logins each (ms, median / p95):")
        for label, kex in (("default client settings", None),
                           ("KexAlgorithms=" + KEX, KEX)):
            ours = timed_logins(lambda: cafe.login(next(users), kex))
            base = timed_logins(lambda: openssh.login(kex)) \
                if openssh.ok else None
            line = "  %-34s cafed %s" % (label, "%.0f / %.0f" % ours
                                          if ours else "FAILED")
            if base:
                line += "   openssh %.0f / %.0f   ratio %.2f" % (
                    base[0], base[1], ours[0] / base[0] if ours else 0)
            else:
                line += "   openssh: %s" % (openssh.why or "FAILED")
            print(line, flush=True)

        idle = []
        for _ in range(10):
            c = cafe.login(next(users))
            if c.ok:
                idle.append(c)
        time.sleep(1)
        before = set(descendants(cafe.proc.pid))
        per = pss_kib(before) / max(1, len(idle))
        print("memory per idle login (PSS, session + UI process, dashboard "
              "open): %.2f MiB over %d logins" % (per / 1024, len(idle)))
        held.extend(idle)

        t0 = time.monotonic()
        fails = 0
        while len(held) < 200:
            c = cafe.login(next(users), source="127.0.0.%d" %
                           (2 + len(held) % 200))
            if c.ok:
                held.append(c)
            else:
                fails += 1
                c.close()
                if fails > 10:
                    break
            for h in held[-20:]:
                h.drain()
        total = pss_kib([cafe.proc.pid] + descendants(cafe.proc.pid))
        c = cafe.login(next(users))
        print("%d logins held open: total PSS %.1f MiB (%.2f MiB each), "
              "reached in %.1f s; a new login meanwhile: %.0f ms%s" % (
                  len(held), total / 1024, total / 1024 / max(1, len(held)),
                  time.monotonic() - t0, c.elapsed * 1000,
                  "" if c.ok else " (FAILED)"))
        c.close()
        for h in held:
            h.close()
        held = []
        time.sleep(2)

        burst_users = [next(users) for _ in range(50)]
        peak = 0
        t0 = time.monotonic()
        clients = []
        for i, u in enumerate(burst_users):
            name, secret = u
            cl = Client(ssh_argv(name, cafe.port, None, "127.0.1.%d" % (i + 2),
                                 ["-o", "PubkeyAuthentication=no"]))
            cl.user = u
            cl.stage = 0
            clients.append(cl)
        done, deadline = 0, time.monotonic() + 120
        while done < len(clients) and time.monotonic() < deadline:
            for cl in clients:
                if cl.stage == 3:
                    continue
                want = (b"assword:", b"code:", MARK)[cl.stage]
                if cl.expect(want, 0.01):
                    if cl.stage == 0:
                        cl.send(PASSWORD)
                    elif cl.stage == 1:
                        cl.send(totp(cl.user[1]))
                    else:
                        done += 1
                        cl.elapsed = time.monotonic() - t0
                    cl.buf = b""
                    cl.stage += 1
            peak = max(peak, pss_kib([cafe.proc.pid] +
                                     descendants(cafe.proc.pid)))
        last = max((cl.elapsed for cl in clients if cl.stage == 3),
                   default=0)
        print("burst of 50 simultaneous logins: %d/50 succeeded, last in "
              "after %.1f s, peak PSS %.1f MiB" % (done, last, peak / 1024))
        for cl in clients:
            cl.close()
    finally:
        for h in held:
            h.close()
        if openssh:
            openssh.stop()
        if cafe and hasattr(cafe, "proc"):
            cafe.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
