# bash completion for paxray (installed to share/bash-completion/completions).
_paxray() {
  local cur prev cmd i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  cmd=
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      scan|timeline|replay|isolate-check|extract|causes) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "scan timeline replay isolate-check extract causes --help --version" -- "$cur"))
    return
  fi
  case $prev in
    --json|--html|--config|--export-scenario|--scenario|--state|-o|--output)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --tz|--clock-offset|--node|--assign|--since|--until|--at|--server|--threads|--seeds|--replay-seeds|--group|--tenant|--ls|--kind|--context-minutes|--token)
      return ;;
  esac
  if [[ $cur == -* ]]; then
    local opts="--help --tz --clock-offset --since --until --threads --no-mmap --no-fold --quiet"
    case $cmd in
      scan) opts+=" --node --json --html --config --no-replay --replay-seeds --state --context-minutes --nagios --files --verbose" ;;
      extract) opts+=" --node --output" ;;
      timeline) opts+=" --assign --tenant --ls --node --kind --json" ;;
      replay) opts="--help --export-scenario --config --group --scenario --seeds --token --trace" ;;
      causes) opts="--help --markdown" ;;
      isolate-check) opts+=" --node --server --at --json --replay-seeds" ;;
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _paxray paxray
