samples/weak-draft-outsourcing.md
