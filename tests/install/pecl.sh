#!/usr/bin/env bash
# Installs defer as its users do: makes the release tarball the way a maintainer does
# (`pear package` in a clean copy of the tracked files), `pecl install`s it (pecl's own phpize,
# configure and make) into a scratch root, then loads what was installed into the system php
# CLI and runs it. Nothing is installed into the system's PHP, php.ini or PEAR; that is checked.
# Usage: tests/install/pecl.sh   Prints "pecl install: N passed, N failed"; under a minute
# (one compile).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/../lib/check.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/defer-pecl.XXXXXX")
trap 'rm -rf "$work"' EXIT
# pear package's staging copy and the compiler's temporary files stay in here too.
mkdir -p "$work/tmp" && export TMPDIR=$work/tmp
source_copy=$work/source        # the tracked files, where `pear package` runs
install_root=$work/root         # pecl's --packagingroot: the scratch filesystem root
pear_conf=$work/pear.conf       # pear's user configuration for every pear/pecl call here

finish() {
    echo "pecl install: $passed passed, $failed failed"
    [[ $failed -eq 0 ]]
    exit
}

# logged <log> <command...>: runs the command into the log; on failure shows its errors, or
# its end (long compiler lines cut).
logged() {
    local log=$1; shift
    "$@" >"$log" 2>&1 && return 0
    { grep -E 'error|ERROR|\*\*\*|^running:' "$log" || tail -15 "$log"; } | tail -15 | cut -c1-300 | sed 's/^/    /'
    return 1
}

# same_lines <description of the difference> <expected file> <actual file>: diff on failure.
same_lines() {
    diff -u "$2" "$3" >"$work/diff" && return 0
    echo "    $1:"; tail -n +3 "$work/diff" | head -30 | sed 's/^/    /'
    return 1
}

# --- pear and pecl confined to the scratch directory -------------------------------------
# -c gives pear a user configuration whose directories are all under $work. That is not
# enough on its own: PEAR also builds registries from its compiled-in defaults (with
# --packagingroot, PEAR_Registry writes the dependency DB to /usr/share/php/.depdb), so the
# defaults are moved too: metadata (dependency DB, registry) and the system configuration
# file (an empty directory, so no system setting, php_ini included, applies).
mkdir -p "$work/metadata" "$work/etc" "$source_copy" "$install_root"
export PHP_PEAR_METADATA_DIR=$work/metadata PHP_PEAR_SYSCONF_DIR=$work/etc
pear config-create "$work/pear" "$pear_conf" >"$work/config-create.log" 2>&1 \
    || { echo "pear config-create failed:"; sed 's/^/    /' "$work/config-create.log"; check "pear config-create" false; finish; }
