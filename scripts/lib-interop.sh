# Shared by scripts/test and scripts/upstreams (sourced, never run): the test virtualenv
# .venv-test from tests/interop/requirements.txt, Node.js and `npm ci` in tests/interop,
# Debian's xmlsec1 (the eIDAS test IdP of tests/interop/upstream signs and encrypts with it;
# test_upstream_peers.py and the SAML oracle tests use it), Debian's simplesamlphp (the
# second eIDAS test IdP, tests/interop/test_federation_ssp.py), and Debian's apache2 with
# mod_auth_mellon (a SAML service provider of tests/interop/test_saml_idp.py), Debian's
# libfaketime (the clock-step test of tests/interop/test_faults.py), and Debian's haproxy (the
# load balancer of scripts/cluster and tests/interop/test_cluster.py). The caller sets ROOT
# (the repository) and defines `say`.

# The virtualenv .venv-test, made again whenever requirements.txt (or the Python) changed.
setup_venv() {
    local venv="$ROOT/.venv-test"
    local req="$ROOT/tests/interop/requirements.txt"
    local python="${PYTHON:-python3}"
    local want stamp=""
    want="$( (sha256sum "$req" | cut -d' ' -f1; "$python" -c 'import sys; print(sys.version)') | sha256sum | cut -d' ' -f1)"
    [[ -f "$venv/.requirements.sha256" ]] && stamp="$(cat "$venv/.requirements.sha256")"
    if [[ ! -x "$venv/bin/python" || "$stamp" != "$want" ]]; then
        say "creating the virtualenv .venv-test from tests/interop/requirements.txt"
        rm -rf "$venv"
        "$python" -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$req"
        echo "$want" >"$venv/.requirements.sha256"
    else
        echo ".venv-test is up to date with tests/interop/requirements.txt"
    fi
    # Without the psql CLI, the PostgreSQL fixture creates its database through psycopg.
    if [[ -n "${LIMEN_TEST_PG:-}" ]] && ! command -v psql >/dev/null 2>&1 \
        && ! "$venv/bin/python" -c 'import psycopg' >/dev/null 2>&1; then
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input 'psycopg[binary]'
    fi
}

# Node.js (Debian's nodejs and npm): the protocol tests of the authenticator web app
# (tests/authenticator, Node's own test runner) and tests/interop's Node packages.
ensure_node() {
    if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
        node_status="on ($(command -v node) $(node --version))"
        return 0
    fi
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's nodejs and npm for the web app's tests"
        for attempt in 1 2; do
            if apt-get update -qq >/dev/null 2>&1 \
                && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null 2>&1; then
                break
            fi
            echo "apt-get could not install nodejs and npm (attempt $attempt)" >&2
        done
    fi
    if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
        node_status="on ($(command -v node) $(node --version), installed now)"
    else
        node_status="MISSING: install nodejs and npm"
        return 1
    fi
}

# `npm ci` in tests/interop (axe-core and oidc-provider, pinned by package-lock.json), skipped when
# node_modules was installed from this very lockfile (its hash is stamped there, like the virtualenv's).
setup_node_modules() {
    local dir="$ROOT/tests/interop"
    local stampfile="$dir/node_modules/.package-lock.sha256"
    local want stamp=""
    want="$( (sha256sum "$dir/package-lock.json" | cut -d' ' -f1; node --version) | sha256sum | cut -d' ' -f1)"
    [[ -f "$stampfile" ]] && stamp="$(cat "$stampfile")"
    if [[ "$stamp" == "$want" ]]; then
        echo "tests/interop/node_modules is up to date with its package-lock.json"
        return 0
    fi
    say "npm ci in tests/interop (package-lock.json changed or never installed)"
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts) || return $?
    echo "$want" >"$stampfile"
}

