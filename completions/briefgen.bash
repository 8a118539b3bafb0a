# briefgen.bash - bash completion for briefgen(1). Installed as
# share/bash-completion/completions/briefgen; or source it from ~/.bashrc.
# Completes the commands, each command's options (long and short), the
# values of --format and --kind, theme ids for --theme (from the catalogue
# list would read), YAML files for render, watch, check and fonts, folders for
# -C/--directory, --corpus and init, the values of --color, --diagnostic-format
# and -W, the keys of --set (and the choices of language, layout, paper, annex
# and pdf_standard), the standards of render's --pdf-standard,
# and command names after 'help'. It works with or without the
# bash-completion package.

# The kinds of event (src/load/names.c), the top-level keys of a brief
# (src/load/brief.c) for --set, and the commands.
_briefgen_kinds='summit phone-call meeting visit dialogue agreement interview statement other'
_briefgen_brief_keys='title title_ko subtitle date author classification language layout paper
corpus themes_file select sections summary talking_points anniversary chronology output fonts
typography annex pdf_standard'
_briefgen_commands='render check list fonts watch init help'

# The options of command $1 ('' before the command), then the common ones.
_briefgen_options() {
    local common='-C --directory --color --diagnostic-format -W --warnings --werror -h --help'
    case $1 in
    render) echo "-o --output -j --jobs -q --quiet -v --verbose --set --pdf-standard $common" ;;
    watch) echo "-o --output -q --quiet --set $common" ;;
    check) echo "--set --korean $common" ;;
    fonts | init) echo "$common" ;;
    list) echo "-t --theme -k --kind --from --to -f --format --corpus --themes $common" ;;
    '') echo "$common -V --version" ;;
    esac
}

# Does option $2 of command $1 take a value?
_briefgen_takes_value() {
    case $2 in
    -C | --directory | --color | --diagnostic-format | -W | --warnings) return 0 ;;
    esac
    case $1:$2 in
    render:-o | render:--output | render:-j | render:--jobs | render:--set | check:--set) return 0 ;;
    render:--pdf-standard) return 0 ;;
    watch:-o | watch:--output | watch:--set) return 0 ;;
    list:-t | list:--theme | list:-k | list:--kind | list:--from | list:--to) return 0 ;;
    list:-f | list:--format | list:--corpus | list:--themes) return 0 ;;
    esac
    return 1
}

# --set KEY=VALUE: COMPREPLY for the word $cur after '--set' ($1 is the
# key when the word is the value after 'KEY=', else empty).
_briefgen_set() {
    if [[ -n $1 ]]; then
        case $1 in
        language) _briefgen_words $'en\nko' ;;
        layout) _briefgen_words $'pack\nretrospective\nhandout' ;;
        paper) _briefgen_words $'A4\nLetter\nA5' ;;
        annex) _briefgen_words $'brief\nfull\nnone' ;;
        pdf_standard) _briefgen_words $'a-2b\na-2a\nua-1' ;;
        esac
        return 0
    fi
    if [[ $cur == *=* ]]; then # 'KEY=VAL' in one word ('=' not a word break)
        local key=${cur%%=*} value=${cur#*=}
        cur=$value _briefgen_set "$key"
        COMPREPLY=("${COMPREPLY[@]/#/$key=}")
        return 0
    fi
    mapfile -t COMPREPLY < <(compgen -W "$_briefgen_brief_keys" -S = -- "$cur")
    compopt -o nospace 2>/dev/null
}