pear_temp_dir=$(pear -c "$pear_conf" config-get temp_dir 2>/dev/null)
[[ $pear_temp_dir == "$work"/* ]] || { check "pear's temp_dir is under $work (it is '$pear_temp_dir')" false; finish; }

# --- what the system looks like before: compared at the end ------------------------------
system_ext_dir=$(php-config --extension-dir)
system_state() {
    local pear_php_dir config_files
    pear_php_dir=$(env -u PHP_PEAR_METADATA_DIR -u PHP_PEAR_SYSCONF_DIR pear config-get php_dir 2>/dev/null)
    config_files=$(env -u PHP_PEAR_METADATA_DIR -u PHP_PEAR_SYSCONF_DIR pear config-show 2>/dev/null \
        | sed -n 's/^\(User\|System\) Configuration File *Filename *//p')
    # Only what pecl could write: apt may add other extensions meanwhile (other sessions do).
    echo "== defer in the PHP extension dir $system_ext_dir"
    ls -la --time-style=full-iso "$system_ext_dir"/*defer* 2>&1
    echo "== php.ini, and the lines naming defer in the ini files php reads"
    local loaded_ini
    loaded_ini=$(php -r 'echo php_ini_loaded_file();')
    [[ -n $loaded_ini ]] && md5sum "$loaded_ini"
    php -r 'echo php_ini_loaded_file(), "\n", str_replace(",", "\n", (string)php_ini_scanned_files());' \
        | sed 's/^ *//' | grep . | while read -r ini; do grep -Hn defer "$ini"; done
    echo "== pear configuration files"
    for file in $config_files; do if [[ -e $file ]]; then md5sum "$file"; else echo "absent $file"; fi; done
    echo "== pear registry in $pear_php_dir"
    [[ -n $pear_php_dir ]] || return 0
    ls -lad --time-style=full-iso "$pear_php_dir"/.[!.]* 2>&1   # .registry, .depdb, .filemap, .lock...
    ls -laR --time-style=full-iso "$pear_php_dir/.registry" "$pear_php_dir/.channels" 2>&1 | grep -v ' \.\.\?$'
}
system_state >"$work/system-before.txt"

# --- the release tarball, as a maintainer makes it ------------------------------------------
# The work tree's tracked files (uncommitted edits included, build artefacts and other
# untracked files left out), copied with tar so modes and symlinks are kept.
copy_tracked_files() {
    git -C "$root" ls-files -z >"$work/tracked" || return 1
    (cd "$root" && while IFS= read -r -d '' file; do
        [[ -e $file || -L $file ]] && printf '%s\0' "$file"   # tracked but deleted: not there
    done <"$work/tracked" | tar --null --no-recursion -T - -cf -) | tar -C "$source_copy" -xf -
}
check "a clean copy of the work tree's tracked files" logged "$work/copy.log" copy_tracked_files
[[ -f $source_copy/package.xml ]] || { echo "    no package.xml among the tracked files"; finish; }

version=$(sed -n 's|^ *<release>\(.*\)</release>|\1|p' "$source_copy/package.xml" | head -1)
tarball=$source_copy/defer-$version.tgz
check "pear package makes defer-$version.tgz (package.xml's version)" \
    logged "$work/package.log" bash -c 'cd "$1" && pear -c "$2" package package.xml && [[ -f $3 ]]' _ \
    "$source_copy" "$pear_conf" "$tarball"
[[ -f $tarball ]] || finish

# package.xml's file names (the XML escapes undone) and the tarball's, without defer-<version>/.
php -n -r 'preg_match_all("/<file [^>]*name=\"([^\"]+)\"/", file_get_contents($argv[1]), $m);
    foreach ($m[1] as $name) echo html_entity_decode($name, ENT_XML1 | ENT_QUOTES), "\n";' \
    "$source_copy/package.xml" | LC_ALL=C sort >"$work/listed"
tar -tzf "$tarball" | grep -v '/$' | sed "s|^defer-$version/||" | grep -vx package.xml | LC_ALL=C sort >"$work/in-tarball"
check "the tarball holds every file package.xml lists" \
    same_lines "listed in package.xml, not in the tarball (-)" "$work/listed" <(LC_ALL=C comm -12 "$work/listed" "$work/in-tarball")
check "the tarball holds nothing package.xml does not list" \
    same_lines "in the tarball, not listed (+)" <(LC_ALL=C comm -12 "$work/listed" "$work/in-tarball") "$work/in-tarball"
# A source config.m4 compiles but package.xml does not list (a new file not yet tracked, or
# package.xml not regenerated) breaks every user's build: named here rather than by make.
sources_in_tarball() {
    local source missing=0
    for source in $(grep -oE '[A-Za-z0-9_./-]+\.(c|cc|cpp)\b' "$source_copy/config.m4" | sort -u); do
        grep -qxF "$source" "$work/in-tarball" && continue
        echo "    config.m4 compiles $source, which the tarball lacks (git add it; php tools/package_xml.php)"
        missing=1
    done
    return $missing
}
check "the tarball holds every source config.m4 compiles" sources_in_tarball
# What phpize, configure, make and CMake leave in a work tree (see .gitignore).
build_artefacts='(\.(o|lo|la|so|dep)$|(^|/)(\.libs|\.deps|modules|autom4te\.cache|cmake-build)(/|$)|^(build/|configure$|configure~$|config\.(status|log|nice|h|h\.in|guess|sub)$|Makefile(\.fragments|\.objects)?$|libtool$|ltmain\.sh$|aclocal\.m4$|acinclude\.m4$|install-sh$|missing$|mkinstalldirs$|run-tests\.php$))'
no_build_artefacts() { ! grep -E "$build_artefacts" "$work/in-tarball" | sed 's/^/    build artefact: /' | grep .; }
check "the tarball holds no build artefact (.o, .lo, modules/, config.status, Makefile...)" no_build_artefacts

# --- pecl install into the scratch root ----------------------------------------------------
# --packagingroot (what distribution packagers use) puts every file under $install_root, the
# built defer.so included. (--installroot does not: it copies defer.so into the system's
# extension dir, then stops on a PHP error.) With --packagingroot, Debian 12's PEAR 1.10.13
# unpacks the sources under the root but builds from the unprefixed temp_dir; pointing
# temp_dir at its place under the root lets its own phpize, configure and make run unchanged.
mkdir -p "$install_root$pear_temp_dir" "$(dirname "$pear_temp_dir")"
ln -s "$install_root$pear_temp_dir" "$pear_temp_dir"
pecl_install() {
    timeout 900 pecl -c "$pear_conf" install --offline --packagingroot="$install_root" "$tarball" </dev/null
}
check "pecl install of the tarball succeeds" logged "$work/install.log" pecl_install
system_unchanged() {
    system_state >"$work/system-after.txt"
    check "no defer.so in the system's extension dir, php.ini, pear configuration and registry unchanged" \
        same_lines "system before (-) and after (+)" "$work/system-before.txt" "$work/system-after.txt"
}
grep -q '^install ok: ' "$work/install.log" || { system_unchanged; finish; }
installed_so=$install_root$system_ext_dir/defer.so
built_by_pecl() {
    grep -q '^running: phpize' "$work/install.log" \
        && grep -q "^running: .*/configure --with-php-config=" "$work/install.log" \
        && grep -q '^running: make$' "$work/install.log" \
        && grep -qF "Installing '$system_ext_dir/defer.so' as '$installed_so'" "$work/install.log" \
        && [[ -f $installed_so ]] \
        || { grep -E "^running:|^Installing|^ERROR" "$work/install.log" | sed 's/^/    /'; return 1; }
}
check "pecl ran phpize, configure and make itself, and installed defer.so under the scratch root" built_by_pecl
check "pecl reports install ok: channel://pecl.php.net/defer-$version" \
    grep -qxF "install ok: channel://pecl.php.net/defer-$version" "$work/install.log"
[[ -f $installed_so ]] || { system_unchanged; finish; }

# --- the installed extension, loaded into the system php CLI -------------------------------
with_defer=(php -n -d extension="$installed_so" -d defer.global_functions=1)
# The stub's functions (namespace + name), lower-cased as PHP compares them.
php -n -r '$ns = "";
    foreach (file($argv[1]) as $line) {
        if (preg_match("/^namespace\\s*([\\w\\\\\\\\]*)\\s*\\{/", $line, $m)) { $ns = $m[1]; }
        elseif (preg_match("/^\\s*function\\s+(\\w+)\\s*\\(/", $line, $m)) { echo strtolower(($ns === "" ? "" : "$ns\\") . $m[1]), "\n"; }
    }' "$source_copy/stubs/defer.stub.php" | LC_ALL=C sort >"$work/stub-functions"
"${with_defer[@]}" --re defer >"$work/re.txt" 2>&1
sed -n 's/.*Function \[ <internal:defer> function \([^ ]*\) \].*/\1/p' "$work/re.txt" \
    | tr '[:upper:]' '[:lower:]' | LC_ALL=C sort >"$work/re-functions"
functions_match_stub() {
    [[ -s $work/stub-functions ]] || { echo "    no function found in stubs/defer.stub.php"; return 1; }
    same_lines "the stub's (-) and php --re's (+)" "$work/stub-functions" "$work/re-functions"
}
check "php --re defer lists the stub's $(wc -l <"$work/stub-functions") functions ($(paste -sd' ' "$work/stub-functions"))" \
    functions_match_stub
check "php --re defer: extension defer version $version" \
    grep -qE "extension #[0-9]+ defer version ${version//./\\.} \]" "$work/re.txt"

# Two tasks, one printing, the other registering a shutdown function that reads
# defer_status(): the output shows the order, after the script's end, and the record.
cat >"$work/two_tasks.php" <<'PHP'
<?php
defer(function () { echo "printing task ran\n"; });
defer(function () {
    register_shutdown_function(function () {
        $status = defer_status();
        echo json_encode(['queued' => $status['queued'], 'ran' => $status['ran'], 'failed' => $status['failed'],
            'states' => array_column($status['tasks'], 'state')]), "\n";
    });
});
echo "script end\n";
PHP
printf '%s\n' 'script end' 'printing task ran' '{"queued":2,"ran":2,"failed":0,"states":["ok","ok"]}' >"$work/two_tasks.expected"
"${with_defer[@]}" "$work/two_tasks.php" >"$work/two_tasks.out" 2>&1
check "a script's two deferred tasks run after its end, in order; defer_status() records both ok" \
    same_lines "output" "$work/two_tasks.expected" "$work/two_tasks.out"

"${with_defer[@]}" -i >"$work/phpinfo.txt" 2>&1
# The section runs from "defer support" to the next blank line.
awk '/^defer support => /{in_section=1} in_section && /^$/{exit} in_section' "$work/phpinfo.txt" >"$work/phpinfo-defer.txt"
defer_section_shown() {
    grep -qx "defer support => enabled" "$work/phpinfo-defer.txt" && grep -qxF "Version => $version" "$work/phpinfo-defer.txt" \
        || { echo "    defer's section:"; sed 's/^/    /' "$work/phpinfo-defer.txt"; return 1; }
}
check "php -i shows the defer section, version $version" defer_section_shown

# --- nothing left in the system --------------------------------------------------------------
system_unchanged
finish