# xmlsec1 (Debian's xmlsec1, the XML Security Library's command): the eIDAS test IdP
# (tests/interop/upstream/eidas_idp.py, through pysaml2) signs and encrypts with it, and the tests
# decrypt and verify with it. Installed when root; with CI set, a missing one fails the run (the
# tests fail there too rather than skip). Sets xmlsec1_status.
ensure_xmlsec1() {
    if command -v xmlsec1 >/dev/null 2>&1; then
        xmlsec1_status="on ($(command -v xmlsec1))"
        return 0
    fi
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's xmlsec1 for the eIDAS test IdP"
        for attempt in 1 2; do
            if apt-get update -qq >/dev/null 2>&1 \
                && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xmlsec1 >/dev/null 2>&1; then
                break
            fi
            echo "apt-get could not install xmlsec1 (attempt $attempt)" >&2
        done
    fi
    if command -v xmlsec1 >/dev/null 2>&1; then
        xmlsec1_status="on ($(command -v xmlsec1), installed now)"
    elif [[ -n "${CI:-}" && "${CI}" != "false" && "${CI}" != "0" ]]; then
        xmlsec1_status="MISSING: xmlsec1 could not be installed; the eIDAS test IdP's tests fail in CI"
        return 1
    else
        xmlsec1_status="MISSING: install Debian's xmlsec1 (as root: apt-get install xmlsec1); the eIDAS tests are skipped"
    fi
}

# Debian's simplesamlphp (1.19), the second eIDAS test IdP (tests/interop/upstream/simplesamlphp,
# served by `php -S`, never by Apache): the package, php-cli, and php-xml, which the package does
# not depend on but its SAML library needs (DOM). --no-install-recommends; apt still brings
# apache2-bin and apache2 (its `apache2 | httpd` dependency; not started by the tests). Installed
# when root; with CI set, a missing one fails the run (the tests fail there too rather than skip).
# Sets simplesamlphp_status.
simplesamlphp_ready() {
    [[ -f /usr/share/simplesamlphp/www/_include.php ]] && command -v php >/dev/null 2>&1 \
        && php -r 'exit(class_exists("DOMDocument") ? 0 : 1);' >/dev/null 2>&1
}

ensure_simplesamlphp() {
    if simplesamlphp_ready; then
        simplesamlphp_status="on ($(dpkg-query -W -f='${Version}' simplesamlphp 2>/dev/null || echo '?'))"
        return 0
    fi
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's simplesamlphp, php-cli and php-xml for the second eIDAS test IdP"
        for attempt in 1 2; do
            if apt-get update -qq >/dev/null 2>&1 \
                && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                    simplesamlphp php-cli php-xml >/dev/null 2>&1; then
                break
            fi
            echo "apt-get could not install simplesamlphp, php-cli and php-xml (attempt $attempt)" >&2
        done
    fi
    if simplesamlphp_ready; then
        simplesamlphp_status="on ($(dpkg-query -W -f='${Version}' simplesamlphp 2>/dev/null || echo '?'), installed now)"
    elif [[ -n "${CI:-}" && "${CI}" != "false" && "${CI}" != "0" ]]; then
        simplesamlphp_status="MISSING: simplesamlphp could not be installed; its tests fail in CI"
        return 1
    else
        simplesamlphp_status="MISSING: install Debian's simplesamlphp php-cli php-xml (as root); its tests are skipped"
    fi
}

# Debian's apache2 and libapache2-mod-auth-mellon: mod_auth_mellon is a SAML service provider of
# Limen's identity provider tests (tests/interop/sp/mellon.py runs /usr/sbin/apache2 with a
# configuration of its own; the system's Apache is not used). Installed when root; with CI set, a
# missing one fails the run (the tests fail there too rather than skip). Sets mellon_status.
mellon_ready() {
    [[ -x /usr/sbin/apache2 && -f /usr/lib/apache2/modules/mod_auth_mellon.so ]]
}

