# shellcheck shell=bash
# Sourced by the packaging scripts: FyneApp.toml is the one place that names
# the app (fyne's bundle reads it too).
# fyneapp KEY prints KEY's value: a string as it is, a list of strings joined
# with ';'. FyneApp.toml's keys are unique across its tables.
fyneapp() {
  sed -n -e "s/^$1 = \"\(.*\)\"\$/\1/p" -e "s/^$1 = \[\(.*\)\]\$/\1/p" FyneApp.toml |
    sed 's/", *"/;/g; s/"//g' | head -n 1
}
