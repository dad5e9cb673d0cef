# bash completion for xport. Everything comes from xport itself, so it cannot go stale: the
# commands from `xport --help`, each command's options and subcommands from `xport CMD --help`,
# target names from `xport target list` (the catalog and the user's profiles), sysroot names from
# `xport sysroot list`; files otherwise.

_xport_commands() {
  "$1" --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && !NF { exit } on { print $1 }'
}

_xport_options() { # options and subcommands of one command (or command + subcommand)
  "$@" --help 2>/dev/null | awk '
    /^Subcommands:/ { sub_ = 1; next }
    /^[A-Z][a-z]*:/ { sub_ = 0 }
    sub_ && /^  [a-z]/ { print $1; next }
    { while (match($0, /(^|[ ,])--?[A-Za-z0-9][-A-Za-z0-9+]*/)) {
        w = substr($0, RSTART, RLENGTH); sub(/^[ ,]/, "", w); print w
        $0 = substr($0, RSTART + RLENGTH) } }' | sort -u
}

_xport_targets() {
  "$1" target list --all 2>/dev/null | awk 'NR > 1 && NF { print $1 }'
}

_xport() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local xport=${COMP_WORDS[0]} cmd="" sub="" i
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
    -*) ;;
    *) if [ -z "$cmd" ]; then cmd=${COMP_WORDS[i]}; elif [ -z "$sub" ]; then sub=${COMP_WORDS[i]}; fi ;;
    esac
  done
  if [ -z "$cmd" ]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_xport_commands "$xport") --help --version" -- "$cur")
    return
  fi
  case $prev in
  --target | -t)
    mapfile -t COMPREPLY < <(compgen -W "$(_xport_targets "$xport")" -- "$cur")
    return
    ;;
  --sysroot)
    mapfile -t COMPREPLY < <(compgen -W "$("$xport" sysroot list 2>/dev/null | awk 'NR > 1 && NF { print $1 }')" -- "$cur")
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$cur")
    return
    ;;
  esac
  # cargo, rust spec and sysroot fetch take the target as their first word.
  if { [ "$cmd" = cargo ] && [ -z "$sub" ]; } ||
    { [ "$cmd" = sysroot ] && [ "$sub" = fetch ] && [ "$prev" = fetch ]; } ||
    { [ "$cmd" = rust ] && [ "$sub" = spec ] && [ "$prev" = spec ]; }; then
    mapfile -t COMPREPLY < <(compgen -W "$(_xport_targets "$xport")" -- "$cur")
    return
  fi
  local words
  if [ -n "$sub" ] && [ "$cmd" != cc ] && [ "$cmd" != c++ ] && [ "$cmd" != cargo ]; then
    words=$(_xport_options "$xport" "$cmd" "$sub")
  else
    words=$(_xport_options "$xport" "$cmd")
  fi
  if [[ $cur == -* ]] || { [ -z "$sub" ] && [ -n "$words" ] && grep -qv '^-' <<<"$words"; }; then
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
    [[ $cur == -* ]] || mapfile -t COMPREPLY < <(compgen -W "$(grep -v '^-' <<<"$words")" -- "$cur")
    [ "${#COMPREPLY[@]}" -gt 0 ] && return
  fi
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -o filenames -F _xport xport
