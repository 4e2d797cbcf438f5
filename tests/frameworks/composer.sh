# Composer installs for the framework suites (tests/frameworks/run.sh, laravel_package.sh,
# keepalive_apps.sh).
# Source it after setting $here (tests/frameworks), $root and $cache; Composer's cache is
# $cache/composer. Dependencies go into a copy of the app under $cache, never into the repository.
export COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_NO_INTERACTION=1 COMPOSER_CACHE_DIR=$cache/composer

# --- dependencies ------------------------------------------------------------------------
# The registry this project reaches may hold only some packages. When Composer reports a
# package that it cannot find at all, the install is retried with a fallback for it, and the
# fallback is printed. Only these packages have one; any other missing package fails the run.
#   symfony/clock           its real code, from the symfony/symfony package (all components)
#   symfony/polyfill-php85  tests/frameworks/standins/php85.php (array_first(), array_last(), ...)
#   fruitcake/php-cors      left out: the Laravel example removes the CORS middleware
#   league/config           left out: used by league/commonmark (Str::markdown()) only
fallback_for() {  # fallback_for <package> <app dir>: edits <app dir>/composer.json
    local package=$1 app=$2 monorepo=$cache/symfony-monorepo version
    case $package in
        symfony/clock)
            if [[ ! -f $monorepo/.version ]]; then
                rm -rf "$monorepo"
                timeout 300 composer create-project symfony/symfony "$monorepo" '^7.4' --no-install --no-scripts \
                    --no-progress >"$cache/monorepo.log" 2>&1 || { cat "$cache/monorepo.log"; return 1; }
                grep -oE 'Installing symfony/symfony \(v?[0-9.]+\)' "$cache/monorepo.log" | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1 >"$monorepo/.version"
            fi
            version=$(cat "$monorepo/.version")
            edit_composer_json "$app" path "$package" "$monorepo/src/Symfony/Component/Clock" "$version" ;;
        symfony/polyfill-php85)
            mkdir -p "$app/standins" && cp "$here/standins/php85.php" "$app/standins/"
            edit_composer_json "$app" replace "$package" && edit_composer_json "$app" file standins/php85.php ;;
        fruitcake/php-cors | league/config)
            edit_composer_json "$app" replace "$package" ;;
        *) return 1 ;;
    esac
}
edit_composer_json() {  # edit_composer_json <app dir> replace|path|file|require <args...>
    php -n -r '
        [$dir, $what] = [$argv[1], $argv[2]];
        $json = json_decode(file_get_contents("$dir/composer.json"), true);
        switch ($what) {
            case "replace": $json["replace"][$argv[3]] = "*"; break;
            case "path": $json["repositories"][] = ["type" => "path", "url" => $argv[4],
                "options" => ["symlink" => false, "versions" => [$argv[3] => $argv[5]]]]; break;
            case "file": $json["autoload"]["files"][] = $argv[3]; break;
            case "require": $json["require"][$argv[3]] = $argv[4]; break;
        }
        file_put_contents("$dir/composer.json", json_encode($json, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
    ' "$@"
}

# install_app <example> [package constraint...]: copies examples/<example> (without vendor/)
# to $cache/<example>/app, installs its dependencies there unless already done, and sets $app.
# $install_src: another directory to copy than examples/<example>; $install_flags: more
# options for `composer update` (e.g. --ignore-platform-req=php for an app run elsewhere).
install_app() {
    local name=$1 src=${install_src:-$root/examples/$1} attempt missing package stamp log deadline
    app=$cache/$name/app
    log=$cache/$name/composer.log
    mkdir -p "$app"
    # Not vendor/, nor what running the example in place may have left (Laravel's caches, logs).
    # Copied again only when the source changed: another suite or bench may be serving it.
    local files=(--exclude=./vendor --exclude=./composer.lock --exclude='./bootstrap/cache/*.php'
        --exclude='./storage/logs/*.log' --exclude='./storage/framework/*/*.php')
    local source_stamp
    source_stamp=$(tar -C "$src" "${files[@]}" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - . |
        sha256sum | cut -c1-16)  # the files' contents and names, not when they were copied
    if [[ "$(cat "$cache/$name/source" 2>/dev/null)" != "$source_stamp" ]]; then
        find "$app" -mindepth 1 -maxdepth 1 ! -name vendor ! -name composer.lock ! -name .installed ! -name standins -exec rm -rf {} +
        tar -C "$src" "${files[@]}" -cf - . | tar -C "$app" -xf -
        echo "$source_stamp" >"$cache/$name/source"
    else
        cp "$src/composer.json" "$app/composer.json"  # as the source has it: the stamp below is of that
    fi
    # DEFER_FRAMEWORKS_PREPARED=1: nothing is installed, the copy's vendor/ prepared earlier (by
    # the host, for the version matrix's chroot, which has no Composer) is used as it is.
    if [[ -n ${DEFER_FRAMEWORKS_PREPARED:-} ]]; then
        [[ -f $app/vendor/autoload.php ]] && return 0
        echo "# $name: DEFER_FRAMEWORKS_PREPARED is set but $app/vendor is not there"
        return 1
    fi
    shift
    # A path repository given relative to the example (../../integrations/laravel) is made
    # absolute: the copy lives elsewhere.
    php -n -r '
        [$json, $src] = [$argv[1], $argv[2]];
        $j = json_decode(file_get_contents($json), true);
        foreach ($j["repositories"] ?? [] as $i => $r) {
            if (($r["type"] ?? "") === "path" && $r["url"][0] !== "/") {
                $j["repositories"][$i]["url"] = realpath("$src/" . $r["url"]);
                file_put_contents($json, json_encode($j, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
            }
        }' "$app/composer.json" "$src"
    while (($#)); do edit_composer_json "$app" require "$1" "$2"; shift 2; done
    stamp=$( (cat "$app/composer.json" "$here/standins/php85.php"; declare -f fallback_for edit_composer_json; php -r 'echo PHP_VERSION;'; echo "${install_flags:-}") | sha256sum | cut -c1-16)
    if [[ -f $app/vendor/autoload.php && "$(cat "$app/.installed" 2>/dev/null)" == "$stamp" ]]; then
        [[ -f $cache/$name/fallbacks ]] && echo "# $name: reusing its dependencies (installed with fallbacks for: $(paste -sd, "$cache/$name/fallbacks"))"
        return 0
    fi
    rm -rf "$app/vendor" "$app/composer.lock" "$app/.installed" "$cache/$name/fallbacks"
    echo "# $name: installing its Composer dependencies into $app"
    deadline=$((SECONDS + 600))  # all attempts together: at most 10 minutes
    for attempt in 1 2 3 4 5 6; do
        ((SECONDS < deadline)) || { echo "# $name: gave up installing after 10 minutes"; break; }
        if timeout $((deadline - SECONDS)) composer update -d "$app" --no-progress --prefer-dist --no-audit ${install_flags:-} >"$log" 2>&1; then
            echo "$stamp" >"$app/.installed"
            return 0
        fi
        missing=$(grep -oE 'requires? [a-z0-9_.-]+/[a-z0-9_.-]+ [^>]*-> could not be found in any version' "$log" | cut -d' ' -f2 | sort -u)
        [[ -n $missing ]] || break
        for package in $missing; do
            echo "# $name: the package registry has no $package; using its fallback"
            fallback_for "$package" "$app" || { echo "# no fallback for $package"; cat "$log"; return 1; }
            echo "$package" >>"$cache/$name/fallbacks"
        done
    done
    tail -30 "$log"
    return 1
}
installed_version() {  # installed_version <app dir> <package>
    php -n -r '$i = json_decode(file_get_contents($argv[1] . "/vendor/composer/installed.json"), true);
        foreach ($i["packages"] ?? $i as $p) { if ($p["name"] === $argv[2]) echo $p["version"]; }' "$1" "$2"
}

