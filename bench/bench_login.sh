#!/bin/sh
# bench_login.sh -- login latency and memory through the real ssh client.
exec python3 bench/login.py
