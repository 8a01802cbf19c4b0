outline samples/weak-draft-outsourcing.md