# COMPREPLY from words (one a line) that start with $cur.
_briefgen_words() {
    local IFS=$'\n'
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# COMPREPLY: folders, and files matching the extended glob $1 (none when
# empty), relative to $dir (-C) when one was given.
_briefgen_paths() {
    local IFS=$'\n' where=${dir:-.} hidden='.*'
    [[ $where == '~'* ]] && where=$HOME${where#\~}
    [[ $cur == .* ]] && hidden='' # hidden names only when asked for
    mapfile -t COMPREPLY < <(
        cd -- "$where" 2>/dev/null || exit 0
        shopt -s extglob
        if [[ -n $hidden ]]; then compgen -d -X "$hidden" -- "$cur"; else compgen -d -- "$cur"; fi
        [[ -n $1 ]] && compgen -f -X "!$1" -- "$cur"
    )
    compopt -o filenames 2>/dev/null
}

# COMPREPLY: the theme ids of the catalogue 'list' would read.
_briefgen_theme_ids() {
    local where=${dir:-.} file=$themes
    if [[ -z $file ]]; then
        if [[ -n $corpus ]]; then
            file=$(dirname -- "$corpus")/themes.yaml
        elif [[ -d $where/briefs/events ]]; then
            file=briefs/themes.yaml
        else
            file=themes.yaml
        fi
    fi
    [[ $file != /* ]] && file=$where/$file
    [[ -r $file ]] || return 0
    _briefgen_words "$(sed -n 's/^[[:space:]]*-\{0,1\}[[:space:]]*id:[[:space:]]*\([a-z0-9][a-z0-9-]*\).*/\1/p' "$file")"
}

_briefgen() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=''
    local -a words=("${COMP_WORDS[@]}")
    local cword=$COMP_CWORD
    COMPREPLY=()
    # bash splits '--opt=value' at '=' (COMP_WORDBREAKS): join it again
    if [[ $cur == '=' && $cword -ge 2 ]]; then
        prev=${words[cword - 1]}
        cur=''
    elif [[ $cword -ge 3 && ${words[cword - 1]} == '=' ]]; then
        prev=${words[cword - 2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    elif [[ $cword -ge 1 ]]; then
        prev=${words[cword - 1]}
    fi

    # the command, the folder of -C, and list's --corpus and --themes
    local command='' dir='' corpus='' themes='' i=1 w
    local only_operands=''
    while [[ $i -lt $cword ]]; do
        w=${words[i]}
        local next=${words[i + 1]:-}
        local value=''
        if [[ $next == '=' ]]; then # '--opt' '=' 'value'
            value=${words[i + 2]:-}
            [[ $((i + 2)) -lt $cword ]] || value=''
        fi
        if [[ -n $only_operands ]]; then
            :
        elif [[ $w == -- ]]; then
            [[ -n $command ]] && only_operands=1
        elif [[ $w == -C?* ]]; then
            dir=${w#-C}
        elif [[ $w == --directory=* ]]; then
            dir=${w#*=}
        elif [[ $next == '=' ]]; then
            case $w in
            --directory) dir=$value ;;
            --corpus) corpus=$value ;;
            --themes) themes=$value ;;
            esac
            i=$((i + 2))
        elif [[ $w == --corpus=* ]]; then
            corpus=${w#*=}
        elif [[ $w == --themes=* ]]; then
            themes=${w#*=}
        elif [[ $w == -* ]] && _briefgen_takes_value "$command" "$w"; then
            if [[ $((i + 1)) -lt $cword ]]; then
                case $w in
                -C | --directory) dir=$next ;;
                --corpus) corpus=$next ;;
                --themes) themes=$next ;;
                esac
            fi
            i=$((i + 1))
        elif [[ $w != -* && -z $command ]]; then
            command=$w
        fi
        i=$((i + 1))
    done

    # the value of --set KEY=VALUE, split by bash at '=': '--set' ['='] KEY '=' VALUE
    if [[ -z $only_operands && $cword -ge 3 ]]; then
        local at=$cword
        [[ $cur == '=' ]] && at=$((cword + 1)) # the value is still empty
        if [[ ${words[at - 1]} == '=' ]] && { [[ ${words[at - 3]} == --set ]] ||
            [[ ${words[at - 3]} == '=' && ${words[at - 4]} == --set ]]; }; then
            [[ $cur == '=' ]] && cur=''
            _briefgen_set "${words[at - 2]}"
            return 0
        fi
    fi

    # the value of an option
    if [[ -z $only_operands && $prev == -* ]] && _briefgen_takes_value "$command" "$prev"; then
        case $prev in
        -C | --directory | --corpus) _briefgen_paths '' ;;
        -o | --output) _briefgen_paths '*.pdf' ;;
        --themes) _briefgen_paths '*.@(yaml|yml)' ;;
        -f | --format | --diagnostic-format) _briefgen_words $'text\njson' ;;
        --color) _briefgen_words $'auto\nalways\nnever' ;;
        -W | --warnings) _briefgen_words 'error' ;;
        -k | --kind) _briefgen_words "${_briefgen_kinds// /$'\n'}" ;;
        -t | --theme) _briefgen_theme_ids ;;
        --set) _briefgen_set '' ;;
        --pdf-standard) _briefgen_words $'a-2b\na-2a\nua-1' ;;
        esac
        return 0
    fi

    # an option
    if [[ -z $only_operands && $cur == -* ]]; then
        local opts
        opts=$(_briefgen_options "$command")
        _briefgen_words "${opts// /$'\n'}"
        return 0
    fi

    # an operand
    case $command in
    '') _briefgen_words "${_briefgen_commands// /$'\n'}" ;;
    render | watch | fonts) _briefgen_paths '*.@(yaml|yml)' ;;
    check) _briefgen_paths '*.@(yaml|yml|md)' ;;
    init) _briefgen_paths '' ;;
    help)
        # one command name, once
        local n=0
        for ((i = 1; i < cword; i++)); do
            [[ ${words[i]} == help ]] && n=$i
        done
        [[ $((cword - n)) -eq 1 ]] && _briefgen_words "${_briefgen_commands// /$'\n'}"
        ;;
    esac
    return 0
}

complete -F _briefgen briefgen