ensure_mellon() {
    if mellon_ready; then
        mellon_status="on (mod_auth_mellon $(dpkg-query -W -f='${Version}' libapache2-mod-auth-mellon 2>/dev/null || echo '?'))"
        return 0
    fi
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's apache2 and libapache2-mod-auth-mellon for the SAML service provider tests"
        for attempt in 1 2; do
            if apt-get update -qq >/dev/null 2>&1 \
                && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                    apache2 libapache2-mod-auth-mellon >/dev/null 2>&1; then
                break
            fi
            echo "apt-get could not install apache2 and libapache2-mod-auth-mellon (attempt $attempt)" >&2
        done
    fi
    if mellon_ready; then
        mellon_status="on (mod_auth_mellon $(dpkg-query -W -f='${Version}' libapache2-mod-auth-mellon 2>/dev/null || echo '?'), installed now)"
    elif [[ -n "${CI:-}" && "${CI}" != "false" && "${CI}" != "0" ]]; then
        mellon_status="MISSING: apache2 and libapache2-mod-auth-mellon could not be installed; the mellon tests fail in CI"
        return 1
    else
        mellon_status="MISSING: install Debian's apache2 libapache2-mod-auth-mellon (as root); the mellon tests are skipped"
    fi
}

# Debian's faketime and libfaketime: tests/interop/test_faults.py preloads libfaketime.so.1 into a
# `limen serve` and steps its wall clock by rewriting a file (FAKETIME_TIMESTAMP_FILE). Installed
# when root; with CI set, a missing one fails the run (the test fails there too rather than skip).
# Sets faketime_status.
faketime_ready() {
    compgen -G '/usr/lib/*/faketime/libfaketime.so.1' >/dev/null || [[ -f /usr/lib/faketime/libfaketime.so.1 ]]
}

ensure_faketime() {
    if faketime_ready; then
        faketime_status="on (libfaketime $(dpkg-query -W -f='${Version}' libfaketime 2>/dev/null || echo '?'))"
        return 0
    fi
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's faketime and libfaketime for the clock-step test"
        for attempt in 1 2; do
            if apt-get update -qq >/dev/null 2>&1 \
                && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime libfaketime >/dev/null 2>&1; then
                break
            fi
            echo "apt-get could not install faketime and libfaketime (attempt $attempt)" >&2
        done
    fi
    if faketime_ready; then
        faketime_status="on (libfaketime $(dpkg-query -W -f='${Version}' libfaketime 2>/dev/null || echo '?'), installed now)"
    elif [[ -n "${CI:-}" && "${CI}" != "false" && "${CI}" != "0" ]]; then
        faketime_status="MISSING: faketime and libfaketime could not be installed; the clock-step test fails in CI"
        return 1
    else
        faketime_status="MISSING: install Debian's faketime libfaketime (as root); the clock-step test is skipped"
    fi
}

# Debian's haproxy: the load balancer in front of the three nodes of scripts/cluster (and of
# tests/interop/test_cluster.py, which runs that script), HTTP to the nodes and TCP to whichever
# PostgreSQL is the primary. Installed when root; with CI set, a missing one fails the run (the
# cluster tests fail there too rather than skip). The package's own service is not used (Debian
# may start it on install where an init system runs; it listens on no port of ours). Sets
# haproxy_status.
ensure_haproxy() {
    if command -v haproxy >/dev/null 2>&1; then
        haproxy_status="on ($(haproxy -v 2>/dev/null | awk 'NR == 1 { print $3 }'))"
        return 0
    fi
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's haproxy for the multi-node tests"
        for attempt in 1 2; do
            if apt-get update -qq >/dev/null 2>&1 \
                && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null 2>&1; then
                break
            fi
            echo "apt-get could not install haproxy (attempt $attempt)" >&2
        done
    fi
    if command -v haproxy >/dev/null 2>&1; then
        haproxy_status="on ($(haproxy -v 2>/dev/null | awk 'NR == 1 { print $3 }'), installed now)"
    elif [[ -n "${CI:-}" && "${CI}" != "false" && "${CI}" != "0" ]]; then
        haproxy_status="MISSING: haproxy could not be installed; the multi-node tests fail in CI"
        return 1
    else
        haproxy_status="MISSING: install Debian's haproxy (as root: apt-get install haproxy); the multi-node tests are skipped"
    fi
}
