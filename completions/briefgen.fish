# briefgen.fish - fish completion for briefgen(1). Installed in
# share/fish/vendor_completions.d. Completes the commands, each command's
# options (long and short), the values of --format and --kind, theme ids for
# --theme, YAML files for render, watch, check and fonts, folders for
# -C/--directory, --corpus and init, the values of --color, --diagnostic-format
# and -W, the keys of --set (and the choices of language, layout, paper,
# annex and pdf_standard), the standards of render's --pdf-standard, and
# command names after 'help'.

set -l commands render check list fonts watch init help

# The theme ids of the catalogue 'list' would read: --themes, else
# themes.yaml beside the --corpus folder, else briefs/themes.yaml or
# themes.yaml.
function __briefgen_theme_ids
    set -l tokens (commandline -opc)
    set -l file
    set -l corpus
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case '--themes=*'
                set file (string replace -- '--themes=' '' $tokens[$i])
            case --themes
                set -q tokens[(math $i + 1)]; and set file $tokens[(math $i + 1)]
            case '--corpus=*'
                set corpus (string replace -- '--corpus=' '' $tokens[$i])
            case --corpus
                set -q tokens[(math $i + 1)]; and set corpus $tokens[(math $i + 1)]
        end
    end
    if test -z "$file"
        if test -n "$corpus"
            set file (dirname -- $corpus)/themes.yaml
        else if test -d briefs/events
            set file briefs/themes.yaml
        else
            set file themes.yaml
        end
    end
    test -r "$file"; or return
    string replace -rf -- '^\s*-?\s*id:\s*([a-z0-9][a-z0-9-]*).*$' '$1' <$file
end

# YAML files (and folders to reach them) for the operands.
function __briefgen_yaml
    __fish_complete_suffix .yaml
    __fish_complete_suffix .yml
end

# --set KEY=VALUE: the top-level keys of a brief (src/load/brief.c), then
# the choices of the keys that have them.
function __briefgen_set
    set -l token (commandline -ct)
    set token (string replace -r -- '^--set=' '' $token)
    if string match -q -- '*=*' $token
        set -l key (string split -m 1 -- = $token)[1]
        switch $key
            case language
                printf '%s=%s\n' $key en $key ko
            case layout
                printf '%s=%s\n' $key pack $key retrospective $key handout
            case paper
                printf '%s=%s\n' $key A4 $key Letter $key A5
            case annex
                printf '%s=%s\n' $key brief $key full $key none
            case pdf_standard
                printf '%s=%s\n' $key a-2b $key a-2a $key ua-1
        end
        return
    end
    printf '%s=\n' title title_ko subtitle date author classification language layout paper \
        corpus themes_file select sections summary talking_points anniversary chronology output \
        fonts typography annex pdf_standard
end

complete -c briefgen -f

# before the command
complete -c briefgen -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Print the help and exit'
complete -c briefgen -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'Print the version and exit'
complete -c briefgen -n "not __fish_seen_subcommand_from $commands" -a render -d 'Typeset each brief into a PDF'
complete -c briefgen -n "not __fish_seen_subcommand_from $commands" -a check -d 'Validate briefs and the corpus they use; render nothing'
complete -c briefgen -n "not __fish_seen_subcommand_from $commands" -a list -d 'Print the corpus events that match'
complete -c briefgen -n "not __fish_seen_subcommand_from $commands" -a fonts -d 'Show which font file serves each script'
complete -c briefgen -n "not __fish_seen_subcommand_from $commands" -a watch -d 'Render again whenever an input changes'
complete -c briefgen -n "not __fish_seen_subcommand_from $commands" -a init -d 'Create a corpus to start from'
complete -c briefgen -n "not __fish_seen_subcommand_from $commands" -a help -d 'Print the help of a command'

# every command, and before the command
complete -c briefgen -n "not __fish_seen_subcommand_from help" -s C -l directory -x -a '(__fish_complete_directories)' -d 'Run as if started in DIR'
complete -c briefgen -n "not __fish_seen_subcommand_from help" -l color -x -a 'auto always never' -d 'Colour diagnostics'
complete -c briefgen -n "not __fish_seen_subcommand_from help" -l diagnostic-format -x -a 'text json' -d 'Diagnostics as text or JSON'
complete -c briefgen -n "not __fish_seen_subcommand_from help" -s W -l warnings -x -a error -d 'Warnings fail the run (-W error)'
complete -c briefgen -n "not __fish_seen_subcommand_from help" -l werror -d 'Warnings fail the run'
complete -c briefgen -n "__fish_seen_subcommand_from render check list fonts watch init" -s h -l help -d 'Print the help of the command and exit'

# render
complete -c briefgen -n "__fish_seen_subcommand_from render" -s o -l output -r -F -d 'Write the PDF to FILE (- for standard output)'
complete -c briefgen -n "__fish_seen_subcommand_from render" -s j -l jobs -x -d 'Render N briefs at once'
complete -c briefgen -n "__fish_seen_subcommand_from render" -s q -l quiet -d 'Print errors only'
complete -c briefgen -n "__fish_seen_subcommand_from render" -s v -l verbose -d 'Print warnings, times and typesetting figures'
complete -c briefgen -n "__fish_seen_subcommand_from render" -l pdf-standard -x -a 'a-2b a-2a ua-1' -d 'Make the PDF to a standard (as pdf_standard)'
# watch
complete -c briefgen -n "__fish_seen_subcommand_from watch" -s o -l output -r -F -d 'Write the PDF to FILE (one brief only)'
complete -c briefgen -n "__fish_seen_subcommand_from watch" -s q -l quiet -d 'Print failed renders only'

complete -c briefgen -n "__fish_seen_subcommand_from render check watch" -l set -x -a '(__briefgen_set)' -d 'Override a top-level key of each brief'
complete -c briefgen -n "__fish_seen_subcommand_from render watch fonts" -k -a '(__briefgen_yaml)'

# check
complete -c briefgen -n "__fish_seen_subcommand_from check" -l korean -d 'Check each brief as a Korean one'
complete -c briefgen -n "__fish_seen_subcommand_from check" -k -a '(__briefgen_yaml; __fish_complete_suffix .md)'

# list
complete -c briefgen -n "__fish_seen_subcommand_from list" -s t -l theme -x -a '(__briefgen_theme_ids)' -d 'Events of THEME'
complete -c briefgen -n "__fish_seen_subcommand_from list" -s k -l kind -x -a 'summit phone-call meeting visit dialogue agreement interview statement other' -d 'Events of KIND'
complete -c briefgen -n "__fish_seen_subcommand_from list" -l from -x -d 'Events on or after DATE (YYYY[-MM[-DD]])'
complete -c briefgen -n "__fish_seen_subcommand_from list" -l to -x -d 'Events on or before DATE (YYYY[-MM[-DD]])'
complete -c briefgen -n "__fish_seen_subcommand_from list" -s f -l format -x -a 'text json' -d 'Output format'
complete -c briefgen -n "__fish_seen_subcommand_from list" -l corpus -x -a '(__fish_complete_directories)' -d 'The folder of event files'
complete -c briefgen -n "__fish_seen_subcommand_from list" -l themes -x -a '(__briefgen_yaml)' -d 'The theme catalogue'

# init DIR
complete -c briefgen -n "__fish_seen_subcommand_from init" -x -a '(__fish_complete_directories)'

# help COMMAND
complete -c briefgen -n "__fish_seen_subcommand_from help; and not __fish_seen_subcommand_from render check list fonts watch init" -a 'render check list fonts watch init' -d Command
