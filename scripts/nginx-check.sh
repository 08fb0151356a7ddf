#!/usr/bin/env bash
# Puts nginx with docs/nginx/linli.conf in front of a running Linli and
# checks what the configuration promises: pages pass through, each
# resident behind the proxy has their own sign-in lock-out (curl binds to
# different loopback addresses, 127.0.0.2 and 127.0.0.3, to be two
# residents), a client cannot name another address, and long redirect
# headers fit. Usage: scripts/nginx-check.sh LINLI_PORT
set -euo pipefail
cd "$(dirname "$0")/.."
linli_port=$1
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx-check: nginx is not installed (scripts/setup.sh test installs it)" >&2; exit 1; }

work=$(mktemp -d /tmp/linli-nginx.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/tmp"
# The site configuration as documented, on test ports.
sed -e "s/listen 80;/listen 127.0.0.1:$port;/" -e "s/server 127.0.0.1:3000;/server 127.0.0.1:$linli_port;/" \
  docs/nginx/linli.conf >"$work/linli.conf"
grep -q "127.0.0.1:$port" "$work/linli.conf" && grep -q "127.0.0.1:$linli_port" "$work/linli.conf" ||
  { echo "nginx-check: docs/nginx/linli.conf no longer has the lines this check rewrites" >&2; exit 1; }
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    include $work/linli.conf;
}
CONF
"$nginx" -c "$work/nginx.conf" -e "$work/error.log"
cleanup() { "$nginx" -c "$work/nginx.conf" -e "$work/error.log" -s stop 2>/dev/null || true; sleep 0.2; rm -rf "$work"; }
trap cleanup EXIT

url="http://127.0.0.1:$port"
fail() { echo "nginx-check: $*" >&2; tail -n 5 "$work/error.log" >&2 || true; exit 1; }
sign_in() { # FROM LOGIN PASSWORD [extra curl args…] → the Location answered
  local from=$1 login=$2 password=$3; shift 3
  curl -sS -o /dev/null -w "%{http_code} %{redirect_url}" --interface "$from" -H "Origin: $url" "$@" \
    --data-urlencode "login=$login" --data-urlencode "password=$password" "$url/account/sign-in"
}

for _ in $(seq 1 50); do curl -fsS "$url/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
home=$(curl -fsS "$url/") || fail "the home page does not come through"
[[ $home == *邻里* ]] || fail "the home page does not come through"

for _ in $(seq 1 20); do
  got=$(sign_in 127.0.0.2 nobody@linli.demo guess)
  [[ $got == *bad_credentials* ]] || fail "a wrong password was not refused: $got"
done
got=$(sign_in 127.0.0.2 resident@linli.demo linli-demo-2026)
[[ $got == *error=locked* ]] || fail "twenty wrong passwords did not lock their address: $got"
got=$(sign_in 127.0.0.3 resident@linli.demo linli-demo-2026)
[[ $got == *error=locked* ]] && fail "one address's lock-out locked another resident out: $got"
got=$(sign_in 127.0.0.2 resident@linli.demo linli-demo-2026 -H 'X-Forwarded-For: 127.0.0.9')
[[ $got == *error=locked* ]] || fail "a client named another address and escaped its lock-out: $got"

# A long login comes back to the sign-in page, through nginx, with short headers.
long=$(printf 'x%.0s' $(seq 1 3000))
got=$(sign_in 127.0.0.3 "$long@linli.demo" guess)
[[ $got == 303* ]] || fail "a long login answered $got through nginx, not 303"
longest=$(curl -sS -o /dev/null -D - --interface 127.0.0.3 -H "Origin: $url" \
  --data-urlencode "login=$long@linli.demo" --data-urlencode "password=guess" "$url/account/sign-in" |
  awk '{ if (length($0) > max) max = length($0) } END { print max }')
[ "$longest" -lt 2048 ] || fail "a response header of $longest bytes"
echo "nginx-check: pages, per-resident lock-out, spoofed addresses and long redirects behave behind nginx"
