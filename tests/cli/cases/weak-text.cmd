samples/weak-draft-outsourcing.txt
