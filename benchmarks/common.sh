# Shared by the wrk benchmarks (latency.sh, throughput.sh, load.sh); sourced from the project
# folder, not run. Each script then starts gunicorn, logs in with login_cookie and runs wrk with
# benchmarks/session.lua, whose one-line result ("rps=… p50=… … non2xx=… errors=…") they read.
BIN=.venv/bin

free_port() {  # -> a free TCP port on the loopback
  $BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_until_up() {  # url... -> returns once every url answers (30 s at most)
  local url
  for _ in $(seq 300); do
    for url in "$@"; do curl -fsS "$url" >/dev/null 2>&1 || { sleep 0.1; continue 2; }; done
    return 0
  done
}

login_cookie() {  # base jar email password -> the session cookie a browser holds after login
  # Like a browser: fetch the form, take its CSRF token, post it with the cookie jar.
  local token status
  token=$(curl -fsS -c "$2" -b "$2" "$1/login" \
    | sed -n 's/.*name="csrf_token"[^>]*value="\([^"]*\)".*/\1/p' | head -1)
  status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$2" -b "$2" --data-urlencode "email=$3" \
    --data-urlencode "password=$4" --data-urlencode "csrf_token=$token" "$1/login")
  [[ "$status" == 302 ]] || { echo "login of $3 failed ($status)" >&2; return 1; }
  awk '$6 == "session" {print $7}' "$2"
}
