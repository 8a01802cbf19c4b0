# bash completion for clauselint                        -*- shell-script -*-
# Installed by `make install` into $(PREFIX)/share/bash-completion/completions.

_clauselint()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi

	local opts="--format --output --fail-on --pack --disable-pack
		--no-default-packs --enable --disable --severity --config --no-config
		--include --exclude --jobs --baseline --write-baseline --input-format
		--revisions --color --progress --max-check-seconds --max-pdf-seconds
		--max-pdf-memory --max-doc-memory --verbose --help
		--version"

	case $prev in
	-f | --format)
		COMPREPLY=($(compgen -W "text json sarif markdown html junit gitlab checkstyle jsonl" -- "$cur"))
		return ;;
	--fail-on)
		COMPREPLY=($(compgen -W "error warning info none" -- "$cur"))
		return ;;
	--input-format)
		COMPREPLY=($(compgen -W "auto text markdown docx odt html rtf pdf" -- "$cur"))
		return ;;
	--revisions)
		COMPREPLY=($(compgen -W "accept reject" -- "$cur"))
		return ;;
	--color | --colour | --progress)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return ;;
	--max-check-seconds | --max-pdf-seconds | --max-pdf-memory | --max-doc-memory)
		COMPREPLY=($(compgen -W "none" -- "$cur"))
		return ;;
	--enable | --disable | --severity)
		# rule ids of the loaded packs
		local ids
		ids=$(clauselint packs list 2>/dev/null | awk '/^  [a-z]/ {print $1}')
		if [ "$prev" = --severity ]; then
			COMPREPLY=($(compgen -W "$(printf '%s=error %s=warning %s=info ' $(for i in $ids; do echo "$i $i $i"; done))" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$ids" -- "$cur"))
		fi
		return ;;
	--disable-pack)
		COMPREPLY=($(compgen -W "outsourcing hidden-costs ambiguity commercial-terms drafting gdpr-art28 eba-outsourcing dora-art30" -- "$cur"))
		return ;;
	-p | --pack)
		COMPREPLY=($(compgen -W "gdpr-art28 eba-outsourcing dora-art30" -- "$cur") $(compgen -f -- "$cur"))
		return ;;
	-o | --output | --config | --baseline | --write-baseline)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-j | --jobs | --include | --exclude)
		return ;;
	esac

	if [ "$cword" -eq 1 ] && [[ $cur != -* ]]; then
		COMPREPLY=($(compgen -W "check packs outline text diff" -- "$cur") $(compgen -f -- "$cur"))
		return
	fi
	if [ "${words[1]}" = packs ] && [ "$cword" -eq 2 ]; then
		COMPREPLY=($(compgen -W "list test lint show patterns profile" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _clauselint clauselint
