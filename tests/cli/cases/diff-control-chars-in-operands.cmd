diff --format "$(printf 'h\033]0;t\007\302\233')" samples/weak-draft-outsourcing.txt samples/weak-draft-outsourcing.txt
